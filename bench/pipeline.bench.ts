/**
 * The whole pipeline on 100,000 customers (17 numeric columns, 1 categorical, a churn label), as
 * XLSX and as CSV: dropped through the local host and Azurite until latest.json, beside the pandas +
 * scikit-learn notebook flow (bench-anchors/sk_pipeline.py) on the same files. Prints wall time and
 * peak memory, and the ratios (target: ≤ 0.5 × the anchor's time for the CSV, ≤ 0.35 × for the XLSX).
 *
 * `--sizes 100000,300000,1000000` runs the CSV at each size instead (the scaling curve): per step its
 * wall time, the host's peak memory while it ran, and microseconds per customer, so growth that is
 * worse than linear shows as a per-customer cost that rises with the size.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { adjustedRandIndex } from '../shared/ml/adjustedRandIndex';
import { startBenchHost, uploadAndAwaitRun } from './lib/benchHost';
import { PYTHON, anchorsDir, hasSklearn, scratchDir } from './lib/benchEnv';
import { mulberry32 } from '../tools/random/mulberry32';

const defaultRows = 100_000;
const numeric = 17;
const header = ['customer_id', ...Array.from({ length: numeric }, (_, j) => `f${String(j + 1).padStart(2, '0')}`), 'plan', 'churn'];

/** Customers drawn from a few overlapping groups; churn depends on some of the columns. */
function* generate(rows: number): Generator<(string | number)[]> {
  for (const { values } of generateWithGroups(rows)) yield values;
}

/**
 * Each customer's generating group, which the files do not hold: how well segments recover it is a
 * figure of clustering quality that does not depend on the space each side clusters in.
 */
function generatingGroups(rows: number): Int32Array {
  const groups = new Int32Array(rows);
  let i = 0;
  for (const { group } of generateWithGroups(rows)) groups[i++] = group;
  return groups;
}

function* generateWithGroups(rows: number): Generator<{ values: (string | number)[]; group: number }> {
  const random = mulberry32(100);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centers = Array.from({ length: 5 }, () => Array.from({ length: numeric }, () => gauss() * 1.5));
  for (let i = 0; i < rows; i++) {
    const g = Math.floor(random() * 5);
    const values = centers[g]!.map((c) => Number((c + gauss()).toFixed(4)));
    const logit = 0.8 * values[0]! - 0.6 * values[3]! + 0.4 * values[7]! - 1.2;
    const churn = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    yield { values: [`CUST${String(i).padStart(7, '0')}`, ...values, ['basic', 'plus', 'pro', 'team'][g % 4]!, churn], group: g };
  }
}

/** The CSV of `rows` customers, written once and kept in the scratch folder; lines stream to disk. */
async function writeCsv(dir: string, rows: number): Promise<string> {
  const csv = path.join(dir, `customers_${rows}.csv`);
  if (fs.existsSync(csv)) return csv;
  const out = fs.createWriteStream(`${csv}.partial`);
  let text = `${header.join(',')}\n`;
  for (const r of generate(rows)) {
    text += `${r.join(',')}\n`;
    if (text.length < 1 << 20) continue;
    const flushed = out.write(text);
    text = '';
    if (!flushed) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(text, () => resolve());
  });
  fs.renameSync(`${csv}.partial`, csv);
  return csv;
}

