/**
 * The writeResults step on the pipeline bench's 100,000 customers, on its own: one real run through
 * the local host leaves its work files in Azurite (its clean-up activity is left out), then
 * writeResults is timed again and again on them (read → build → upload → latest.json), with the
 * time each result file takes to build, and the app's CSV and XLSX writers beside the packages they
 * replace on this path (csv-stringify, exceljs), which stay as the reference the tests hold them to.
 * The whole step is set against its target (≤ 1.5 s) and against the anchor measured in the same run:
 * pandas writing the same assignments with `to_csv` and `to_excel` (openpyxl), as the notebook flow does.
 *   npm run bench -- results [--repeats=5] [--xlsx] [--no-anchor]
 * The step runs in a child process, as the activity does, with Azurite in this one.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { startAzuriteInMemory } from '../local/azurite';
import { LocalHost } from '../local/LocalHost';
import { localHostOptions } from '../local/localHostOptions';
import { applyLocalSettings } from '../local/localSettings';
import { assignmentRows } from '../shared/results/assignmentRows';
import { buildRunResults } from '../shared/results/buildRunResults';
import { customerResults } from '../shared/results/customerResults';
import { assignmentsCsv } from '../shared/results/writeAssignmentsCsv';
import { assignmentsXlsx } from '../shared/results/writeAssignmentsXlsx';
import { BlobStore } from '../shared/storage/BlobStore';
import { readRunOutputs, writeResults, type ResultsRequest } from '../shared/pipeline/steps/writeResults';
import { assignmentsCsvWithCsvStringify } from '../tools/reference/assignmentsCsvWithCsvStringify';
import { assignmentsXlsxWithExceljs } from '../tools/reference/assignmentsXlsxWithExceljs';
import { PYTHON, argValue, hasSklearn, median, parseFigures, run, scratchDir } from './lib/benchEnv';

const dataset = 'bench';

/** The step's target at 100,000 customers. */
const targetSeconds = 1.5;

/** The anchor: pandas writes the assignments the step wrote, as CSV and as XLSX (openpyxl), timed apart from reading them. */
const pandasWriters = String.raw`
import sys, time, pandas as pd
src, out = sys.argv[1], sys.argv[2]
df = pd.read_csv(src, encoding='utf-8-sig', dtype={0: str}, keep_default_na=False)
t = time.perf_counter(); df.to_csv(out + '.csv', index=False); csv = time.perf_counter() - t
t = time.perf_counter(); df.to_excel(out + '.xlsx', index=False); xlsx = time.perf_counter() - t
print(f'csv={csv:.3f} xlsx={xlsx:.3f} rows={len(df)}')
`;

interface ChildReport {
  pipelineSpan: number;
  runs: number[];
  read: number[];
  build: Record<string, number[]>;
  bytes: Record<string, number>;
  /** The same assignments written by the app's writer and by the package it replaced. */
  writers: { file: string; ours: number[]; reference: number[]; referenceName: string; sameBytes: boolean }[];
}

/**
 * In the child: drops `file` through an in-process local host, takes the writeResults request the
 * orchestrator scheduled, and times the step `repeats` times after one warm-up. Prints one JSON line.
 */
