import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { bufferSource } from '../../../shared/ingest/fileSource';
import { keyValues } from '../../../shared/features/keyValues';
import { parseManifest } from '../../../shared/ingest/parseManifest';
import { readTable } from '../../../shared/ingest/readTable';
import { assignmentRows } from '../../../shared/results/assignmentRows';
import type { CustomerResults } from '../../../shared/results/customerResults';
import { customerValue } from '../../../shared/segments/customerValue';
import { fitKMeans } from '../../../shared/ml/fitKMeans';
import { FeaturePipeline } from '../../../shared/model/FeaturePipeline';
import { buildModelArtifact, type ModelArtifact } from '../../../shared/model/ModelArtifact';
import { priorityScale } from '../../../shared/model/populationRanks';
import { scoreTables } from '../../../shared/model/scoreTables';
import { heuristicColumns, heuristicSignals } from '../../../shared/pipeline/heuristicColumns';
import { tableColumns } from '../../../shared/features/tableColumns';
import { customerPriority } from '../../../shared/segments/customerPriority';
import { fitHeuristicChurnRisk, heuristicChurnRisk } from '../../../shared/segments/heuristicChurnRisk';
import { purchaseHistory, weekMs } from '../../../shared/value/purchaseHistory';
import { scoreCustomerValue } from '../../../shared/value/scoreCustomerValue';

const day = 86_400_000;
const start = Date.UTC(2024, 0, 1);
const iso = (t: number) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Invoice lines of 40 customers over 40 weeks: regulars every 2 weeks until the end, lapsed
 * customers who bought often and stopped at week 10, one-time buyers; plus a cancellation.
 */
function transactionsCsv(): string {
  const lines = ['InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice'];
  let invoice = 1000;
  for (let c = 0; c < 40; c++) {
    const kind = c % 4;
    const weeks = kind === 0 || kind === 1 ? range(0, 40, 2) : kind === 2 ? range(0, 10, 1) : [c % 30];
    for (const w of weeks) {
      const t = start + w * 7 * day + (c % 5) * day + 10 * 3_600_000;
      lines.push(`${invoice++},${100 + c},${iso(t)},${2 + (c % 3)},${(10 + c).toFixed(2)}`);
      // A second line on the same invoice day: one purchase, not two.
      lines.push(`${invoice++},${100 + c},${iso(t + 3_600_000)},1,5.00`);
    }
  }
  lines.push(`C${invoice},101,${iso(start + 3 * day)},-2,11.00`);
  return lines.join('\n') + '\n';
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let w = from; w < to; w += step) out.push(w);
  return out;
}

const manifest = parseManifest({
  files: [{ name: 'lines.csv', role: 'transactions', id: 'CustomerID', amount: ['Quantity', 'UnitPrice'], invoice: 'InvoiceNo', date: 'InvoiceDate' }],
});

