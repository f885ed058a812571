import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BaseInput } from './FuzzCase';

/** ../shared/data beside the repository, where the real datasets live (read in place, never copied). */
export function defaultDataDir(): string {
  return process.env.SEGMENTWISE_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data');
}

const cities = ['Oslo', 'Lyon', 'Porto', 'Kyiv', 'Riga', 'São Paulo'];
const plans = ['basic', 'plus', 'premium'];

interface Customer {
  id: string;
  age: number;
  spend: number;
  orders: number;
  lastOrder: Date;
  city: string;
  plan: string;
  consent: string;
  churn: string;
  note: string;
}

function customers(n: number): Customer[] {
  const out: Customer[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      id: `C${String(1000 + i)}`,
      age: 18 + ((i * 37) % 60),
      spend: Math.round(((i * 7919) % 10000) * 1.37) / 100,
      orders: (i * 13) % 25,
      lastOrder: new Date(Date.UTC(2024, (i * 5) % 12, 1 + ((i * 11) % 28))),
      city: cities[i % cities.length],
      plan: plans[(i * 7) % plans.length],
      consent: i % 4 === 0 ? 'no' : 'yes',
      churn: i % 3 === 0 ? 'Yes' : 'No',
      note: i % 9 === 0 ? 'asked, twice, for "a refund"' : '',
    });
  }
  return out;
}

function customersCsv(rows: Customer[]): Buffer {
  const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['customer_id,age,monthly_spend,orders_6m,last_order,city,plan,consent,churn,note'];
  for (const c of rows) {
    lines.push([c.id, c.age, c.spend.toFixed(2), c.orders, c.lastOrder.toISOString().slice(0, 10), c.city, c.plan, c.consent, c.churn, quote(c.note)].join(','));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** A workbook shaped like real exports: a dictionary sheet first, a title above the header, a formula column. */
async function customersXlsx(rows: Customer[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const dict = wb.addWorksheet('Dictionary');
  dict.addRow(['column', 'meaning']);
  dict.addRow(['monthly_spend', 'average spend per month']);
  dict.addRow(['orders_6m', 'orders in the last six months']);
  const ws = wb.addWorksheet('Customers');
  ws.addRow(['Customer export']);
  ws.addRow([]);
  ws.addRow(['customer_id', 'age', 'monthly_spend', 'orders_6m', 'yearly_spend', 'last_order', 'city', 'plan', 'consent', 'churn']);
  rows.forEach((c, i) => {
    const r = ws.addRow([c.id, c.age, c.spend, c.orders, null, c.lastOrder, c.city, c.plan, c.consent, c.churn]);
    r.getCell(5).value = { formula: `C${i + 4}*12`, result: Math.round(c.spend * 1200) / 100 };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function eventsJsonl(n: number): Buffer {
  const types = ['view', 'cart', 'order'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ customer_id: 100 + (i % 40), event: types[i % 3], ts: 1_700_000_000 + i * 3600, amount: i % 3 === 2 ? (i % 50) + 0.5 : null }));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

function sessionsJsonl(n: number): Buffer {
  const types = ['clicks', 'carts', 'orders'];
  const lines: string[] = [];
  for (let s = 0; s < n; s++) {
    const events = Array.from({ length: 1 + (s % 7) }, (_, k) => ({ aid: 1000 + ((s * 31 + k * 7) % 500), ts: 1_659_304_800 + s * 600 + k * 30, type: types[(s + k) % 3] }));
    lines.push(JSON.stringify({ session: s, events }));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** The first `maxBytes` of a text file, cut after its last whole line. */
function headOfText(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(maxBytes, fs.fstatSync(fd).size));
    fs.readSync(fd, buf, 0, buf.length, 0);
    const lastNewline = buf.lastIndexOf(0x0a);
    return lastNewline > 0 && buf.length === maxBytes ? buf.subarray(0, lastNewline + 1) : buf;
  } finally {
    fs.closeSync(fd);
  }
}

/** Real files used as they are (small workbooks) or by their first KB (text). */
const realInputs: { dir: string; file: string; kind: 'csv' | 'xlsx'; headBytes?: number }[] = [
  { dir: 'telco-churn', file: 'WA_Fn-UseC_-Telco-Customer-Churn.csv', kind: 'csv', headBytes: 24 * 1024 },
  { dir: 'bank-marketing', file: 'bank.csv', kind: 'csv', headBytes: 16 * 1024 },
  { dir: 'one-click-market', file: 'market_file.csv', kind: 'csv', headBytes: 24 * 1024 },
  { dir: 'one-click-market', file: 'money_original_semicolon.csv', kind: 'csv', headBytes: 16 * 1024 },
  { dir: 'online-retail', file: 'OnlineRetail.csv', kind: 'csv', headBytes: 24 * 1024 },
  { dir: 'online-retail-full', file: 'sample_customers_2010_2011.csv', kind: 'csv', headBytes: 16 * 1024 },
  { dir: 'online-retail-rfm', file: 'Online Retail.xlsx', kind: 'xlsx' },
  { dir: 'ecommerce-churn', file: 'E Commerce Dataset.xlsx', kind: 'xlsx' },
];

const cache = new Map<string, Promise<BaseInput[]>>();

/**
 * The valid inputs mutations start from: small generated tables (CSV, XLSX, JSONL events and
 * sessions) and, when the real datasets are present, the start of each of them.
 */
export function baseInputs(dataDir: string | null = defaultDataDir()): Promise<BaseInput[]> {
  const key = dataDir ?? '';
  let found = cache.get(key);
  if (!found) {
    found = buildBaseInputs(dataDir);
    cache.set(key, found);
  }
  return found;
}

async function buildBaseInputs(dataDir: string | null): Promise<BaseInput[]> {
  const rows = customers(120);
  const inputs: BaseInput[] = [
    { name: 'generated customers.csv', file: 'customers.csv', kind: 'csv', bytes: customersCsv(rows) },
    { name: 'generated customers.xlsx', file: 'customers.xlsx', kind: 'xlsx', bytes: await customersXlsx(rows) },
    { name: 'generated events.jsonl', file: 'events.jsonl', kind: 'jsonl', bytes: eventsJsonl(400) },
    { name: 'generated sessions.jsonl', file: 'sessions.jsonl', kind: 'jsonl', bytes: sessionsJsonl(80) },
  ];
  if (dataDir && fs.existsSync(dataDir)) {
    for (const r of realInputs) {
      const full = path.join(dataDir, r.dir, r.file);
      if (!fs.existsSync(full)) continue;
      const bytes = r.headBytes ? headOfText(full, r.headBytes) : fs.readFileSync(full);
      inputs.push({ name: `${r.dir}/${r.file}${r.headBytes ? ` (first ${bytes.length} bytes)` : ''}`, file: r.file, kind: r.kind, bytes });
    }
  }
  return inputs;
}
