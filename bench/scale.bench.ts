/**
 * Scale: a 1,000,000-row labelled CSV and a 300,000-row XLSX end to end through the local host, each
 * on a fresh host whose dataset already has a completed run (20,000 rows of the same columns). While
 * the large run works, 10 clients call POST /api/score against that earlier run without pause; the
 * same load is measured idle first. Then one POST /api/messages for one customer of the 1M run.
 * Prints per file: total time, per-step time (the orchestration's history), peak memory of the host
 * (RSS of the host and its child processes, sampled), score latency idle and under load, and the
 * message request's time and memory growth.
 *   npm run bench -- scale [--csv] [--xlsx] [--rows=1000000] [--xlsx-rows=300000] [--clients=10]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import type { BlobServiceClient } from '@azure/storage-blob';
import ExcelJS from 'exceljs';
import { startBenchHost, type BenchHost } from './lib/benchHost';
import { argValue, scratchDir, table } from './lib/benchEnv';
import { mulberry32 } from '../tools/random/mulberry32';

const numeric = 10;
const plans = ['basic', 'plus', 'pro', 'team'];
const header = ['customer_id', ...Array.from({ length: numeric }, (_, j) => `f${String(j + 1).padStart(2, '0')}`), 'plan', 'marketing_consent', 'churn'];
/** Rows of the earlier run the score clients are answered from. */
const earlierRows = 20_000;
const p99TargetMs = 250;

/**
 * Customers one at a time from a few overlapping groups (churn depends on some columns), so a file
 * of any size is generated without holding its rows.
 */
function* customers(count: number, seed: number): Generator<string[]> {
  const random = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centers = Array.from({ length: 5 }, () => Array.from({ length: numeric }, () => gauss() * 1.5));
  for (let i = 0; i < count; i++) {
    const g = Math.floor(random() * 5);
    const values = centers[g]!.map((c) => (c + gauss()).toFixed(4));
    const logit = 0.8 * Number(values[0]) - 0.6 * Number(values[3]) + 0.4 * Number(values[7]) - 1.2;
    const churn = random() < 1 / (1 + Math.exp(-logit)) ? '1' : '0';
    yield [`CUST${String(i).padStart(7, '0')}`, ...values, plans[g % 4]!, random() < 0.7 ? 'yes' : 'no', churn];
  }
}

/** A CSV written through a stream, waiting on the stream when it is full. */
async function writeCsv(file: string, count: number, seed: number): Promise<string> {
  if (fs.existsSync(file)) return file;
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial);
  out.write(header.join(',') + '\n');
  for (const row of customers(count, seed)) {
    if (!out.write(row.join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  fs.renameSync(partial, file);
  return file;
}

/** An XLSX from exceljs' streaming writer, each row committed (written out) as it is added. */
async function writeXlsx(file: string, count: number, seed: number): Promise<string> {
  if (fs.existsSync(file)) return file;
  const partial = `${file}.partial.xlsx`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: false });
  const sheet = workbook.addWorksheet('customers');
  sheet.addRow(header).commit();
  for (const row of customers(count, seed)) {
    sheet.addRow(row.map((cell, j) => (j >= 1 && j <= numeric ? Number(cell) : j === header.length - 1 ? Number(cell) : cell))).commit();
  }
  sheet.commit();
  await workbook.commit();
  fs.renameSync(partial, file);
  return file;
}

/** Resident memory of a process and every process below it, in MB (worker threads are in the process). */
function treeRssMb(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  let kb = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      continue;
    }
    for (const c of children.get(pid) ?? []) stack.push(c);
  }
  return kb / 1024;
}

/** Samples the host's memory every 200 ms until stopped; keeps the peak. */
function memorySampler(pid: number): { peak: () => number; stop: () => void } {
  let peak = treeRssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRssMb(pid))), 200);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

