/**
 * Customer value against what customers actually bought next: on each transactional dataset a
 * final period is held out (the 12 months after 2010-12-09 on both Online Retail years joined, the
 * last 26 weeks of one file), BG/NBD + Gamma-Gamma are fitted on the purchases before, and each
 * customer's predicted purchases and spend in the hold-out are scored (MAE, RMSE, totals) beside
 * the naive forecast that repeats the period of the same length before the cut-off.
 *   npm run bench -- value
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TransactionColumns } from '../shared/features/aggregateTransactions';
import { fileSource } from '../shared/ingest/fileSource';
import { readTable } from '../shared/ingest/readTable';
import { compareOnHoldout, type ErrorFigures } from '../shared/value/compareOnHoldout';
import { weekMs } from '../shared/value/purchaseHistory';
import type { Column, Table } from '../shared/ingest/Table';
import { dataDir, seconds, table } from './lib/benchEnv';

function dayAfterLast(t: Table, dateColumn: string): number {
  let last = -Infinity;
  for (const d of t.columns.find((c) => c.name === dateColumn)!.values as Float64Array) if (d > last) last = d;
  return Math.floor(last / 86_400_000) * 86_400_000 + 86_400_000;
}

function renamed(t: Table, names: Record<string, string>): Table {
  return { ...t, columns: t.columns.map((c) => ({ ...c, name: names[c.name] ?? c.name }) as Column) };
}

/**
 * The older file's lines, then the newer file's from the day after the older one's last: the two
 * Online Retail files share 2010-12-01..09, which would otherwise count twice.
 */
function concatLines(older: Table, newer: Table, cols: TransactionColumns): Table {
  const from = dayAfterLast(older, cols.date);
  const newerDates = newer.columns.find((c) => c.name === cols.date)!.values as Float64Array;
  const keep: number[] = [];
  for (let i = 0; i < newer.rowCount; i++) if (newerDates[i]! >= from) keep.push(i);
  const names = [cols.customer, cols.date, ...(Array.isArray(cols.amount) ? cols.amount : [cols.amount]), cols.invoice!];
  const columns = names.map((name): Column => {
    const a = older.columns.find((c) => c.name === name)!;
    const b = newer.columns.find((c) => c.name === name)!;
    if (a.kind === 'string' || b.kind === 'string') {
      const text = (c: Column, i: number) => (c.kind === 'string' ? c.values[i]! : Number.isNaN(c.values[i]!) ? null : String(c.values[i]));
      return { name, kind: 'string', values: [...Array.from({ length: older.rowCount }, (_, i) => text(a, i)), ...keep.map((i) => text(b, i))] };
    }
    const values = new Float64Array(older.rowCount + keep.length);
    values.set(a.values as Float64Array);
    keep.forEach((i, j) => (values[older.rowCount + j] = (b.values as Float64Array)[i]!));
    return { name, kind: a.kind, values } as Column;
  });
  return { name: 'online-retail-both-years', columns, rowCount: older.rowCount + keep.length };
}

const retailCols: TransactionColumns = { customer: 'CustomerID', date: 'InvoiceDate', amount: ['Quantity', 'UnitPrice'], invoice: 'InvoiceNo' };

interface ValueDataset {
  name: string;
  files: string[];
  cols: TransactionColumns;
  holdoutWeeks: number;
  /** How the files make one table of lines (default: the one file as read). */
  combine?: (tables: Table[]) => Table;
}

