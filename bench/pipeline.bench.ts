/**
 * The whole pipeline on 100,000 customers (17 numeric columns, 1 categorical, a churn label), as
 * XLSX and as CSV: dropped through the local host and Azurite until latest.json, beside the pandas +
 * scikit-learn notebook flow (bench-anchors/sk_pipeline.py) on the same files. Prints wall time and
 * peak memory, and the ratios (target: ≤ 0.5 × the anchor's time).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import ExcelJS from 'exceljs';
import { startBenchHost, uploadAndAwaitRun } from './lib/benchHost';
import { PYTHON, anchorsDir, hasSklearn, scratchDir } from './lib/benchEnv';
import { mulberry32 } from '../tools/random/mulberry32';

const rows = 100_000;
const numeric = 17;

/** Customers drawn from a few overlapping groups; churn depends on some of the columns. */
function generate(): { header: string[]; data: (string | number)[][] } {
  const random = mulberry32(100);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centers = Array.from({ length: 5 }, () => Array.from({ length: numeric }, () => gauss() * 1.5));
  const header = ['customer_id', ...Array.from({ length: numeric }, (_, j) => `f${String(j + 1).padStart(2, '0')}`), 'plan', 'churn'];
  const data: (string | number)[][] = [];
  for (let i = 0; i < rows; i++) {
    const g = Math.floor(random() * 5);
    const values = centers[g]!.map((c) => Number((c + gauss()).toFixed(4)));
    const logit = 0.8 * values[0]! - 0.6 * values[3]! + 0.4 * values[7]! - 1.2;
    const churn = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    data.push([`CUST${String(i).padStart(7, '0')}`, ...values, ['basic', 'plus', 'pro', 'team'][g % 4]!, churn]);
  }
  return { header, data };
}

async function writeInputs(dir: string): Promise<{ csv: string; xlsx: string }> {
  const csv = path.join(dir, `customers_${rows}.csv`);
  const xlsx = path.join(dir, `customers_${rows}.xlsx`);
  if (fs.existsSync(csv) && fs.existsSync(xlsx)) return { csv, xlsx };
  const { header, data } = generate();
  fs.writeFileSync(csv, [header.join(','), ...data.map((r) => r.join(','))].join('\n') + '\n');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false });
  const sheet = workbook.addWorksheet('customers');
  sheet.addRow(header).commit();
  for (const r of data) sheet.addRow(r).commit();
  sheet.commit();
  await workbook.commit();
  return { csv, xlsx };
}

interface Measured {
  seconds: number;
  peakMb: number;
  steps?: string;
  outcome?: string;
}

interface HistoryRow {
  EventType: number;
  EventId: number;
  Timestamp: string;
  Name?: string;
  TaskScheduledId?: number;
}

/**
 * Where the time went, from the orchestration's own history: per activity, the span from its first
 * scheduling to its last completion (fan-outs overlap, so spans are wall time, not CPU time).
 */
async function stepTimings(service: BlobServiceClient, endedAt: number): Promise<string> {
  const hub = service.getContainerClient('segmentwise-durable');
  const parts: string[] = [];
  for await (const item of hub.listBlobsFlat({ prefix: 'instances/' })) {
    const rec = JSON.parse((await hub.getBlobClient(item.name).downloadToBuffer()).toString()) as { name: string; history: HistoryRow[] };
    if (rec.name !== 'segmentationPipeline') continue;
    const scheduled = new Map<number, { name: string; at: number }>();
    const spans = new Map<string, { from: number; to: number; count: number; each: number[] }>();
    for (const e of rec.history) {
      const at = Date.parse(e.Timestamp);
      if (e.EventType === 4) scheduled.set(e.EventId, { name: e.Name ?? '?', at });
      if (e.EventType === 5 && e.TaskScheduledId !== undefined) {
        const s = scheduled.get(e.TaskScheduledId);
        if (!s) continue;
        const span = spans.get(s.name) ?? { from: s.at, to: at, count: 0, each: [] };
        span.from = Math.min(span.from, s.at);
        span.to = Math.max(span.to, at);
        span.count++;
        span.each.push((at - s.at) / 1000);
        spans.set(s.name, span);
      }
    }
    for (const [name, span] of spans) {
      const each = span.count > 1 ? ` (each ${Math.min(...span.each).toFixed(1)}–${Math.max(...span.each).toFixed(1)} s)` : '';
      parts.push(`${name}${span.count > 1 ? `×${span.count}` : ''} ${((span.to - span.from) / 1000).toFixed(1)} s${each}`);
    }
  }
  return parts.join(', ');
}

/** Upload → latest.json through a fresh local host process; peak RSS of that process. */
async function runOurs(file: string): Promise<Measured> {
  const { host, service, stop } = await startBenchHost();
  const started = performance.now();
  const latest = await uploadAndAwaitRun(service, 'bench', file);
  const seconds = (performance.now() - started) / 1000;
  const endedAt = Date.now();
  const status = fs.readFileSync(`/proc/${host.pid}/status`, 'utf8');
  const peakMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  const steps = await stepTimings(service, endedAt);
  const results = service.getContainerClient('results');
  const model = JSON.parse((await results.getBlobClient(`bench/${latest.runId}/model.json`).downloadToBuffer()).toString()) as {
    metrics: { k: number; silhouette: number; rocAuc?: number };
  };
  const outcome = `k=${model.metrics.k} silhouette=${model.metrics.silhouette.toFixed(3)} auc=${model.metrics.rocAuc?.toFixed(4) ?? '-'}`;
  await stop('SIGKILL');
  return { seconds, peakMb, steps, outcome };
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
  return { seconds, peakMb, detail: r.stdout.split('\n').find((l) => l.includes('total=')) ?? '' };
}

/** Flags: `--csv` or `--xlsx` for one format only, `--no-anchor` to skip scikit-learn's side. */
export async function main(args: string[] = []): Promise<void> {
  const dir = scratchDir('pipeline');
  const inputs = await writeInputs(dir);
  console.log(`pipeline: ${rows.toLocaleString('en')} customers × ${numeric} numeric + 1 categorical + churn label`);
  const formats = ([['CSV', inputs.csv], ['XLSX', inputs.xlsx]] as const).filter(
    ([kind]) => !(args.includes('--csv') || args.includes('--xlsx')) || args.includes(`--${kind.toLowerCase()}`),
  );
  for (const [kind, file] of formats) {
    const ours = await runOurs(file);
    let line = `${kind.padEnd(5)} segmentwise ${ours.seconds.toFixed(1)} s, peak ${ours.peakMb.toFixed(0)} MB (upload → latest.json, all result files)`;
    if (hasSklearn() && !args.includes('--no-anchor')) {
      const anchor = runAnchor(file, path.join(dir, `sk-out-${kind}`));
      line += ` | pandas+sklearn ${anchor.seconds.toFixed(1)} s, peak ${anchor.peakMb.toFixed(0)} MB | time ratio ${(ours.seconds / anchor.seconds).toFixed(2)}× (target ≤ 0.50×), memory ratio ${(ours.peakMb / anchor.peakMb).toFixed(2)}×\n      anchor steps: ${anchor.detail}`;
    } else {
      line += args.includes('--no-anchor')
        ? ' | anchor skipped (--no-anchor)'
        : ' | scikit-learn not installed (apt-get install python3-sklearn python3-pandas python3-openpyxl): no anchor';
    }
    console.log(line);
    if (ours.steps) console.log(`      segmentwise steps: ${ours.steps}\n      segmentwise result: ${ours.outcome}`);
  }
}
