import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Spreading an array into a call's arguments (`push(...rows)`, `Math.max(...xs)`, `fn.apply(x, rows)`)
 * puts every element on the stack: past ~120–150k elements V8 throws "Maximum call stack size
 * exceeded", which at a million customers ended runs as Failed. The app's sources may do it only
 * over arrays whose size does not grow with the data; each such use is listed below with the bound
 * that makes it safe. Anything else fails here (docs/RELIABILITY.md, review rules).
 */
const repoRoot = path.resolve(__dirname, '../../..');
const scannedFolders = ['shared', 'functions', 'local', 'tools'];

/** Calls whose spread arguments land on the stack. `.apply(` is listed whatever its arguments. */
const spreadCall = /(?:\.push|\.unshift|\.splice|Math\.max|Math\.min|\.fromCharCode|\.fromCodePoint)\s*\(/g;
const applyCall = /\.apply\s*\(/g;

interface AllowedUse {
  file: string;
  /** The call as written (whitespace collapsed), so a changed line is looked at again. */
  call: string;
}

const allowed: AllowedUse[] = [
  // One element per previous segment (k ≤ 20).
  { file: 'shared/segments/matchSegments.ts', call: 'Math.max(...previous.map((p) => p.segment))' },
  // One message, skip or failure per customer of one batch: messageBatchSize (100) at most.
  { file: 'shared/api/messageBatches.ts', call: 'result.messages.push(...part.messages)' },
  { file: 'shared/api/messageBatches.ts', call: 'result.skipped.push(...part.skipped)' },
  { file: 'shared/api/messageBatches.ts', call: 'result.failed.push(...part.failed)' },
  // One count per row of the header scan (the first 25 rows of a sheet).
  { file: 'shared/ingest/xlsxSheetTable.ts', call: 'Math.max(...filled)' },
  // One value per candidate k (kRange, at most a few dozen).
  { file: 'shared/ml/findKnee.ts', call: 'Math.max(...ys)' },
  { file: 'shared/ml/findKnee.ts', call: 'Math.min(...ys)' },
  // One size per segment of one candidate k.
  { file: 'shared/ml/chooseClusterCount.ts', call: 'Math.min(...e.sizes)' },
  // One value per segment, drawn in the report.
  { file: 'shared/report/charts/segmentSilhouetteChart.ts', call: 'Math.min(0, ...ordered.map((s) => s.silhouette ?? 0))' },
  { file: 'shared/report/charts/segmentProfileChart.ts', call: 'Math.max(1, ...values.map((v) => Math.abs(v.z)))' },
  // A fuzz mutator's own method named apply, not Function.prototype.apply.
  { file: 'tools/fuzz/fuzzCases.ts', call: 'm.apply(bytes, rng, base)' },
];

interface Use {
  file: string;
  line: number;
  call: string;
}

/** Comments out of the way (they may quote the very calls this test looks for), line count kept. */
function withoutComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The text from an opening parenthesis to its match, or undefined when the file ends first. */
function argumentsFrom(source: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  return undefined;
}

/**
 * A spread among the call's own arguments (not inside an object or array written there) of anything
 * but an array literal written in place (`...[a, b]` is as long as it looks).
 */
function spreadsAnArray(args: string): boolean {
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && args.startsWith('...', i) && /^\.\.\.\s*(?!\[)[A-Za-z_$(]/.test(args.slice(i, i + 40))) return true;
  }
  return false;
}

function findSpreadArguments(file: string, source: string): Use[] {
  const text = withoutComments(source);
  const uses: Use[] = [];
  const record = (start: number, open: number, args: string): void => {
    const receiver = /[A-Za-z0-9_$.\]]*$/.exec(text.slice(Math.max(0, start - 80), start))![0];
    const call = `${receiver}${text.slice(start, open)}(${args})`.replace(/\s+/g, ' ');
    uses.push({ file, line: text.slice(0, start).split('\n').length, call });
  };
  for (const m of text.matchAll(spreadCall)) {
    const open = m.index + m[0].length - 1;
    const args = argumentsFrom(text, open);
    if (args !== undefined && spreadsAnArray(args)) record(m.index, open, args);
  }
  for (const m of text.matchAll(applyCall)) {
    const open = m.index + m[0].length - 1;
    record(m.index, open, argumentsFrom(text, open) ?? '');
  }
  return uses;
}

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) for (const inner of sourceFiles(full)) out.push(inner);
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

function scanApp(): Use[] {
  const uses: Use[] = [];
  for (const folder of scannedFolders) {
    for (const full of sourceFiles(path.join(repoRoot, folder))) {
      const file = path.relative(repoRoot, full).split(path.sep).join('/');
      for (const use of findSpreadArguments(file, fs.readFileSync(full, 'utf8'))) uses.push(use);
    }
  }
  return uses;
}

const isAllowed = (use: Use): boolean => allowed.some((a) => a.file === use.file && a.call === use.call);

describe('no data-sized array is spread into call arguments', () => {
  test('the scanner finds spreads of arrays and apply calls, and passes literal and element-wise code', () => {
    const found = findSpreadArguments('x.ts', [
      'out.push(...rows);',
      'const top = Math.max(...scores.map((s) => s.value));',
      'const low = Math.min(0, ...values);',
      'const text = String.fromCharCode(...bytes.subarray(0, n));',
      'Math.max.apply(null, values);',
      'list.push(...[a, b]);',
      'files.push({ name, ...source });',
      'for (const r of rows) out.push(r);',
      'const copy = [...rows];',
      '// out.push(...rows) in a comment',
    ].join('\n'));
    expect(found.map((u) => [u.line, u.call])).toEqual([
      [1, 'out.push(...rows)'],
      [2, 'Math.max(...scores.map((s) => s.value))'],
      [3, 'Math.min(0, ...values)'],
      [4, 'String.fromCharCode(...bytes.subarray(0, n))'],
      [5, 'Math.max.apply(null, values)'],
    ]);
  });

  test('every spread into call arguments in shared/, functions/, local/ and tools/ is over a bounded array listed here', () => {
    const unexpected = scanApp().filter((u) => !isAllowed(u)).map((u) => `${u.file}:${u.line} ${u.call}`);
    expect(unexpected).toEqual([]);
  });

  test('every allowed use still exists, so the list says what the code does', () => {
    const uses = scanApp();
    const stale = allowed.filter((a) => !uses.some((u) => u.file === a.file && u.call === a.call));
    expect(stale).toEqual([]);
  });
});
