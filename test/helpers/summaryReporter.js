const path = require('node:path');

// Prints plain closing lines CI logs can read: "jest: N passed, N failed, N skipped", the tests per
// layer (test/unit, test/integration, test/e2e), and every conditional skip with its reason.
class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const layers = new Map();
    const reasons = new Map();
    for (const file of results.testResults) {
      const layer = path.relative(path.join(this.rootDir, 'test'), file.testFilePath).split(path.sep)[0];
      layers.set(layer, (layers.get(layer) ?? 0) + file.testResults.length);
      for (const test of file.testResults) {
        if (test.status !== 'pending' && test.status !== 'skipped' && test.status !== 'todo') continue;
        // The helpers that skip on purpose put "(skipped: why)" in the suite's name.
        const reason = [...test.ancestorTitles, test.title].map((t) => /\(skipped: (.*)\)$/.exec(t)?.[1]).find(Boolean) ?? 'skipped without a stated reason';
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    }
    const lines = [`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`];
    lines.push(`jest by layer: ${[...layers].sort().map(([layer, n]) => `${layer} ${n}`).join(', ')}`);
    for (const [reason, n] of reasons) lines.push(`jest skipped ${n}: ${reason}`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
module.exports = SummaryReporter;
