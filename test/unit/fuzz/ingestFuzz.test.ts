import * as fs from 'node:fs';
import * as path from 'node:path';
import { fuzzCase } from '../../../tools/fuzz/fuzzCases';
import { runFuzz, formatFuzzReport, type FuzzReport } from '../../../tools/fuzz/runFuzz';
import { specialInputs } from '../../../tools/fuzz/specialInputs';
import { describeWithData, sharedDataDir } from '../../helpers/sharedData';
import { compileForChild } from '../../helpers/compileForChild';

// The worker runs in a plain forked node process, so it needs the ingest code compiled to JavaScript.
let dir: string;
beforeAll(() => {
  dir = compileForChild(['shared', 'tools/fuzz']);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const workerScript = (): string => path.join(dir, 'tools/fuzz/fuzzWorker.js');

function expectClean(report: FuzzReport, count: number): void {
  // Printed on failure: which case, what it was, how it ended.
  if (report.failures.length > 0) console.log(formatFuzzReport(report));
  expect(report.inputs).toBe(count);
  expect(report.crashes).toBe(0);
  expect(report.hangs).toBe(0);
  expect(report.failures.map((f) => `#${f.index} ${f.name}: ${f.problem ?? f.detail}`)).toEqual([]);
  expect(report.completed + report.reported).toBe(count);
  // Each case runs under the runner's limits: a 1 GiB heap and a 1.5 GiB resident-memory watchdog
  // that ends a case above it as a crash (none above). Resident memory itself follows the machine's
  // allocator and heap sizing, so the bound asserted is the watchdog's, not a figure from one machine.
  expect(report.peakRssMb).toBeLessThan(1536);
}

describe('ingestion fuzz: a fixed seeded subset (generated inputs)', () => {
  test('200 inputs end in a table or a clear IngestError naming the file; none crashes or hangs', async () => {
    const count = 200;
    const report = await runFuzz({ seed: 1, count, dataDir: null, workerScript: workerScript(), timeoutMs: 20_000 });
    expectClean(report, count);
    // Both kinds of ending are exercised, not just one.
    expect(report.completed).toBeGreaterThan(20);
    expect(report.reported).toBeGreaterThan(40);
    const byFile = (file: string) => report.outcomes.find((o) => o.file === file);
    expect(byFile('bomb.xlsx')).toMatchObject({ outcome: 'reported', code: 'XLSX_UNSAFE' });
    expect(byFile('lying-bomb.xlsx')).toMatchObject({ outcome: 'reported', code: 'XLSX_UNSAFE' });
    expect(byFile('laughs.xlsx')).toMatchObject({ outcome: 'reported', code: 'XLSX_UNSAFE' });
    expect(byFile('zipped-csv.xlsx')).toMatchObject({ outcome: 'reported', code: 'WRONG_FORMAT' });
    expect(byFile('wide.csv')).toMatchObject({ outcome: 'reported', code: 'TOO_MANY_COLUMNS' });
    expect(byFile('long-cell.xlsx')).toMatchObject({ outcome: 'reported', code: 'CELL_TOO_LONG' });
    expect(byFile('dates.csv')).toMatchObject({ outcome: 'completed' });
    // Every crafted input of the issue is in the subset.
    expect(report.outcomes.filter((o) => o.index < specialInputs.length)).toHaveLength(specialInputs.length);
  }, 110_000);

  test('a case is reproducible from its seed and index', async () => {
    const a = await fuzzCase(7, 123, { dataDir: null });
    const b = await fuzzCase(7, 123, { dataDir: null });
    const c = await fuzzCase(8, 123, { dataDir: null });
    expect(a.name).toBe(b.name);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.bytes.equals(c.bytes) && a.name === c.name).toBe(false);
  });
});

describeWithData('ingestion fuzz: mutations of the real datasets', () => {
  test('120 inputs mutated from the first KB of the real files end in a table or a clear IngestError', async () => {
    // The crafted inputs ran above; here only seeded mutations, drawn from generated and real inputs.
    const count = 120;
    const only = Array.from({ length: count }, (_, i) => specialInputs.length + i);
    const report = await runFuzz({ seed: 11, count, only, dataDir: sharedDataDir, workerScript: workerScript(), timeoutMs: 20_000 });
    expectClean(report, count);
    expect(report.outcomes.filter((o) => /telco|bank|one-click|online-retail|ecommerce/.test(o.name)).length).toBeGreaterThan(40);
  }, 110_000);
});
