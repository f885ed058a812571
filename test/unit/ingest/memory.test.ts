import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { compileForChild } from '../../helpers/compileForChild';

describe('streaming CSV parse stays within a memory bound', () => {
  let dir: string;
  beforeAll(() => {
    // The readers alone (ingest/ imports nothing else at run time) and the generator.
    dir = compileForChild(['shared/ingest', 'tools/datasets']);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('300,000 rows x 20 columns: peak RSS under 500 MB (1M rows < 1.5 GB is in the parse bench)', () => {
    const rows = 300_000;
    const script = `
      const { readTable } = require('./shared/ingest/readTable');
      const { syntheticCsv } = require('./tools/datasets/syntheticCsv');
      readTable({ name: 'big.csv', open: () => syntheticCsv(${rows}) }).then((t) => {
        const kinds = t.columns.map((c) => c.kind).join(',');
        console.log(JSON.stringify({ rows: t.rowCount, cols: t.columns.length, kinds, maxRssKb: process.resourceUsage().maxRSS }));
      }, (err) => { console.error(err); process.exit(1); });`;
    const res = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout.trim().split('\n').pop()!);
    expect(out.rows).toBe(rows);
    expect(out.cols).toBe(20);
    expect(out.kinds).toBe(['string', ...Array(15).fill('number'), 'string', 'string', 'string', 'string'].join(','));
    const peakMb = out.maxRssKb / 1024;
    expect(peakMb).toBeLessThan(500);
  });
});