interface Latencies {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  firstError?: string;
  /** Each request's start (epoch ms) and latency, to tell which step the slow ones waited behind. */
  samples: { at: number; ms: number }[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** `clients` loops each posting one customer at a time to /api/score until `until` resolves. */
async function scoreLoad(url: string, dataset: string, rows: Record<string, string>[], clients: number, until: Promise<unknown>): Promise<Latencies> {
  let done = false;
  void until.finally(() => (done = true)).catch(() => undefined);
  const samples: { at: number; ms: number }[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const client = async (c: number) => {
    for (let i = c; !done; i += clients) {
      const at = Date.now();
      const started = performance.now();
      try {
        const res = await fetch(`${url}/api/score`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ dataset, customers: [rows[i % rows.length]] }),
        });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${res.status} ${body.slice(0, 200)}`);
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
      samples.push({ at, ms: performance.now() - started });
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  const latencies = samples.map((x) => x.ms).sort((a, b) => a - b);
  return { count: latencies.length, errors, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? NaN, firstError, samples };
}

/** p99 and max latency of the requests sent while a step ran (a step's span from the history). */
function latencyDuring(samples: { at: number; ms: number }[], from: number, to: number): { count: number; p99: number; max: number } {
  const during = samples.filter((x) => x.at >= from && x.at < to).map((x) => x.ms).sort((a, b) => a - b);
  return { count: during.length, p99: percentile(during, 99), max: during[during.length - 1] ?? NaN };
}

/** Resolves with the runId once `latest.json` names a run other than `previous`; rejects on an error.json. */
async function awaitNewLatest(service: BlobServiceClient, dataset: string, previous: string | undefined): Promise<string> {
  const results = service.getContainerClient('results');
  for (;;) {
    const latest = results.getBlobClient(`${dataset}/latest.json`);
    if (await latest.exists()) {
      const { runId } = JSON.parse((await latest.downloadToBuffer()).toString()) as { runId: string };
      if (runId !== previous) return runId;
    }
    for await (const b of results.listBlobsFlat({ prefix: `${dataset}/` })) {
      if (b.name.endsWith('/error.json')) throw new Error(`the run failed: ${(await results.getBlobClient(b.name).downloadToBuffer()).toString()}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface StepSpan {
  step: string;
  seconds: number;
  count: number;
  from: number;
  to: number;
}

interface HistoryEvent {
  EventType: number;
  EventId: number;
  Timestamp: string;
  Name?: string;
  TaskScheduledId?: number;
}

/** Per activity of the run's orchestration: wall time from its first scheduling to its last completion, and how many ran. */
async function stepSpans(service: BlobServiceClient, runId: string): Promise<StepSpan[]> {
  const blob = service.getContainerClient('segmentwise-durable').getBlobClient(`instances/${encodeURIComponent(runId)}.json`);
  let rec: { history: HistoryEvent[] } | undefined;
  // The instance document may be rewritten as it is read (the orchestration's last replay).
  for (let attempt = 0; attempt < 5 && !rec; attempt++) {
    try {
      rec = JSON.parse((await blob.downloadToBuffer()).toString()) as { history: HistoryEvent[] };
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const scheduled = new Map<number, { name: string; at: number }>();
  const spans = new Map<string, { from: number; to: number; count: number }>();
  for (const e of rec?.history ?? []) {
    const at = Date.parse(e.Timestamp);
    if (e.EventType === 4) scheduled.set(e.EventId, { name: e.Name ?? '?', at });
    if (e.EventType !== 5 || e.TaskScheduledId === undefined) continue;
    const s = scheduled.get(e.TaskScheduledId);
    if (!s) continue;
    const span = spans.get(s.name) ?? { from: s.at, to: at, count: 0 };
    span.from = Math.min(span.from, s.at);
    span.to = Math.max(span.to, at);
    span.count++;
    spans.set(s.name, span);
  }
  return [...spans].map(([step, s]) => ({ step, seconds: (s.to - s.from) / 1000, count: s.count, from: s.from, to: s.to }));
}

/** The first rows of a CSV as uploaded (strings by header), read from its first megabyte only. */
function firstRows(file: string, count: number): Record<string, string>[] {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(1 << 20);
  const read = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const lines = head.subarray(0, read).toString('utf8').split('\n').slice(1, count + 1).filter((l) => l.split(',').length === header.length);
  return lines.map((line) => {
    const cells = line.split(',');
    const row: Record<string, string> = {};
    header.forEach((h, j) => (row[h] = cells[j]!));
    return row;
  });
}

interface Outcome {
  kind: string;
  rows: number;
  seconds: number;
  peakMb: number;
  idle: Latencies;
  loaded: Latencies;
  steps: StepSpan[];
  message?: { ms: number; status: number; growthMb: number; beforeMb: number; peakMb: number; detail: string };
}

async function measureFile(kind: string, rows: number, file: string, earlier: string, clients: number, withMessage: boolean): Promise<Outcome> {
  const dataset = `scale-${kind.toLowerCase()}`;
  const host: BenchHost = await startBenchHost({ azuriteProcess: true });
  try {
    const uploads = host.service.getContainerClient('uploads');
    await uploads.getBlockBlobClient(`${dataset}/customers.csv`).uploadFile(earlier);
    const earlierRun = await awaitNewLatest(host.service, dataset, undefined);
    const scoreRows = firstRows(earlier, 1_000);
    const pid = host.host.pid!;

    // The same load with nothing else running: what "responsive" is compared with.
    const idleFor = new Promise((r) => setTimeout(r, 10_000));
    const idle = await scoreLoad(host.url, dataset, scoreRows, clients, idleFor);

    const memory = memorySampler(pid);
    const started = performance.now();
    await uploads.getBlockBlobClient(`${dataset}/${path.basename(file)}`).uploadFile(file);
    const finished = awaitNewLatest(host.service, dataset, earlierRun);
    const loaded = scoreLoad(host.url, dataset, scoreRows, clients, finished);
    const runId = await finished;
    const seconds = (performance.now() - started) / 1000;
    const loadedFigures = await loaded;
    memory.stop();
    const steps = await stepSpans(host.service, runId);
    const outcome: Outcome = { kind, rows, seconds, peakMb: memory.peak(), idle, loaded: loadedFigures, steps };

    if (withMessage) {
      const consenting = firstRows(file, 100).find((r) => r.marketing_consent === 'yes')!;
      const beforeMb = treeRssMb(pid);
      const sampler = memorySampler(pid);
      const t = performance.now();
      const res = await fetch(`${host.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ dataset, customerIds: [consenting.customer_id], channel: 'sms', language: 'en', holdout: 0 }),
      });
      const body = (await res.json()) as { messages?: unknown[]; skipped?: { reason: string }[]; failed?: { reason: string }[]; error?: { code: string } };
      const ms = performance.now() - t;
      sampler.stop();
      const detail = res.status === 200 ? `${body.messages?.length ?? 0} written, ${body.skipped?.length ?? 0} skipped, ${body.failed?.length ?? 0} failed${[...(body.skipped ?? []), ...(body.failed ?? [])].map((x) => `: ${x.reason}`).join('')}` : JSON.stringify(body).slice(0, 200);
      outcome.message = { ms, status: res.status, beforeMb, peakMb: sampler.peak(), growthMb: sampler.peak() - beforeMb, detail };
    }
    return outcome;
  } finally {
    await host.stop('SIGKILL');
  }
}

function latencyRow(label: string, l: Latencies): (string | number)[] {
  return [label, String(l.count), String(l.errors), l.p50.toFixed(1), l.p95.toFixed(1), l.p99.toFixed(1), l.max.toFixed(1)];
}

export async function main(args: string[] = []): Promise<void> {
  const dir = scratchDir('scale');
  const csvRows = Number(argValue(args, 'rows') ?? 1_000_000);
  const xlsxRows = Number(argValue(args, 'xlsx-rows') ?? 300_000);
  const clients = Number(argValue(args, 'clients') ?? 10);
  const both = !args.includes('--csv') && !args.includes('--xlsx');

  let t = performance.now();
  const earlier = await writeCsv(path.join(dir, `earlier_${earlierRows}.csv`), earlierRows, 1_601);
  const inputs: [string, number, () => Promise<string>][] = [];
  if (both || args.includes('--csv')) inputs.push(['CSV', csvRows, () => writeCsv(path.join(dir, `customers_${csvRows}.csv`), csvRows, 1_602)]);
  if (both || args.includes('--xlsx')) inputs.push(['XLSX', xlsxRows, () => writeXlsx(path.join(dir, `customers_${xlsxRows}.xlsx`), xlsxRows, 1_603)]);
  const files = [];
  for (const [kind, rows, write] of inputs) files.push({ kind, rows, file: await write() });
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (${os.cpus().length} cores)`);
  console.log(`scale: files ready in ${((performance.now() - t) / 1000).toFixed(1)} s under ${dir}; ${clients} score clients, one customer per request`);

  const outcomes: Outcome[] = [];
  for (const { kind, rows, file } of files) {
    t = performance.now();
    const o = await measureFile(kind, rows, file, earlier, clients, kind === 'CSV');
    outcomes.push(o);
    console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`${kind} ${rows.toLocaleString('en')} rows (${(fs.statSync(file).size / 1e6).toFixed(0)} MB): upload → latest.json ${o.seconds.toFixed(1)} s, peak host RSS ${o.peakMb.toFixed(0)} MB`);
    console.log(`steps, with the /api/score requests sent while each ran (ms):`);
    console.log(
      table([
        ['step', 'wall s', 'activities', 'requests', 'p99', 'max'],
        ...o.steps.map((s) => {
          const d = latencyDuring(o.loaded.samples, s.from, s.to);
          return [s.step, s.seconds.toFixed(1), String(s.count), String(d.count), d.p99.toFixed(0), d.max.toFixed(0)];
        }),
      ]),
    );
    console.log(`/api/score, ${clients} clients against the earlier run (ms):`);
    console.log(table([['', 'count', 'errors', 'p50', 'p95', 'p99', 'max'], latencyRow('idle (10 s)', o.idle), latencyRow(`during the ${kind} run`, o.loaded)]));
    if (o.loaded.firstError) console.log(`  first error: ${o.loaded.firstError}`);
    if (o.message) {
      console.log(`/api/messages, one customer of the ${rows.toLocaleString('en')}-row run: ${o.message.status} in ${o.message.ms.toFixed(0)} ms (${o.message.detail}); host RSS ${o.message.beforeMb.toFixed(0)} → peak ${o.message.peakMb.toFixed(0)} MB (growth ${o.message.growthMb.toFixed(0)} MB)`);
    }
  }

  console.log('\nsummary');
  console.log(
    table([
      ['file', 'rows', 'total s', 'peak MB', 'score p50', 'p95', 'p99', 'requests', 'errors'],
      ...outcomes.map((o) => [o.kind, String(o.rows), o.seconds.toFixed(1), o.peakMb.toFixed(0), o.loaded.p50.toFixed(1), o.loaded.p95.toFixed(1), o.loaded.p99.toFixed(1), String(o.loaded.count), String(o.loaded.errors)]),
    ]),
  );
  const million = outcomes.find((o) => o.kind === 'CSV');
  if (million) {
    const p99 = million.loaded.p99;
    console.log(`target: p99 /api/score < ${p99TargetMs} ms during ${million.rows >= 1_000_000 ? '1M' : million.rows.toLocaleString('en')} run: ${p99.toFixed(1)} ms ${p99 < p99TargetMs && million.loaded.errors === 0 ? 'MET' : 'NOT MET'}`);
  }
}