async function writeXlsx(dir: string, rows: number): Promise<string> {
  const xlsx = path.join(dir, `customers_${rows}.xlsx`);
  if (fs.existsSync(xlsx)) return xlsx;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${xlsx}.partial`, useSharedStrings: false });
  const sheet = workbook.addWorksheet('customers');
  sheet.addRow(header).commit();
  for (const r of generate(rows)) sheet.addRow(r).commit();
  sheet.commit();
  await workbook.commit();
  fs.renameSync(`${xlsx}.partial`, xlsx);
  return xlsx;
}

interface Measured {
  seconds: number;
  peakMb: number;
  steps?: StepSpan[];
  outcome?: string;
  /** Each customer's segment (by the number in its id), read from the written assignments.csv. */
  segments?: Int32Array;
}

/** The `segment` column of an assignments.csv, indexed by the customer's number (CUST0000042 → 42). */
function segmentsOf(csv: string | Buffer, rows: number): Int32Array {
  const records = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
  const segments = new Int32Array(rows).fill(-1);
  for (const r of records) segments[Number(r.customer_id!.slice(4))] = Number(r.segment);
  if (segments.includes(-1)) throw new Error('assignments.csv does not hold every customer of the bench file');
  return segments;
}

/** One activity's span in the run (all its calls, first scheduled to last completed) and the host's peak memory then. */
interface StepSpan {
  name: string;
  from: number;
  to: number;
  count: number;
  each: number[];
  peakMb?: number;
}

interface HistoryRow {
  EventType: number;
  EventId: number;
  Timestamp: string;
  Name?: string;
  Input?: string;
  Result?: string;
  TaskScheduledId?: number;
}

/** The partitioned Lloyd fan-out as the orchestration recorded it: one entry per iteration. */
interface FanOut {
  partitions: number;
  /** From the fan-out's scheduling to the next step's scheduling (ms). */
  wallMs: number;
  /** The longest partition, scheduled to completed (ms): the rest of the wall is orchestration. */
  longestMs: number;
  /** Activity inputs and results of the iteration, as JSON (bytes). */
  bytes: number;
}

/** Per-iteration figures of the Lloyd fan-out and the orchestration record's final size. */
async function fanOuts(service: BlobServiceClient): Promise<{ iterations: FanOut[]; recordBytes: number; historyEvents: number }> {
  const hub = service.getContainerClient('segmentwise-durable');
  for await (const item of hub.listBlobsFlat({ prefix: 'instances/' })) {
    const raw = await hub.getBlobClient(item.name).downloadToBuffer();
    const rec = JSON.parse(raw.toString()) as { name: string; history: HistoryRow[] };
    if (rec.name !== 'segmentationPipeline') continue;
    const scheduled = new Map<number, HistoryRow>();
    const groups: { at: number; rows: { scheduled: HistoryRow; done?: HistoryRow }[] }[] = [];
    let nextStepAt: number[] = [];
    for (const e of rec.history) {
      if (e.EventType !== 4) continue;
      scheduled.set(e.EventId, e);
      const at = Date.parse(e.Timestamp);
      if (e.Name === 'lloydPartition') {
        const last = groups.at(-1);
        if (last && last.at === at) last.rows.push({ scheduled: e });
        else groups.push({ at, rows: [{ scheduled: e }] });
      } else if (groups.length > 0) nextStepAt.push(at);
    }
    for (const e of rec.history) {
      if (e.EventType !== 5 || e.TaskScheduledId === undefined) continue;
      for (const g of groups) for (const r of g.rows) if (r.scheduled.EventId === e.TaskScheduledId) r.done = e;
    }
    nextStepAt = nextStepAt.sort((a, b) => a - b);
    const iterations = groups.map((g, i) => {
      const next = groups[i + 1]?.at ?? nextStepAt.find((t) => t > g.at) ?? g.at;
      const longestMs = g.rows.reduce((most, r) => Math.max(most, r.done ? Date.parse(r.done.Timestamp) - g.at : 0), 0);
      const bytes = g.rows.reduce((sum, r) => sum + Buffer.byteLength(r.scheduled.Input ?? '') + Buffer.byteLength(r.done?.Result ?? ''), 0);
      return { partitions: g.rows.length, wallMs: next - g.at, longestMs, bytes };
    });
    return { iterations, recordBytes: raw.length, historyEvents: rec.history.length };
  }
  return { iterations: [], recordBytes: 0, historyEvents: 0 };
}

/**
 * Where the time went, from the orchestration's own history: per activity, the span from its first
 * scheduling to its last completion (fan-outs overlap, so spans are wall time, not CPU time).
 */
async function stepTimings(service: BlobServiceClient): Promise<StepSpan[]> {
  const hub = service.getContainerClient('segmentwise-durable');
  const steps: StepSpan[] = [];
  for await (const item of hub.listBlobsFlat({ prefix: 'instances/' })) {
    const rec = JSON.parse((await hub.getBlobClient(item.name).downloadToBuffer()).toString()) as { name: string; history: HistoryRow[] };
    if (rec.name !== 'segmentationPipeline') continue;
    const scheduled = new Map<number, { name: string; at: number }>();
    const spans = new Map<string, StepSpan>();
    for (const e of rec.history) {
      const at = Date.parse(e.Timestamp);
      if (e.EventType === 4) scheduled.set(e.EventId, { name: e.Name ?? '?', at });
      if (e.EventType === 5 && e.TaskScheduledId !== undefined) {
        const s = scheduled.get(e.TaskScheduledId);
        if (!s) continue;
        const span = spans.get(s.name) ?? { name: s.name, from: s.at, to: at, count: 0, each: [] };
        span.from = Math.min(span.from, s.at);
        span.to = Math.max(span.to, at);
        span.count++;
        span.each.push((at - s.at) / 1000);
        spans.set(s.name, span);
      }
    }
    for (const span of spans.values()) steps.push(span);
  }
  return steps;
}

function describeSteps(steps: StepSpan[]): string {
  return steps
    .map((span) => {
      const each = span.count > 1 ? ` (each ${Math.min(...span.each).toFixed(1)}–${Math.max(...span.each).toFixed(1)} s)` : '';
      return `${span.name}${span.count > 1 ? `×${span.count}` : ''} ${((span.to - span.from) / 1000).toFixed(1)} s${each}`;
    })
    .join(', ');
}

/** The host's resident memory, sampled while the run works: each step's peak is the largest sample in its span. */
function sampleMemory(pid: number): { stop: () => { at: number; mb: number }[] } {
  const samples: { at: number; mb: number }[] = [];
  const read = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      samples.push({ at: Date.now(), mb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024 });
    } catch {
      // The host has exited: the samples so far are all there is.
    }
  };
  const timer = setInterval(read, 50);
  return {
    stop: () => {
      clearInterval(timer);
      read();
      return samples;
    },
  };
}

/** Upload → latest.json through a fresh local host process; peak RSS of that process. */
async function runOurs(file: string, dataset = 'bench'): Promise<Measured> {
  const { host, service, stop } = await startBenchHost();
  const memory = sampleMemory(host.pid!);
  const started = performance.now();
  const latest = await uploadAndAwaitRun(service, dataset, file);
  const seconds = (performance.now() - started) / 1000;
  const samples = memory.stop();
  const status = fs.readFileSync(`/proc/${host.pid}/status`, 'utf8');
  const peakMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  const steps = await stepTimings(service);
  const fanOut = process.env.SEGMENTWISE_PARTITION_ROWS ? await fanOuts(service) : undefined;
  if (fanOut && fanOut.iterations.length > 0) {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const its = fanOut.iterations;
    console.log(
      `      partitioned Lloyd: ${its.length} iterations × ${its[0]!.partitions} partitions (SEGMENTWISE_PARTITION_ROWS=${process.env.SEGMENTWISE_PARTITION_ROWS}); ` +
        `per iteration median wall ${median(its.map((i) => i.wallMs))} ms, longest partition ${median(its.map((i) => i.longestMs))} ms, ` +
        `orchestration ${median(its.map((i) => i.wallMs - i.longestMs))} ms; activity inputs + results ${median(its.map((i) => i.bytes))} bytes per iteration; ` +
        `orchestration record ${fanOut.recordBytes} bytes, ${fanOut.historyEvents} history events at the end`,
    );
    console.log(`      per iteration (wall/longest ms): ${its.map((i) => `${i.wallMs}/${i.longestMs}`).join(' ')}`);
  }
  for (const step of steps) {
    const during = samples.filter((s) => s.at >= step.from && s.at <= step.to);
    if (during.length > 0) step.peakMb = during.reduce((most, s) => Math.max(most, s.mb), 0);
  }
  const results = service.getContainerClient('results');
  const model = JSON.parse((await results.getBlobClient(`${dataset}/${latest.runId}/model.json`).downloadToBuffer()).toString()) as {
    metrics: { k: number; silhouette: number; rocAuc?: number };
  };
  const outcome = `k=${model.metrics.k} silhouette=${model.metrics.silhouette.toFixed(3)} auc=${model.metrics.rocAuc?.toFixed(4) ?? '-'}`;
  const rows = Number(/customers_(\d+)/.exec(file)?.[1]);
  const segments = segmentsOf(await results.getBlobClient(`${dataset}/${latest.runId}/assignments.csv`).downloadToBuffer(), rows);
  await stop('SIGKILL');
  return { seconds, peakMb, steps, outcome, segments };
}

function runAnchor(file: string, out: string): Measured & { detail: string } {
  const script = path.join(anchorsDir(), 'sk_pipeline.py');
  const started = performance.now();
  // /usr/bin/time is not always installed: the child reports its own peak RSS through resource.
  const wrapper = `import resource, runpy, sys; sys.argv = ${JSON.stringify([script, file, out, 'customer_id', 'churn'])}; runpy.run_path(sys.argv[0], run_name='__main__'); print('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)`;
  const r = spawnSync(PYTHON, ['-c', wrapper], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`sk_pipeline.py failed: ${r.stderr}`);
  const seconds = (performance.now() - started) / 1000;
  const peakMb = Number(/PEAK_KB (\d+)/.exec(r.stdout)?.[1] ?? 0) / 1024;
  const rows = Number(/customers_(\d+)/.exec(file)?.[1]);
  const segments = segmentsOf(fs.readFileSync(path.join(out, 'assignments.csv')), rows);
  return { seconds, peakMb, segments, detail: r.stdout.split('\n').find((l) => l.includes('total=')) ?? '' };
}

/** `--sizes 100000,300000` (or `--sizes=…`): the sizes of the scaling curve, none when absent. */
function curveSizes(args: string[]): number[] {
  const at = args.findIndex((a) => a === '--sizes' || a.startsWith('--sizes='));
  if (at < 0) return [];
  const list = args[at]!.includes('=') ? args[at]!.slice('--sizes='.length) : (args[at + 1] ?? '');
  const sizes = list.split(',').map((s) => Number(s.replace(/_/g, '')));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1000)) throw new Error(`--sizes takes customer counts of 1000 or more, comma-separated: "${list}"`);
  return sizes;
}