describe('customer value in a run built from transactions', () => {
  test('purchase history counts purchase days, nets returns and keeps the first day out of the mean', async () => {
    const table = await readTable(bufferSource('lines.csv', Buffer.from(transactionsCsv())));
    const end = start + 40 * 7 * day;
    const h = purchaseHistory(table, { customer: 'CustomerID', date: 'InvoiceDate', amount: ['Quantity', 'UnitPrice'], invoice: 'InvoiceNo' }, { end });
    expect(h.keys.length).toBe(40);
    const regular = h.keys.indexOf('101');
    // 20 purchase days (weeks 0, 2, …, 38), each two lines: 19 repeats.
    expect(h.frequency[regular]).toBe(19);
    expect(h.recency[regular]).toBeCloseTo(38, 6);
    expect(h.age[regular]).toBeCloseTo((end - (start + day)) / weekMs, 6);
    // Each day: 3 × 11.00 + 5.00 = 38; the cancellation (−22) comes off the total only.
    expect(h.meanSpend[regular]).toBeCloseTo(38, 6);
    expect(h.totalSpend[regular]).toBeCloseTo(20 * 38 - 22, 6);
    expect(h.frequency[h.keys.indexOf('103')]).toBe(0);
  });

  test('buildCustomerTable fits the model and values regulars above lapsed and one-time buyers', async () => {
    const built = await buildCustomerTable([bufferSource('lines.csv', Buffer.from(transactionsCsv()))], manifest);
    const cv = built.customerValue!;
    expect(cv).toBeDefined();
    expect(cv.model.bgNbd.customers).toBe(40);
    expect(cv.model.horizonWeeks).toBe(52);
    expect(cv.columns.value.length).toBe(built.table.rowCount);
    const ids = keyValues(built.table.columns.find((c) => c.name === 'CustomerID')!);
    const rowOf = (id: number) => ids.indexOf(String(id));
    const value = (id: number) => cv.columns.value[rowOf(id)]!;
    for (const v of cv.columns.value) expect(Number.isFinite(v) && v >= 0).toBe(true);
    // Regulars (c % 4 = 0, 1) bought every two weeks to the end; lapsed ones (2) stopped at week 10.
    expect(value(100)).toBeGreaterThan(value(102));
    expect(value(101)).toBeGreaterThan(value(103));
    // A regular's next purchase is predicted within weeks of the end; a long-lapsed one gets none.
    const next = (id: number) => cv.columns.nextPurchase[rowOf(id)]!;
    const end = Date.parse(cv.model.observedUntil);
    expect(next(100)).toBeGreaterThan(end);
    expect(next(100) - end).toBeLessThan(6 * weekMs);
    expect(Number.isNaN(next(102))).toBe(true);
    // Priority's value per period is the 12-month value per month.
    expect(customerValue(built.table, built.schema.value, cv.columns)![rowOf(100)]).toBeCloseTo(value(100) / 12, 9);
  });

  test('scoring values a run customer sent again as the run did', async () => {
    const bytes = Buffer.from(transactionsCsv());
    const built = await buildCustomerTable([bufferSource('lines.csv', bytes)], manifest);
    const table = await readTable(bufferSource('lines.csv', bytes));
    const cv = built.customerValue!;
    const scored = scoreCustomerValue(cv.model, { table, columns: built.recipe.files[0]!.transactions!.columns }, ['100', '102', '999']);
    const ids = keyValues(built.table.columns.find((c) => c.name === 'CustomerID')!);
    expect(scored.value[0]).toBeCloseTo(cv.columns.value[ids.indexOf('100')]!, 9);
    expect(scored.value[1]).toBeCloseTo(cv.columns.value[ids.indexOf('102')]!, 9);
    expect(Number.isNaN(scored.value[2]!)).toBe(true);
  });

  test('scoreTables gives a run customer the value and next purchase the run gave, and a priority no worse', async () => {
    const bytes = Buffer.from(transactionsCsv());
    const built = await buildCustomerTable([bufferSource('lines.csv', bytes)], manifest);
    const { schema, table } = built;
    const cv = built.customerValue!;
    const pipeline = new FeaturePipeline({ numeric: schema.numeric, boolean: schema.boolean, categorical: schema.categorical });
    const { X } = pipeline.fitTransform(tableColumns(table));
    const { centers } = await fitKMeans(X, { k: 2, seed: 1 });
    const columns = heuristicColumns(schema.numeric);
    const signals = heuristicSignals(table, columns);
    const state = fitHeuristicChurnRisk(signals);
    const risk = heuristicChurnRisk(state, signals, table.rowCount);
    const value = customerValue(table, schema.value, cv.columns);
    const model = JSON.parse(JSON.stringify(buildModelArtifact({
      runId: 'r1',
      pipeline,
      idColumn: schema.id ?? undefined,
      centers,
      segments: [0, 1].map((c) => ({ segment: c, name: `S${c}`, action: '' })),
      churnModel: { type: 'heuristic', state, columns },
      recipe: built.recipe,
      population: { priority: priorityScale(table.rowCount, risk, value, schema.value) },
      customerValue: cv.model,
    }))) as ModelArtifact;
    const lines = await readTable(bufferSource('lines.csv', bytes));
    const scored = await scoreTables(model, [{ name: 'lines.csv', table: lines }]);
    const runPriority = customerPriority(table.rowCount, risk, value);
    const ids = keyValues(table.columns.find((c) => c.name === 'CustomerID')!);
    expect(scored.length).toBe(40);
    for (const s of scored) {
      const row = ids.indexOf(s.id);
      expect(s.customerValue12m).toBeCloseTo(cv.columns.value[row]!, 9);
      const next = cv.columns.nextPurchase[row]!;
      expect(s.nextPurchaseDate).toBe(Number.isNaN(next) ? null : new Date(next).toISOString().slice(0, 10));
      expect(s.priority).toBeLessThanOrEqual(runPriority[row]!);
    }
  });

  test('assignments carry customer_value_12m and next_purchase_date, empty where none', () => {
    const results: CustomerResults = {
      rows: 2,
      idColumn: 'CustomerID',
      idValues: [100, 102],
      ids: ['100', '102'],
      segment: Int32Array.from([0, 0]),
      segmentNames: new Map([[0, 'Regulars']]),
      action: () => '',
      priority: Int32Array.from([1, 2]),
      consent: Uint8Array.from([0, 0]),
      channelConsent: [],
      customerValue: { value: Float64Array.from([812.5, NaN]), nextPurchase: Float64Array.from([Date.UTC(2024, 10, 5), NaN]) },
    };
    const { header, rows } = assignmentRows(results);
    expect(header.slice(-2)).toEqual(['customer_value_12m', 'next_purchase_date']);
    expect(rows[0]!.slice(-2)).toEqual([812.5, '2024-11-05']);
    expect(rows[1]!.slice(-2)).toEqual([null, null]);
  });
});
