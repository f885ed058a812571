/**
 * The full ingestion fuzz run: 1,000 seeded inputs (crafted hostile files, then mutations of generated
 * and real inputs), each in an isolated process with time and memory limits.
 *   npm run bench -- fuzz [--fuzz-count=1000] [--fuzz-seed=1]
 * Figures: inputs, completed, reported errors, crashes (must be 0), hangs (must be 0), peak memory,
 * and the ratio of the isolated per-input time to reading the same base inputs in process.
 */
import * as path from 'node:path';
import { baseInputs } from '../tools/fuzz/baseInputs';
import { formatFuzzReport, runFuzz } from '../tools/fuzz/runFuzz';
import { bufferSource } from '../shared/ingest/fileSource';
import { readTable } from '../shared/ingest/readTable';
import { argValue, dataDir } from './lib/benchEnv';

export async function main(args: string[]): Promise<void> {
  const count = Number(argValue(args, 'fuzz-count') ?? 1000);
  const seed = Number(argValue(args, 'fuzz-seed') ?? 1);
  const data = dataDir();
  const report = await runFuzz({ seed, count, dataDir: data, workerScript: path.resolve(__dirname, '../tools/fuzz/fuzzWorker.js') });
  console.log(formatFuzzReport(report));

  // Anchor: the unmutated base inputs read in this process, no isolation.
  const bases = await baseInputs(data);
  const t0 = process.hrtime.bigint();
  for (const b of bases) await readTable(bufferSource(b.file, b.bytes));
  const baseMs = Number(process.hrtime.bigint() - t0) / 1e6 / bases.length;
  const perInput = (report.seconds * 1000) / Math.max(1, report.inputs);
  const median = [...report.outcomes].map((o) => o.ms).sort((a, b) => a - b)[Math.floor(report.outcomes.length / 2)] ?? 0;
  console.log(`  base inputs read in process: ${baseMs.toFixed(1)} ms each (${bases.length} inputs); fuzz ${perInput.toFixed(1)} ms per input wall, median case ${median} ms (ratio ${(perInput / baseMs).toFixed(2)}x)`);
  if (report.crashes > 0 || report.hangs > 0) process.exitCode = 1;
}