/** The CSV at each size through the host: time, peak memory and cost per customer of every step. */
async function scalingCurve(dir: string, sizes: number[]): Promise<void> {
  console.log(`pipeline scaling curve (CSV, ${numeric} numeric + 1 categorical + churn label): per step wall s | peak host MB while it ran | µs per customer`);
  const rows: { size: number; run: Measured }[] = [];
  for (const size of sizes) {
    const file = await writeCsv(dir, size);
    const run = await runOurs(file, `curve-${size}`);
    rows.push({ size, run });
    console.log(`  ${size.toLocaleString('en').padStart(9)} customers: ${run.seconds.toFixed(1)} s, peak ${run.peakMb.toFixed(0)} MB, ${((run.seconds * 1e6) / size).toFixed(1)} µs per customer (${run.outcome})`);
    for (const step of run.steps ?? []) {
      const wall = (step.to - step.from) / 1000;
      console.log(`      ${step.name.padEnd(18)} ${wall.toFixed(2).padStart(7)} s  ${(step.peakMb?.toFixed(0) ?? '–').padStart(5)} MB  ${((wall * 1e6) / size).toFixed(2).padStart(7)} µs/customer`);
    }
  }
  if (rows.length < 2) return;
  // Linear growth keeps the cost per customer flat: the ratio against the smallest size says how far from it each step is.
  const first = rows[0]!;
  const secondsOf = (m: Measured, name?: string): number => {
    if (name === undefined) return m.seconds;
    const step = m.steps?.find((s) => s.name === name);
    return step ? (step.to - step.from) / 1000 : NaN;
  };
  const names = (first.run.steps ?? []).map((s) => s.name);
  console.log(`  growth against ${first.size.toLocaleString('en')} (time ratio ÷ size ratio; 1.00 = linear):`);
  for (const { size, run } of rows.slice(1)) {
    const sizeRatio = size / first.size;
    const parts = [`total ${(secondsOf(run) / secondsOf(first.run) / sizeRatio).toFixed(2)}`];
    for (const name of names) parts.push(`${name} ${(secondsOf(run, name) / secondsOf(first.run, name) / sizeRatio).toFixed(2)}`);
    console.log(`    ×${sizeRatio.toFixed(1)} rows (${size.toLocaleString('en')}): ${parts.join(', ')}; memory ${(run.peakMb / first.run.peakMb).toFixed(2)}× the peak`);
  }
}

