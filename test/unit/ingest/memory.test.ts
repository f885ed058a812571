import { transformFileSync } from '@swc/core';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../..');

/** Compiles the ingest code (and the fixture generator) to CommonJS so a plain child node process can run it. */
function compileTo(dir: string): void {
  const dirs = ['shared/ingest', 'shared/features', 'test/fixtures'];
  for (const d of dirs) {
    for (const f of fs.readdirSync(path.join(repo, d)).filter((x) => x.endsWith('.ts'))) {
      const out = transformFileSync(path.join(repo, d, f), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      fs.mkdirSync(path.join(dir, d), { recursive: true });
      fs.writeFileSync(path.join(dir, d, f.replace(/\.ts$/, '.js')), out.code);
    }
  }
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
}

describe('streaming CSV parse stays within a memory bound', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentwise-mem-'));
    compileTo(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('300,000 rows x 20 columns: peak RSS under 500 MB (1M rows < 1.5 GB is in the parse bench)', () => {
    const rows = 300_000;
    const script = `
      const { readTable } = require('./shared/ingest/readTable');
      const { syntheticCsv } = require('./test/fixtures/syntheticCsv');
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
