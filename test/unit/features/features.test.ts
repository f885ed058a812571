import { aggregateEvents } from '../../../shared/features/aggregateEvents';
import { aggregateTransactions } from '../../../shared/features/aggregateTransactions';
import { daysSince } from '../../../shared/features/dateFeatures';
import { engagementFeatures } from '../../../shared/features/engagementFeatures';
import { leftJoin } from '../../../shared/features/leftJoin';
import { pivotLongTable } from '../../../shared/features/pivotLongTable';
import { robustZScores } from '../../../shared/features/robustZScores';
import { imputeTable } from '../../../shared/features/imputeTable';
import { median } from '../../../shared/ml/median';
import { bufferSource } from '../../../shared/ingest/fileSource';
import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { readTable } from '../../../shared/ingest/readTable';
import type { Column, Table } from '../../../shared/ingest/Table';

const csvTable = (text: string, name = 't.csv'): Promise<Table> => readTable(bufferSource(name, Buffer.from(text)));
const values = (t: Table, name: string): unknown[] => Array.from(t.columns.find((c) => c.name === name)!.values as ArrayLike<unknown>);
const day = 86_400_000;

describe('pivotLongTable', () => {
  test('one column per period, rows in order of first appearance, repeats summed', async () => {
    const long = await csvTable('id,Период,Выручка\n7,текущий,10\n7,прошлый,5.5\n3,текущий,1\n7,текущий,2\n');
    const { table, derived, repeatedPairs } = pivotLongTable(long, { id: 'id', period: 'Период', value: 'Выручка' });
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'Выручка_текущий', 'Выручка_прошлый']);
    expect(values(table, 'id')).toEqual([7, 3]);
    expect(values(table, 'Выручка_текущий')).toEqual([12, 1]);
    expect(values(table, 'Выручка_прошлый')).toEqual([5.5, NaN]);
    expect(repeatedPairs).toBe(1);
    expect(derived[0]).toMatchObject({ column: 'Выручка_текущий', from: 't.csv' });
  });
});

describe('leftJoin', () => {
  test('keeps base order, matches 15291.0 to 15291, suffixes clashing names', async () => {
    const base = await csvTable('id,spend\n15291,1\n2,2\n9,3\n', 'base.csv');
    const other = await csvTable('cid,spend,visits\n15291.0,10,4\n2,20,5\n77,0,0\n', 'web.csv');
    const j = leftJoin(base, 'id', other, 'cid');
    expect(j.table.columns.map((c) => c.name)).toEqual(['id', 'spend', 'spend_web', 'visits']);
    expect(values(j.table, 'visits')).toEqual([4, 5, NaN]);
    expect(j.unmatched).toBe(1);
    expect(j.orphans).toBe(1);
  });
});

describe('aggregateTransactions', () => {
  const lines =
    'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n' +
    '1,A,2,2024-01-01 10:00:00,5,100\n' +
    '1,B,1,2024-01-01 10:00:00,10,100\n' +
    '2,A,1,2024-02-10 09:00:00,5,100\n' +
    'C3,A,-1,2024-02-11 09:00:00,5,100\n' +
    '4,C,3,2024-03-01 12:00:00,2,200\n' +
    '5,C,1,2024-03-02 12:00:00,2,\n';
  test('RFM and activity per customer', async () => {
    const t = await csvTable(lines, 'tx.csv');
    const agg = aggregateTransactions(t, { customer: 'CustomerID', date: 'InvoiceDate', amount: ['Quantity', 'UnitPrice'], invoice: 'InvoiceNo', item: 'StockCode' });
    expect(new Date(agg.referenceDate).toISOString()).toBe('2024-03-02T00:00:00.000Z');
    expect(agg.linesWithoutCustomer).toBe(1);
    const r = agg.table;
    expect(values(r, 'CustomerID')).toEqual([100, 200]);
    expect(values(r, 'frequency')).toEqual([2, 1]);
    expect(values(r, 'monetary')).toEqual([20 + 5 - 5, 6]);
    expect(values(r, 'lines')).toEqual([4, 1]);
    expect(values(r, 'return_share')).toEqual([0.25, 0]);
    expect(values(r, 'distinct_items')).toEqual([2, 1]);
    expect(values(r, 'active_months')).toEqual([2, 1]);
    expect(values(r, 'recency_days')[0]).toBeCloseTo((Date.UTC(2024, 2, 2) - Date.UTC(2024, 1, 11, 9)) / day, 9);
    expect(values(r, 'tenure_days')[1]).toBeCloseTo(0.5, 9);
    expect(values(r, 'avg_order_value')).toEqual([10, 6]);
  });

  test('a single transactions file without manifest is recognised and aggregated', async () => {
    const { table, schema, quality } = await buildCustomerTable([bufferSource('tx.csv', Buffer.from(lines))]);
    expect(quality.files[0].role).toBe('transactions');
    expect(schema.id).toBe('CustomerID');
    expect(table.rowCount).toBe(2);
    expect(quality.derived.map((d) => d.column)).toEqual(expect.arrayContaining(['recency_days', 'frequency', 'monetary']));
  });
});