/**
 * Flags: `--csv` or `--xlsx` for one format only, `--no-anchor` to skip scikit-learn's side,
 * `--sizes a,b,c` for the scaling curve instead.
 */
export async function main(args: string[] = []): Promise<void> {
  const dir = scratchDir('pipeline');
  const sizes = curveSizes(args);
  if (sizes.length > 0) return scalingCurve(dir, sizes);
  const rows = defaultRows;
  console.log(`pipeline: ${rows.toLocaleString('en')} customers × ${numeric} numeric + 1 categorical + churn label`);
  const formats = ([['CSV', writeCsv], ['XLSX', writeXlsx]] as const).filter(
    ([kind]) => !(args.includes('--csv') || args.includes('--xlsx')) || args.includes(`--${kind.toLowerCase()}`),
  );
  for (const [kind, write] of formats) {
    const file = await write(dir, rows);
    const ours = await runOurs(file);
    let anchorSegments: Int32Array | undefined;
    let line = `${kind.padEnd(5)} segmentwise ${ours.seconds.toFixed(1)} s, peak ${ours.peakMb.toFixed(0)} MB (upload → latest.json, all result files)`;
    if (hasSklearn() && !args.includes('--no-anchor')) {
      const anchor = runAnchor(file, path.join(dir, `sk-out-${kind}`));
      anchorSegments = anchor.segments;
      line += ` | pandas+sklearn ${anchor.seconds.toFixed(1)} s, peak ${anchor.peakMb.toFixed(0)} MB | time ratio ${(ours.seconds / anchor.seconds).toFixed(2)}× (target ≤ ${kind === 'CSV' ? '0.50' : '0.35'}×), memory ratio ${(ours.peakMb / anchor.peakMb).toFixed(2)}×\n      anchor steps: ${anchor.detail}`;
    } else {
      line += args.includes('--no-anchor')
        ? ' | anchor skipped (--no-anchor)'
        : ' | scikit-learn not installed (apt-get install python3-sklearn python3-pandas python3-openpyxl): no anchor';
    }
    console.log(line);
    if (ours.steps) console.log(`      segmentwise steps: ${describeSteps(ours.steps)}\n      segmentwise result: ${ours.outcome}`);
    // Each side's silhouette is measured in the space it clusters in (ours weighs flags and one-hot
    // columns down, docs/ARCHITECTURE.md), so the two do not compare; agreement with the groups the
    // customers were drawn from does.
    const truth = generatingGroups(rows);
    let agreement = `      segments against the ${new Set(truth).size} generating groups (adjusted Rand index, 1 = the same partition): segmentwise ${adjustedRandIndex(ours.segments!, truth).toFixed(4)}`;
    if (anchorSegments) agreement += `, pandas+sklearn ${adjustedRandIndex(anchorSegments, truth).toFixed(4)}`;
    console.log(agreement);
  }
}