export async function measureInChild(connection: string, file: string, repeats: number): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  applyLocalSettings(undefined);
  const host = new LocalHost({
    ...localHostOptions(root, connection),
    port: 0,
    blobPollIntervalMs: 100,
    enableTimers: false,
    log: (level, fn, message) => level === 'error' && console.error(`${fn}: ${message}`),
  });
  await host.start();
  // The run deletes its work files once published; this bench runs the step on them again.
  const cleanup = host.registry.functions.get('cleanupRunWork');
  if (cleanup) cleanup.callback = async () => ({ blobs: 0, bytes: 0 });
  const service = BlobServiceClient.fromConnectionString(connection);
  const store = new BlobStore(service, 'uploads', 'results');
  await store.ensureContainers();
  await service.getContainerClient('uploads').getBlockBlobClient(`${dataset}/${path.basename(file)}`).uploadFile(file);
  for (;;) {
    if (await store.info('results', `${dataset}/latest.json`)) break;
    for await (const b of store.list('results', `${dataset}/`)) {
      if (b.name.endsWith('error.json')) throw new Error(`the run failed: ${(await store.readBuffer('results', b.name)).toString()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await host.stop();

  const { request, span } = await scheduledRequest(service);
  const report: ChildReport = { pipelineSpan: span, runs: [], read: [], build: {}, bytes: {}, writers: [] };
  for (let r = 0; r <= repeats; r++) {
    const started = performance.now();
    await writeResults(store, request);
    if (r > 0) report.runs.push((performance.now() - started) / 1000);
  }
  // Where the time goes: reading the work files, then building each file (no upload).
  for (let r = 0; r < repeats; r++) {
    let at = performance.now();
    const outputs = await readRunOutputs(store, request.input, request);
    report.read.push((performance.now() - at) / 1000);
    at = performance.now();
    const started = at;
    const onThread: Promise<void>[] = [];
    for await (const built of buildRunResults(outputs, undefined)) {
      if ('body' in built) report.bytes[built.name] = Buffer.byteLength(built.body);
      // Ready later, while the files after it are built: timed from the start to when it is ready.
      if ('later' in built) {
        onThread.push(
          built.later.then((body) => {
            report.bytes[built.name] = body.length;
            (report.build[`${built.name} (from the start)`] ??= []).push((performance.now() - started) / 1000);
          }),
        );
        continue;
      }
      if ('stream' in built) {
        // A streamed file is built as it is read: reading it is part of its building.
        let bytes = 0;
        for await (const piece of built.stream) bytes += (piece as Buffer).length;
        report.bytes[built.name] = bytes;
      }
      (report.build[built.name] ??= []).push((performance.now() - at) / 1000);
      at = performance.now();
    }
    await Promise.all(onThread);
  }

  const rows = assignmentRows(customerResults(await readRunOutputs(store, request.input, request)));
  // The anchor writes these same assignments.
  fs.writeFileSync(path.join(scratchDir('results'), 'assignments.csv'), assignmentsCsv(rows));
  const writers = [
    { file: 'assignments.csv', ours: async () => assignmentsCsv(rows), referenceName: 'csv-stringify', reference: async () => assignmentsCsvWithCsvStringify(rows) },
    { file: 'assignments.xlsx', ours: () => assignmentsXlsx(rows), referenceName: 'exceljs', reference: () => assignmentsXlsxWithExceljs(rows) },
  ];
  for (const writer of writers) {
    const times = { ours: [] as number[], reference: [] as number[] };
    let sameBytes = true;
    for (let r = 0; r < Math.min(repeats, 3); r++) {
      const written: Buffer[] = [];
      for (const side of ['ours', 'reference'] as const) {
        const at = performance.now();
        written.push(await writer[side]());
        times[side].push((performance.now() - at) / 1000);
      }
      sameBytes &&= written[0]!.equals(written[1]!);
    }
    report.writers.push({ file: writer.file, referenceName: writer.referenceName, sameBytes, ...times });
  }
  console.log(JSON.stringify(report));
}

/** The writeResults input from the orchestration's history, and the span the run itself took for it. */
async function scheduledRequest(service: BlobServiceClient): Promise<{ request: ResultsRequest; span: number }> {
  const hub = service.getContainerClient('segmentwise-durable');
  for await (const item of hub.listBlobsFlat({ prefix: 'instances/' })) {
    const rec = JSON.parse((await hub.getBlobClient(item.name).downloadToBuffer()).toString()) as {
      name: string;
      history: { EventType: number; EventId: number; Name?: string; Input?: string; TaskScheduledId?: number; Timestamp: string }[];
    };
    if (rec.name !== 'segmentationPipeline') continue;
    const scheduled = rec.history.find((e) => e.EventType === 4 && e.Name === 'writeResults');
    const completed = rec.history.find((e) => e.EventType === 5 && e.TaskScheduledId === scheduled?.EventId);
    if (scheduled?.Input && completed) {
      return { request: JSON.parse(scheduled.Input) as ResultsRequest, span: (Date.parse(completed.Timestamp) - Date.parse(scheduled.Timestamp)) / 1000 };
    }
  }
  throw new Error('no completed writeResults activity in the task hub');
}

function inChild(connection: string, file: string, repeats: number): Promise<ChildReport> {
  const script = `require(${JSON.stringify(__filename)}).measureInChild(${JSON.stringify(connection)}, ${JSON.stringify(file)}, ${repeats}).catch((e) => { console.error(e); process.exit(1); })`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, AzureWebJobsStorage: connection } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildReport) : reject(new Error(`the measuring process exited with ${code}`)))),
  );
}

const figure = (values: number[]): string => `${median(values).toFixed(2)} s (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;

export async function main(args: string[] = []): Promise<void> {
  const repeats = Number(argValue(args, 'repeats') ?? 5);
  const kind = args.includes('--xlsx') ? 'xlsx' : 'csv';
  const file = path.join(scratchDir('pipeline'), `customers_100000.${kind}`);
  if (!fs.existsSync(file)) {
    console.log(`results: ${file} is the pipeline bench's input; running that bench once (CSV, no anchor) to write it`);
    await ((await import('./pipeline.bench.js')) as { main(args: string[]): Promise<void> }).main(['--csv', '--no-anchor']);
  }
  const azurite = await startAzuriteInMemory();
  try {
    const report = await inChild(azurite.connectionString, file, repeats);
    console.log(`writeResults on ${path.basename(file)} (100,000 customers), ${repeats} runs after a warm-up, median (min–max):`);
    const step = median(report.runs);
    console.log(
      `  whole step (read work files → build → upload → latest.json): ${figure(report.runs)}, target ≤ ${targetSeconds} s: ${step <= targetSeconds ? 'met' : 'NOT MET'}; in the run itself ${report.pipelineSpan.toFixed(2)} s`,
    );
    if (args.includes('--no-anchor')) console.log('  anchor skipped (--no-anchor)');
    else if (!hasSklearn()) console.log('  anchor: /usr/bin/python3 without pandas (apt-get install python3-pandas python3-openpyxl): not measured');
    else {
      const scratch = scratchDir('results');
      const figures = parseFigures(run(PYTHON, ['-c', pandasWriters, path.join(scratch, 'assignments.csv'), path.join(scratch, 'pandas-assignments')]).trim().split('\n').pop() ?? '');
      const anchor = { csv: Number(figures.csv), xlsx: Number(figures.xlsx), rows: Number(figures.rows) };
      console.log(
        `  anchor, pandas on the same ${anchor.rows.toLocaleString('en')} assignments: to_csv ${anchor.csv.toFixed(2)} s + to_excel ${anchor.xlsx.toFixed(2)} s = ${(anchor.csv + anchor.xlsx).toFixed(2)} s; ` +
          `the whole step (which also writes customers.jsonl, its index, model.json and the report, and uploads them) takes ${(step / (anchor.csv + anchor.xlsx)).toFixed(2)}× that`,
      );
    }
    console.log(`  read work files: ${figure(report.read)}`);
    console.log('  build, until each file is ready (customers.jsonl is encoded as it is read; the assignments workbook deflates on libuv threads meanwhile):');
    for (const [name, times] of Object.entries(report.build)) {
      const bytes = report.bytes[name];
      console.log(`    ${name.padEnd(26)} ${figure(times)}${bytes === undefined ? '' : `  ${(bytes / 1e6).toFixed(1)} MB`}`);
    }
    if (step > targetSeconds) {
      // What limits it, from this run's own figures: building every file, and the uploads.
      const later = Object.entries(report.build).filter(([name]) => name.includes('(from the start)'));
      const inTurn = Object.entries(report.build).filter(([name]) => !name.includes('(from the start)')).reduce((sum, [, t]) => sum + median(t), 0);
      const built = median(report.read) + Math.max(inTurn, ...later.map(([, t]) => median(t)));
      const megabytes = Object.values(report.bytes).reduce((sum, b) => sum + b, 0) / 1e6;
      console.log(
        `  what limits it: without uploading, every file is built at ${built.toFixed(2)} s; ` +
          `the rest is uploading ${megabytes.toFixed(0)} MB into Azurite, which here shares the ${os.availableParallelism()} cores with the step and libuv's deflate`,
      );
    }
    for (const w of report.writers) {
      const ratio = median(w.reference) / median(w.ours);
      console.log(
        `  ${w.file}: ours ${figure(w.ours)}, ${w.referenceName} ${figure(w.reference)} (${ratio.toFixed(1)}× ours, ${w.sameBytes ? 'the same bytes' : 'DIFFERENT BYTES'}): ` +
          `${w.referenceName} is too slow for this step and is kept as the reference in tests`,
      );
    }
  } finally {
    await azurite.stop();
  }
}
