import type { Column, Table } from '../ingest/Table';
import type { TransactionColumns } from '../features/aggregateTransactions';
import { keyValues } from '../features/keyValues';

const dayMs = 86_400_000;
export const weekMs = 7 * dayMs;

/**
 * Each customer's purchases in a window, in the shape BG/NBD and Gamma-Gamma read: a purchase is a
 * calendar day with at least one line that is not a cancellation (as the usual daily summaries
 * count), worth the day's net spend (returns subtract). Times are in weeks.
 */
export interface PurchaseHistory {
  /** Customer keys (features/keyValues.ts), one per customer with a purchase in the window. */
  keys: string[];
  /** Purchase days after the first. */
  frequency: Float64Array;
  /** Weeks from the first purchase day to the last. */
  recency: Float64Array;
  /** Weeks from the first purchase day to the end of the window. */
  age: Float64Array;
  /** Mean net spend of the repeat purchase days (the first day left out, as Gamma-Gamma expects); 0 without one. */
  meanSpend: Float64Array;
  /** Net spend of every purchase day in the window. */
  totalSpend: Float64Array;
  /** Start of the last purchase day (epoch ms). */
  lastPurchase: Float64Array;
  /** The window's end (epoch ms, exclusive). */
  end: number;
}

/** Purchases made in [since, end) from transaction lines (one amount, or quantity × price). */
export function purchaseHistory(table: Table, cols: TransactionColumns, window: { end: number; since?: number }): PurchaseHistory {
  const find = (name: string): Column => {
    const c = table.columns.find((x) => x.name === name);
    if (!c) throw new Error(`The transaction table has no column "${name}".`);
    return c;
  };
  const customers = keyValues(find(cols.customer));
  const date = find(cols.date);
  if (date.kind !== 'date') throw new Error(`The column "${cols.date}" does not hold dates.`);
  const amountCols = (Array.isArray(cols.amount) ? cols.amount : [cols.amount]).map(find);
  const num = (c: Column, i: number): number => (c.kind === 'string' ? Number(c.values[i]) : c.values[i]!);
  const invoices = cols.invoice ? keyValues(find(cols.invoice)) : undefined;

  // customer → day → [net spend, bought (a line that is not a cancellation)]
  const days = new Map<string, Map<number, [number, boolean]>>();
  for (let i = 0; i < table.rowCount; i++) {
    const t = date.values[i]!;
    const id = customers[i];
    if (id === null || Number.isNaN(t) || t >= window.end || (window.since !== undefined && t < window.since)) continue;
    const amount = amountCols.length === 2 ? num(amountCols[0]!, i) * num(amountCols[1]!, i) : num(amountCols[0]!, i);
    const inv = invoices?.[i] ?? null;
    const cancelled = (inv !== null && /^c/i.test(inv)) || (amountCols.length === 2 ? num(amountCols[0]!, i) < 0 : amount < 0);
    let perDay = days.get(id);
    if (!perDay) days.set(id, (perDay = new Map()));
    const day = Math.floor(t / dayMs) * dayMs;
    const cell = perDay.get(day) ?? [0, false];
    if (Number.isFinite(amount)) cell[0] += amount;
    if (!cancelled) cell[1] = true;
    perDay.set(day, cell);
  }
  const keys: string[] = [];
  const rows: { first: number; last: number; repeats: number; repeatSpend: number; total: number }[] = [];
  for (const [key, perDay] of days) {
    const bought = [...perDay].filter(([, c]) => c[1]).sort((a, b) => a[0] - b[0]);
    if (bought.length === 0) continue;
    let repeatSpend = 0;
    for (let d = 1; d < bought.length; d++) repeatSpend += bought[d]![1][0];
    let total = 0;
    for (const [, c] of perDay) total += c[0];
    keys.push(key);
    rows.push({ first: bought[0]![0], last: bought[bought.length - 1]![0], repeats: bought.length - 1, repeatSpend, total });
  }
  const n = keys.length;
  const out: PurchaseHistory = {
    keys,
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    age: new Float64Array(n),
    meanSpend: new Float64Array(n),
    totalSpend: new Float64Array(n),
    lastPurchase: new Float64Array(n),
    end: window.end,
  };
  rows.forEach((r, i) => {
    out.frequency[i] = r.repeats;
    out.recency[i] = (r.last - r.first) / weekMs;
    out.age[i] = (window.end - r.first) / weekMs;
    out.meanSpend[i] = r.repeats > 0 ? r.repeatSpend / r.repeats : 0;
    out.totalSpend[i] = r.total;
    out.lastPurchase[i] = r.last;
  });
  return out;
}
