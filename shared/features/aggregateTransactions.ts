import { IngestError } from '../ingest/IngestError';
import type { Column, Table } from '../ingest/Table';
import { requireColumn } from './requireColumn';
import { keyValues } from './keyValues';

export interface TransactionColumns {
  customer: string;
  date: string;
  /** One amount column, or [quantity, unit price] multiplied per line. */
  amount: string | [string] | [string, string];
  invoice?: string;
  item?: string;
}

export interface TransactionFeatures {
  table: Table;
  /** The date recency is measured from: the day after the last line. */
  referenceDate: number;
  linesWithoutCustomer: number;
  derived: { column: string; from: string; how: string }[];
}

const dayMs = 86_400_000;

/**
 * RFM and activity per customer from invoice lines (the Online Retail shape):
 * recency_days, frequency (distinct invoices that are not cancellations), monetary (net sum of
 * quantity × price), lines, avg_order_value, tenure_days, active_months, distinct_items, return_share.
 * Cancellations ("C" invoices) and negative quantities count against monetary, as returns do.
 */
export function aggregateTransactions(
  table: Table,
  cols: TransactionColumns,
  opts: { referenceDate?: number; until?: number; since?: number } = {},
): TransactionFeatures {
  const col = (name: string): Column => requireColumn(table, name, {
    code: 'COLUMN_NOT_FOUND', lacks: 'The transaction table has no column', listed: 'Columns',
    hint: 'Name the customer, date, amount and invoice columns of this file in manifest.json.',
  });
  const customers = keyValues(col(cols.customer));
  const date = col(cols.date);
  if (date.kind !== 'date') {
    throw new IngestError({
      code: 'COLUMN_NOT_FOUND',
      file: table.name,
      column: cols.date,
      message: `The column "${cols.date}" does not hold dates the service can read.`,
      hint: 'Write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (or DD.MM.YYYY), then upload again.',
    });
  }
  const amountNames = Array.isArray(cols.amount) ? cols.amount : [cols.amount];
  const amountCols = amountNames.map(col);
  const num = (c: Column, i: number): number => (c.kind === 'string' ? Number(c.values[i]) : c.values[i]);
  const invoices = cols.invoice ? keyValues(col(cols.invoice)) : undefined;
  const items = cols.item ? keyValues(col(cols.item)) : undefined;
  const quantity = amountCols.length === 2 ? amountCols[0] : undefined;

  interface Acc {
    first: number;
    last: number;
    monetary: number;
    lines: number;
    returns: number;
    invoices: Set<string>;
    items: Set<string> | undefined;
    months: Set<number>;
  }
  const byCustomer = new Map<string, Acc>();
  let linesWithoutCustomer = 0;
  let maxDate = -Infinity;
  for (let i = 0; i < table.rowCount; i++) {
    const t = date.values[i];
    if (Number.isNaN(t) || (opts.since !== undefined && t < opts.since) || (opts.until !== undefined && t >= opts.until)) continue;
    const id = customers[i];
    if (id === null) {
      linesWithoutCustomer++;
      continue;
    }
    const amount = amountCols.length === 2 ? num(amountCols[0], i) * num(amountCols[1], i) : num(amountCols[0], i);
    let a = byCustomer.get(id);
    if (!a) {
      a = { first: t, last: t, monetary: 0, lines: 0, returns: 0, invoices: new Set(), items: items ? new Set() : undefined, months: new Set() };
      byCustomer.set(id, a);
    }
    if (t < a.first) a.first = t;
    if (t > a.last) a.last = t;
    if (t > maxDate) maxDate = t;
    if (!Number.isNaN(amount)) a.monetary += amount;
    a.lines++;
    const inv = invoices?.[i] ?? null;
    const cancelled = (inv !== null && /^c/i.test(inv)) || (quantity !== undefined && num(quantity, i) < 0);
    if (cancelled) a.returns++;
    else if (inv !== null) a.invoices.add(inv);
    const it = items?.[i];
    if (it) a.items!.add(it);
    const d = new Date(t);
    a.months.add(d.getUTCFullYear() * 12 + d.getUTCMonth());
  }
  const reference = opts.referenceDate ?? Math.floor(maxDate / dayMs) * dayMs + dayMs;
  const ids = [...byCustomer.keys()];
  const n = ids.length;
  const mk = (): Float64Array => new Float64Array(n);
  const f = {
    recency_days: mk(), frequency: mk(), monetary: mk(), lines: mk(), avg_order_value: mk(), tenure_days: mk(),
    active_months: mk(), distinct_items: mk(), return_share: mk(),
  };
  ids.forEach((id, r) => {
    const a = byCustomer.get(id)!;
    f.recency_days[r] = (reference - a.last) / dayMs;
    f.frequency[r] = invoices ? a.invoices.size : a.lines - a.returns;
    f.monetary[r] = a.monetary;
    f.lines[r] = a.lines;
    f.avg_order_value[r] = f.frequency[r] > 0 ? a.monetary / f.frequency[r] : 0;
    f.tenure_days[r] = (reference - a.first) / dayMs;
    f.active_months[r] = a.months.size;
    f.distinct_items[r] = a.items ? a.items.size : NaN;
    f.return_share[r] = a.lines ? a.returns / a.lines : 0;
  });
  const idSource = col(cols.customer);
  // Text ids come back as the first line wrote them ("15291.0" stays "15291.0"), keyed as join keys.
  let shownIds: (string | null)[] = ids;
  if (idSource.kind === 'string') {
    const firstText = new Map<string, string>();
    for (let i = 0; i < table.rowCount; i++) {
      const key = customers[i];
      const text = idSource.values[i];
      if (key !== null && text !== null && !firstText.has(key)) firstText.set(key, text);
    }
    shownIds = ids.map((k) => (k === null ? null : (firstText.get(k) ?? k)));
  }
  const idColumn: Column =
    idSource.kind === 'number'
      ? { name: cols.customer, kind: 'number', values: Float64Array.from(ids, Number) }
      : { name: cols.customer, kind: 'string', values: shownIds };
  const how: Record<string, string> = {
    recency_days: `days from the customer's last ${cols.date} to ${new Date(reference).toISOString().slice(0, 10)}`,
    frequency: cols.invoice ? `distinct ${cols.invoice} (cancellations excluded)` : 'lines that are not returns',
    monetary: `sum of ${amountNames.join(' × ')} (returns subtract)`,
    lines: 'transaction lines',
    avg_order_value: 'monetary / frequency',
    tenure_days: `days from the customer's first ${cols.date} to the reference date`,
    active_months: 'calendar months with a purchase',
    distinct_items: cols.item ? `distinct ${cols.item}` : 'not available',
    return_share: 'share of lines that are cancellations or negative quantities',
  };
  const columns: Column[] = [idColumn];
  const derived: TransactionFeatures['derived'] = [];
  for (const [name, values] of Object.entries(f)) {
    if (name === 'distinct_items' && !cols.item) continue;
    columns.push({ name, kind: 'number', values });
    derived.push({ column: name, from: table.name, how: how[name] });
  }
  return { table: { name: table.name, columns, rowCount: n }, referenceDate: reference, linesWithoutCustomer, derived };
}