describe('aggregateEvents', () => {
  const otto = [
    { session: 1, events: [{ aid: 10, ts: 1_700_000_000_000, type: 'clicks' }, { aid: 11, ts: 1_700_000_060_000, type: 'clicks' }, { aid: 11, ts: 1_700_000_120_000, type: 'carts' }] },
    { session: 2, events: [{ aid: 10, ts: 1_700_086_400_000, type: 'clicks' }, { aid: 10, ts: 1_700_086_460_000, type: 'orders' }, { aid: 12, ts: 1_700_172_800_000, type: 'carts' }] },
  ].map((o) => JSON.stringify(o)).join('\n');

  test('OTTO sessions: counts per type, distinct items, conversion ratios, recency', async () => {
    const t = await readTable(bufferSource('otto.jsonl', Buffer.from(otto)));
    const agg = aggregateEvents(t, { entity: 'session', time: 'ts', type: 'type', item: 'aid' });
    const r = agg.table;
    expect(values(r, 'session')).toEqual([1, 2]);
    expect(values(r, 'events_total')).toEqual([3, 3]);
    expect(values(r, 'events_clicks')).toEqual([2, 1]);
    expect(values(r, 'events_carts')).toEqual([1, 1]);
    expect(values(r, 'events_orders')).toEqual([0, 1]);
    expect(values(r, 'distinct_items')).toEqual([2, 2]);
    expect(values(r, 'active_days')).toEqual([1, 2]);
    expect(values(r, 'cart_per_view')).toEqual([0.5, 1]);
    expect(values(r, 'order_per_cart')).toEqual([0, 1]);
    expect(values(r, 'span_minutes')).toEqual([2, 24 * 60]);
    expect(values(r, 'recency_days')[1]).toBe(0);
    expect(values(r, 'recency_days')[0]).toBeCloseTo((172_800_000 - 120_000) / day, 9);
  });

  test('flat customer events in epoch seconds with sessions, loaded as a dataset', async () => {
    const lines = [
      { customer_id: 'a', session: 's1', event: 'view', ts: 1_700_000_000 },
      { customer_id: 'a', session: 's1', event: 'purchase', ts: 1_700_000_600 },
      { customer_id: 'a', session: 's2', event: 'view', ts: 1_700_090_000 },
      { customer_id: 'b', session: 's3', event: 'view', ts: 1_700_100_000 },
    ].map((o) => JSON.stringify(o)).join('\n');
    const { table, schema, quality } = await buildCustomerTable([bufferSource('events.jsonl', Buffer.from(lines))]);
    expect(quality.files[0].role).toBe('events');
    expect(schema.id).toBe('customer_id');
    expect(values(table, 'customer_id')).toEqual(['a', 'b']);
    expect(values(table, 'sessions')).toEqual([2, 1]);
    expect(values(table, 'session_minutes')).toEqual([5, 0]);
    expect(values(table, 'order_per_view')).toEqual([0.5, 0]);
  });
});

describe('engagementFeatures, daysSince, imputeTable, robust z-scores', () => {
  test('engagement score from sends, opens, clicks, bounces', async () => {
    const t = await csvTable('id,emails_sent,opens,clicks,bounces\n1,10,5,1,0\n2,0,0,0,0\n3,4,1,0,2\n');
    const { columns } = engagementFeatures(t);
    const get = (n: string) => Array.from(columns.find((c) => c.name === n)!.values);
    expect(get('open_rate')).toEqual([0.5, 0, 0.25]);
    expect(get('click_rate')).toEqual([0.1, 0, 0]);
    expect(get('engagement_score')).toEqual([0.5 + 0.2, 0, 0.25 - 0.5]);
  });

  test('dates become days before the latest date', async () => {
    const t = await csvTable('id,signed_up\n1,2024-01-01\n2,2024-01-11\n3,\n');
    const { column } = daysSince(t.columns[1] as Extract<Column, { kind: 'date' }>);
    expect(column.name).toBe('signed_up_days_ago');
    expect(Array.from(column.values)).toEqual([10, 0, NaN]);
  });

  test('imputeTable fills medians and most frequent values (the first seen on a tie) through SimpleImputer', async () => {
    const t = await csvTable('x,c,n\n1,a,7\n,b,5\n3,b,5\n10,,7\n12,a,\n');
    const { table, filled, imputation } = imputeTable(t, { numeric: ['x'], categorical: ['c', 'n'] });
    expect(values(table, 'x')).toEqual([1, 6.5, 3, 10, 12]);
    expect(values(table, 'c')).toEqual(['a', 'b', 'b', 'a', 'a']);
    expect(values(table, 'n')).toEqual([7, 5, 5, 7, 7]);
    expect(filled).toEqual({ x: 1, c: 1, n: 1 });
    expect(imputation).toEqual({ statistics: { x: 6.5, c: 'a', n: 7 }, strategy: { x: 'median', c: 'most_frequent', n: 'most_frequent' } });
  });

  test('robust z-score finds the one implausible value a plain z-score would soften', () => {
    const v = [4900, 5100, 5000, 4800, 5200, 4950, 5050, 106862.2];
    expect(median(v)).toBe(5025);
    const { z } = robustZScores(v);
    expect(Math.abs(z[7])).toBeGreaterThan(100);
    expect(Math.max(...Array.from(z.slice(0, 7), Math.abs))).toBeLessThan(2);
  });
});

describe('median', () => {
  test('equals the sorted middle on random, tied, sorted and missing-heavy inputs', () => {
    let seed = 3;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let t = 0; t < 2000; t++) {
      const n = 1 + Math.floor(next() * 60);
      const values = Array.from({ length: n }, (_, i) => (next() < 0.1 ? NaN : t % 4 === 0 ? i : Math.floor(next() * (t % 3 === 0 ? 3 : 100))));
      const sorted = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
      const m = sorted.length >> 1;
      const expected = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
      expect({ values, median: median(values) }).toEqual({ values, median: expected });
    }
  });
});
