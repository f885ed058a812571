import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** ../shared beside the repository (benchmarks run from the repo root: `npm run bench`). */
export function sharedDir(): string {
  const fromEnv = process.env.SEGMENTWISE_SHARED_DATA;
  return fromEnv ? path.resolve(fromEnv, '..') : path.resolve(process.cwd(), '../shared');
}

export const anchorsDir = (): string => path.join(sharedDir(), 'bench-anchors');
export const dataDir = (): string => path.join(sharedDir(), 'data');

/** Debian's python with scikit-learn (never the pyenv one on PATH). */
export const PYTHON = '/usr/bin/python3';

let sklearnChecked: boolean | undefined;
export function hasSklearn(): boolean {
  if (sklearnChecked === undefined) {
    const r = spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' });
    sklearnChecked = r.status === 0;
  }
  return sklearnChecked;
}

/** Runs a command, returns stdout; throws with stderr when it fails. */
export function run(cmd: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): string {
  const r = spawnSync(cmd, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** A scratch folder kept between runs so generated data is reused. */
export function scratchDir(name: string): string {
  const dir = path.join(os.tmpdir(), 'segmentwise-bench', name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** `key=value` pairs from an anchor script's output line. */
export function parseFigures(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/([\w-]+)=([^\s]+)/g)) out[m[1]] = m[2];
  return out;
}

/** `--name=value` from the bench arguments. */
export function argValue(args: string[], name: string): string | undefined {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Fixed-width table rows, so figures line up in a terminal. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths = cells[0].map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  return cells.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ')).join('\n');
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1e5) return v.toExponential(6);
  return v.toFixed(Math.abs(v) >= 100 ? 1 : 4);
}