const datasets: ValueDataset[] = [
  {
    name: 'online-retail, both years: fitted on 2009-12 → 2010-12, the next 12 months held out',
    files: ['online-retail-full/online_retail_ii_2009_2010.parquet', 'online-retail-full/online_retail_2010_2011.parquet'],
    cols: retailCols,
    holdoutWeeks: 52,
    combine: ([older, newer]) => concatLines(renamed(older!, { 'Customer ID': 'CustomerID', Price: 'UnitPrice', Invoice: 'InvoiceNo' }), newer!, retailCols),
  },
  {
    name: 'online-retail 2010-11 (all 541,909 lines)',
    files: ['online-retail-full/online_retail_2010_2011.parquet'],
    cols: retailCols,
    holdoutWeeks: 26,
  },
  {
    name: 'online-retail II 2009-10 (all 525,461 lines)',
    files: ['online-retail-full/online_retail_ii_2009_2010.parquet'],
    cols: { customer: 'Customer ID', date: 'InvoiceDate', amount: ['Quantity', 'Price'], invoice: 'Invoice' },
    holdoutWeeks: 26,
  },
  {
    name: 'online-retail 2010-11, 10 % of customers',
    files: ['online-retail-full/sample_customers_2010_2011.csv'],
    cols: retailCols,
    holdoutWeeks: 26,
  },
  {
    name: 'online-retail, 30,000 sampled lines',
    files: ['online-retail/OnlineRetail.csv'],
    cols: retailCols,
    holdoutWeeks: 26,
  },
];

const f = (v: number, digits = 2) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const errRow = (what: string, e: ErrorFigures, actual: number, digits: number): (string | number)[] =>
  [what, f(e.mae, digits), f(e.rmse, digits), f(e.total, 0), f(actual, 0), `${f((100 * (e.total - actual)) / actual, 1)} %`];

export async function main(): Promise<void> {
  for (const ds of datasets) {
    const files = ds.files.map((f) => path.join(dataDir(), f));
    const absent = files.find((f) => !fs.existsSync(f));
    if (absent) {
      console.log(`\n${ds.name}: ${absent} not found, skipped`);
      continue;
    }
    const t = performance.now();
    const tables = await Promise.all(files.map((f) => readTable(fileSource(f))));
    const lines = ds.combine ? ds.combine(tables) : tables[0]!;
    const holdoutWeeks = ds.holdoutWeeks;
    const dates = lines.columns.find((c) => c.name === ds.cols.date)!.values as Float64Array;
    let last = -Infinity;
    for (const d of dates) if (d > last) last = d;
    const end = Math.floor(last / 86_400_000) * 86_400_000 + 86_400_000;
    // A combined table holds out everything after its first file's last day.
    const cutoff = ds.combine ? dayAfterLast(tables[0]!, 'InvoiceDate') : end - holdoutWeeks * weekMs;
    const c = compareOnHoldout(lines, ds.cols, { cutoff, end });
    const bg = c.fitted.bgNbd;
    const gg = c.fitted.gammaGamma;
    console.log(`\n${ds.name}: fitted before ${new Date(cutoff).toISOString().slice(0, 10)}, held out to ${new Date(end).toISOString().slice(0, 10)} (${c.holdoutWeeks.toFixed(1)} weeks); ${c.customers} customers, ${c.actual.buyers} of them bought in the hold-out (${seconds(t).toFixed(1)} s)`);
    console.log(`  BG/NBD r=${bg.r.toFixed(3)} α=${bg.alpha.toFixed(3)} a=${bg.a.toPrecision(3)} b=${bg.b.toPrecision(3)}; ` +
      (gg ? `Gamma-Gamma p=${gg.p.toFixed(3)} q=${gg.q.toFixed(3)} v=${gg.v.toFixed(1)} (${gg.customers} repeat buyers)` : `no Gamma-Gamma: spend per purchase ${c.fitted.fallbackSpend?.toFixed(2)}`));
    console.log(table([
      ['per customer', 'MAE', 'RMSE', 'predicted total', 'actual total', 'total error'],
      errRow('purchases: BG/NBD', c.model.purchases, c.actual.purchases, 3),
      errRow('purchases: last period', c.baseline.purchases, c.actual.purchases, 3),
      errRow('spend: BG/NBD × Gamma-Gamma', c.model.spend, c.actual.spend, 2),
      errRow('spend: last period', c.baseline.spend, c.actual.spend, 2),
    ]));
    const np = c.nextPurchase;
    console.log(`  next purchase, mean absolute error: model ${f(np.modelDays, 1)} days on ${np.customers} hold-out buyers with a predicted date; ` +
      `last purchase + own mean gap ${f(np.baselineDays, 1)} days on ${np.baselineCustomers} repeat buyers`);
  }
}
