/**
 * The parseDataset step's own work on the pipeline bench's 100,000-customer CSV, without storage:
 * building the customer table (reading, roles, duplicates, leakage guard, imputation) and encoding
 * table.bin; beside it, reading the file alone. Each measure runs in a fresh process, as an activity
 * meets the file cold; the two alternate so both see the same machine load.
 *   npm run bench -- parsestep [--repeats=5] [--file=<csv>]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { buildCustomerTable } from '../shared/features/buildCustomerTable';
import { fileSource } from '../shared/ingest/fileSource';
import { readTable } from '../shared/ingest/readTable';
import { encodeTable } from '../shared/pipeline/workArtifacts';
import { argValue, median, scratchDir } from './lib/benchEnv';

interface Figures {
  seconds: number;
  /** CPU time of the process over the same span (user + system): steadier than wall time on a shared machine. */
  cpu: number;
  rows: number;
  columns: number;
}

/** One measure in a child process (`step`: the customer table and table.bin; `read`: readTable only); prints one JSON line. */
export async function measureParseStep(file: string, mode: 'step' | 'read'): Promise<void> {
  const t = performance.now();
  const c = process.cpuUsage();
  const cpu = (): number => {
    const used = process.cpuUsage(c);
    return (used.user + used.system) / 1e6;
  };
  let figures: Figures;
  if (mode === 'step') {
    const loaded = await buildCustomerTable([fileSource(file)], undefined, { seed: 42 });
    encodeTable(loaded.table);
    figures = { seconds: (performance.now() - t) / 1000, cpu: cpu(), rows: loaded.table.rowCount, columns: loaded.table.columns.length };
  } else {
    const table = await readTable(fileSource(file));
    figures = { seconds: (performance.now() - t) / 1000, cpu: cpu(), rows: table.rowCount, columns: table.columns.length };
  }
  console.log(JSON.stringify(figures));
}

function child(file: string, mode: 'step' | 'read'): Figures {
  const script = `require(${JSON.stringify(__filename)}).measureParseStep(${JSON.stringify(file)}, '${mode}').catch((e) => { console.error(e); process.exit(1); })`;
  const res = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (res.status !== 0) throw new Error(`parsestep child failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop()!) as Figures;
}

export async function main(args: string[]): Promise<void> {
  const repeats = Number(argValue(args, 'repeats') ?? 5);
  const file = argValue(args, 'file') ?? `${scratchDir('pipeline')}/customers_100000.csv`;
  if (!fs.existsSync(file)) {
    // The pipeline bench writes its inputs first; run it on CSV alone to get the very same file.
    console.log(`${file} is missing: running the pipeline bench (CSV) to write it`);
    const pipeline = (await import('./pipeline.bench.js')) as { main(args: string[]): Promise<void> };
    await pipeline.main(['--csv', '--no-anchor']);
  }
  const steps: Figures[] = [];
  const reads: Figures[] = [];
  let shape = '';
  for (let r = 0; r < repeats; r++) {
    const step = child(file, 'step');
    const read = child(file, 'read');
    steps.push(step);
    reads.push(read);
    shape = `${step.rows} rows × ${step.columns} columns`;
    console.log(`  run ${r + 1}: parse step ${step.seconds.toFixed(2)} s (CPU ${step.cpu.toFixed(2)} s), reading the file alone ${read.seconds.toFixed(2)} s (CPU ${read.cpu.toFixed(2)} s)`);
  }
  const step = median(steps.map((f) => f.seconds));
  const read = median(reads.map((f) => f.seconds));
  const stepCpu = median(steps.map((f) => f.cpu));
  const readCpu = median(reads.map((f) => f.cpu));
  console.log(
    `parseDataset work without storage (${shape}), median of ${repeats}: ${step.toFixed(2)} s, CPU ${stepCpu.toFixed(2)} s ` +
      `(reading the file ${read.toFixed(2)} s, CPU ${readCpu.toFixed(2)} s; the rest ${(step - read).toFixed(2)} s, CPU ${(stepCpu - readCpu).toFixed(2)} s)`,
  );
}
