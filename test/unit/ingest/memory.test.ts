import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { compileForChild } from '../../helpers/compileForChild';

/**
 * The reader must stream: rows become typed columns as they arrive, never a table of strings first.
 * Peak RSS depends on the machine (heap sizing follows its memory and cores), so this does not measure
 * it; it runs the parse under a fixed V8 heap limit that 300,000 rows held as strings (~6 million
 * string cells, several hundred MB) cannot fit in, so holding them makes the child die out of memory.
 * The RSS figure itself (1M rows < 1.5 GB) is in `npm run bench -- parse`.
 */
const HEAP_LIMIT_MB = 96;

describe('streaming CSV parse stays within a memory bound', () => {
  let dir: string;
  beforeAll(() => {
    // The readers alone (ingest/ imports nothing else at run time) and the generator.
    dir = compileForChild(['shared/ingest', 'tools/datasets']);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const parseIn = (script: string) =>
    spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, '-e', script], { cwd: dir, encoding: 'utf8', timeout: 300_000 });

  test(`300,000 rows x 20 columns parse to typed columns under a ${HEAP_LIMIT_MB} MB heap limit`, () => {
    const rows = 300_000;
    const res = parseIn(`
      const { readTable } = require('./shared/ingest/readTable');
      const { syntheticCsv } = require('./tools/datasets/syntheticCsv');
      readTable({ name: 'big.csv', open: () => syntheticCsv(${rows}) }).then((t) => {
        const kinds = t.columns.map((c) => c.kind).join(',');
        console.log(JSON.stringify({ rows: t.rowCount, cols: t.columns.length, kinds }));
      }, (err) => { console.error(err); process.exit(1); });`);
    expect(res.stderr).not.toMatch(/heap out of memory/i);
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout.trim().split('\n').pop()!);
    expect(out.rows).toBe(rows);
    expect(out.cols).toBe(20);
    expect(out.kinds).toBe(['string', ...Array(15).fill('number'), 'string', 'string', 'string', 'string'].join(','));
  });

  test('the limit is one that holding the rows as strings breaks', () => {
    // Same rows, kept as csv-parse's string arrays: the control that shows the bound has teeth.
    const res = parseIn(`
      const { parse } = require('csv-parse');
      const { syntheticCsv } = require('./tools/datasets/syntheticCsv');
      const held = [];
      syntheticCsv(300000).pipe(parse()).on('data', (r) => held.push(r)).on('end', () => console.log(held.length));`);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/heap out of memory|Allocation failed/i);
  });
});
