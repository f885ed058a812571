/**
 * `npm run fuzz [-- N] [--seed=S] [--timeout=ms] [--case=i] [--verbose]`: pushes N seeded fuzz cases
 * (default 200) through ingestion, each in an isolated process with time and memory limits, and prints
 * inputs, completed, reported errors, crashes, hangs and peak memory. Exits 1 when any case crashed,
 * hung, or ended differently from what it must (a crafted input completing, an error not naming its file).
 */
import * as path from 'node:path';
import type { CaseOutcome } from './FuzzCase';
import { fuzzCase, fuzzCases, type FuzzCaseOptions } from './fuzzCases';
import { IsolatedCaseRunner } from './IsolatedCaseRunner';

export interface FuzzRunOptions extends FuzzCaseOptions {
  seed: number;
  count: number;
  /** Per-case wall-clock limit (default 15 s). */
  timeoutMs?: number;
  /** Per-process resident memory limit (default 1,536 MiB) and heap limit (default 1,024 MiB). */
  maxRssMb?: number;
  heapMb?: number;
  /** The compiled fuzzWorker.js (default: beside this file). */
  workerScript?: string;
  /** Only these case indexes (to reproduce failures). */
  only?: number[];
  onCase?: (outcome: CaseOutcome) => void;
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  completed: number;
  reported: number;
  crashes: number;
  hangs: number;
  /** Cases that ended in a crash or hang, or not as they must (see CaseOutcome.problem). */
  failures: CaseOutcome[];
  /** Reported errors by IngestError code. */
  codes: Record<string, number>;
  peakRssMb: number;
  /** Resident memory of the worker after the last case, to see that memory does not creep. */
  finalRssMb: number;
  workerProcesses: number;
  seconds: number;
  slowest: CaseOutcome[];
  outcomes: CaseOutcome[];
}

export async function runFuzz(options: FuzzRunOptions): Promise<FuzzReport> {
  const runner = new IsolatedCaseRunner({
    workerScript: options.workerScript ?? path.join(__dirname, 'fuzzWorker.js'),
    timeoutMs: options.timeoutMs ?? 15_000,
    maxRssMb: options.maxRssMb ?? 1536,
    heapMb: options.heapMb ?? 1024,
  });
  const t0 = Date.now();
  const outcomes: CaseOutcome[] = [];
  try {
    const cases = options.only
      ? (async function* () {
          for (const i of options.only!) yield await fuzzCase(options.seed, i, options);
        })()
      : fuzzCases(options.seed, options.count, options);
    for await (const c of cases) {
      const outcome = await runner.run(c);
      const expected = expectationProblem(c.expect, c.expectCodes, outcome);
      if (expected && !outcome.problem) outcome.problem = expected;
      outcomes.push(outcome);
      options.onCase?.(outcome);
    }
  } finally {
    runner.close();
  }
  const count = (k: CaseOutcome['outcome']): number => outcomes.filter((o) => o.outcome === k).length;
  const codes: Record<string, number> = {};
  for (const o of outcomes) if (o.outcome === 'reported' && o.code) codes[o.code] = (codes[o.code] ?? 0) + 1;
  return {
    seed: options.seed,
    inputs: outcomes.length,
    completed: count('completed'),
    reported: count('reported'),
    crashes: count('crash'),
    hangs: count('hang'),
    failures: outcomes.filter((o) => o.outcome === 'crash' || o.outcome === 'hang' || o.problem),
    codes,
    peakRssMb: Math.round(runner.peakRssMb),
    finalRssMb: outcomes.length ? outcomes[outcomes.length - 1].rssMb : 0,
    workerProcesses: runner.processes,
    seconds: (Date.now() - t0) / 1000,
    slowest: [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5),
    outcomes,
  };
}

function expectationProblem(expect: string, codes: string[] | undefined, o: CaseOutcome): string | undefined {
  if (o.outcome === 'crash' || o.outcome === 'hang') return undefined;
  if (expect === 'completed' && o.outcome !== 'completed') return `must complete, but was reported (${o.code}: ${o.detail.slice(0, 200)})`;
  if (expect === 'reported' && o.outcome !== 'reported') return `must be reported, but completed (${o.detail})`;
  if (o.outcome === 'reported' && codes && !codes.includes(o.code!)) return `must be reported as ${codes.join(' or ')}, but was ${o.code}: ${o.detail.slice(0, 200)}`;
  return undefined;
}

export function formatFuzzReport(r: FuzzReport): string {
  const lines = [
    `fuzz seed=${r.seed}`,
    `  inputs           ${r.inputs}`,
    `  completed        ${r.completed}`,
    `  reported errors  ${r.reported}  (${Object.entries(r.codes).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')})`,
    `  crashes          ${r.crashes}`,
    `  hangs            ${r.hangs}`,
    `  other failures   ${r.failures.filter((f) => f.outcome !== 'crash' && f.outcome !== 'hang').length}`,
    `  peak memory      ${r.peakRssMb} MiB RSS (worker after last case ${Math.round(r.finalRssMb)} MiB; ${r.workerProcesses} worker process${r.workerProcesses === 1 ? '' : 'es'})`,
    `  time             ${r.seconds.toFixed(1)} s (${((r.seconds * 1000) / Math.max(1, r.inputs)).toFixed(0)} ms per input)`,
    `  slowest          ${r.slowest.map((o) => `#${o.index} ${o.ms} ms`).join(', ')}`,
  ];
  for (const f of r.failures) lines.push(`  FAIL #${f.index} [${f.outcome}] ${f.name} (${f.file}, ${f.bytes} bytes): ${f.problem ?? f.detail}`);
  return lines.join('\n');
}

function argValue(args: string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(args: string[]): Promise<void> {
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 200);
  const seed = Number(argValue(args, 'seed') ?? 1);
  const only = argValue(args, 'case')?.split(',').map(Number);
  const verbose = args.includes('--verbose');
  const report = await runFuzz({
    seed,
    count,
    only,
    timeoutMs: argValue(args, 'timeout') ? Number(argValue(args, 'timeout')) : undefined,
    onCase: (o) => {
      if (verbose || only) console.log(`#${o.index} ${o.outcome}${o.code ? ` ${o.code}` : ''} ${o.ms} ms ${o.name}: ${o.problem ?? o.detail}`);
      else if (o.index % 50 === 49) console.log(`  ... ${o.index + 1} inputs`);
    },
  });
  console.log(formatFuzzReport(report));
  if (report.failures.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
