/**
 * Parse throughput of the ingest readers (rows/s, MB/s, peak memory) against the raw parsers they
 * are built on, on generated data and on the real datasets in ../shared/data. XLSX: the app's reader
 * against the exceljs-based reading it replaced (tools/reference/readXlsxWithExceljs.ts, the same
 * Table) and pandas' read_excel (openpyxl), the notebook flow's reader, on the same file in the same run.
 *   npm run bench -- parse [--parse-rows=1000000] [--xlsx-rows=200000] [--no-anchor]
 * PLATFORM.md figures for this machine class: exceljs streaming 31-35k rows/s (200k x 15);
 * csv-parse 100-200k rows/s with type conversion.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import * as ExcelJS from 'exceljs';
import { fileSource } from '../shared/ingest/fileSource';
import { readTable } from '../shared/ingest/readTable';
import { syntheticCsvChunks } from '../tools/datasets/syntheticCsv';
import { readXlsxWithExceljs } from '../tools/reference/readXlsxWithExceljs';
import { PYTHON } from './lib/benchEnv';

const sharedData = process.env.SEGMENTWISE_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data');

/** Run in a child process so its peak RSS is the parse's own: prints one JSON line. */
export async function measureCsvInChild(rows: number, mode: 'readTable' | 'csv-parse'): Promise<void> {
  let bytes = 0;
  const counted = function* (): Generator<Buffer> {
    for (const b of syntheticCsvChunks(rows)) {
      bytes += b.length;
      yield b;
    }
  };
  const t0 = process.hrtime.bigint();
  let parsed = 0;
  if (mode === 'readTable') {
    const t = await readTable({ name: 'synthetic.csv', open: () => Readable.from(counted()) });
    parsed = t.rowCount;
  } else {
    const p = parse({});
    Readable.from(counted()).pipe(p);
    for await (const record of p) if (record) parsed++;
    parsed--;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({ rows: parsed, bytes, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function child(rows: number, mode: string): { rows: number; bytes: number; seconds: number; maxRssMb: number } {
  const script = `require(${JSON.stringify(__filename)}).measureCsvInChild(${rows}, '${mode}').catch((e) => { console.error(e); process.exit(1); })`;
  const res = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (res.status !== 0) throw new Error(`child failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop()!);
}

function line(label: string, rows: number, bytes: number, seconds: number, extra = ''): void {
  console.log(
    `${label.padEnd(44)} ${String(rows).padStart(8)} rows  ${(seconds).toFixed(2).padStart(6)} s  ${Math.round(rows / seconds).toString().padStart(7)} rows/s  ${(bytes / 1e6 / seconds).toFixed(1).padStart(6)} MB/s${extra}`,
  );
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const out = await fn();
  return [out, Number(process.hrtime.bigint() - t0) / 1e9];
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('data');
  const header = ['customer_id'];
  for (let j = 0; j < 11; j++) header.push(`metric_${j}`);
  header.push('city', 'plan', 'signup');
  ws.addRow(header).commit();
  const cities = ['Oslo', 'Rome', 'Lyon', 'Porto'];
  for (let i = 0; i < rows; i++) {
    const r: (string | number | Date)[] = [100000 + i];
    for (let j = 0; j < 11; j++) r.push(j % 2 ? Math.round(((i * 7919 + j * 104729) % 100000) / 10) / 10 : (i + j) % 50);
    r.push(cities[i % 4], i % 3 ? 'basic' : 'premium', new Date(Date.UTC(2020, 0, 1 + (i % 1500))));
    ws.addRow(r).commit();
  }
  await wb.commit();
}

/** The exceljs-based reading of a file, as readTable read XLSX before the app's own reader. */
async function exceljsTable(file: string, sheet?: string): Promise<number> {
  return (await readXlsxWithExceljs(path.basename(file), fs.createReadStream(file), { maxColumns: 2000, sheet })).rowCount;
}

/** pandas.read_excel (openpyxl) on the file in a child process: its rows and seconds, or why there are none. */
function pandasReadExcel(file: string, sheet?: string): { rows: number; seconds: number } | string {
  const script = [
    'import sys, time, pandas as pd',
    't = time.perf_counter()',
    'df = pd.read_excel(sys.argv[1], sheet_name=sys.argv[2] if len(sys.argv) > 2 else 0)',
    'print(len(df), time.perf_counter() - t)',
  ].join('\n');
  const res = spawnSync(PYTHON, ['-c', script, file, ...(sheet ? [sheet] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (res.status !== 0) return `pandas read_excel unavailable (${(res.stderr || res.error?.message || '').trim().split('\n').pop()})`;
  const [rows, seconds] = res.stdout.trim().split(/\s+/).map(Number);
  return { rows: rows!, seconds: seconds! };
}

async function rawXlsxRows(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
  let n = 0;
  for await (const ws of reader) for await (const row of ws as unknown as AsyncIterable<unknown>) if (row) n++;
  return n - 1;
}

export async function main(args: string[]): Promise<void> {
  const arg = (name: string, dflt: number): number => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
  const csvRows = arg('parse-rows', 1_000_000);
  const xlsxRows = arg('xlsx-rows', 200_000);

  console.log(`CSV, generated ${csvRows} rows x 20 columns, streamed (each in its own process)`);
  const ours = child(csvRows, 'readTable');
  const raw = child(csvRows, 'csv-parse');
  line('readTable (typed columns)', ours.rows, ours.bytes, ours.seconds, `  peak RSS ${ours.maxRssMb.toFixed(0)} MB (limit 1500)`);
  line('anchor: csv-parse raw string arrays', raw.rows, raw.bytes, raw.seconds, `  peak RSS ${raw.maxRssMb.toFixed(0)} MB`);
  console.log(`  ratio readTable / csv-parse raw time: ${(ours.seconds / raw.seconds).toFixed(2)}x`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentwise-bench-'));
  try {
    const xlsx = path.join(tmp, 'generated.xlsx');
    await writeXlsx(xlsx, xlsxRows);
    const size = fs.statSync(xlsx).size;
    console.log(`\nXLSX, generated ${xlsxRows} rows x 15 columns (${(size / 1e6).toFixed(1)} MB)`);
    const [t, s] = await timed(() => readTable(fileSource(xlsx)));
    line('readTable (archive check + our reader + typing)', t.rowCount, size, s);
    const [e, se] = await timed(() => exceljsTable(xlsx));
    line('exceljs-based reading (same Table)', e, size, se);
    const [n, sr] = await timed(() => rawXlsxRows(xlsx));
    line('anchor: exceljs WorkbookReader, rows only', n, size, sr);
    console.log(`  ratio readTable / exceljs-based reading: ${(s / se).toFixed(2)}x; / exceljs rows only: ${(s / sr).toFixed(2)}x; PLATFORM.md: exceljs 31-35k rows/s`);
    if (!args.includes('--no-anchor')) {
      const pandas = pandasReadExcel(xlsx);
      if (typeof pandas === 'string') console.log(`  ${pandas}: no pandas anchor`);
      else {
        line('anchor: pandas read_excel (openpyxl)', pandas.rows, size, pandas.seconds);
        console.log(`  ratio readTable / pandas read_excel: ${(s / pandas.seconds).toFixed(3)}x`);
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  if (!fs.existsSync(sharedData)) {
    console.log(`\n(real datasets skipped: ${sharedData} not found)`);
    return;
  }
  console.log('\nReal datasets');
  for (const rel of [
    'bank-marketing/bank-full.csv',
    'online-retail-full/sample_customers_2009_2010.csv',
    'ecommerce-churn/E Commerce Dataset.xlsx',
    'online-retail-rfm/Online Retail.xlsx',
    'online-retail-full/online_retail_2010_2011.parquet',
  ]) {
    const file = path.join(sharedData, rel);
    const [t, s] = await timed(() => readTable(fileSource(file)));
    line(rel, t.rowCount, fs.statSync(file).size, s);
    if (rel.endsWith('.xlsx')) {
      const [e, se] = await timed(() => exceljsTable(file));
      line('  exceljs-based reading', e, fs.statSync(file).size, se, `  ratio ${(s / se).toFixed(2)}x`);
    }
  }
}
