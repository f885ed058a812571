import type { Goal } from '../../../shared/ingest/Schema';
import type { Table } from '../../../shared/ingest/Table';
import { fileSource } from '../../../shared/ingest/fileSource';
import { readTable } from '../../../shared/ingest/readTable';
import { churnTrainingRows } from '../../../shared/model/churnHoldout';
import { findLeakage, type LeakageSchema } from '../../../shared/model/findLeakage';
import { targetLabels } from '../../../shared/model/targetLabels';
import { describeWithData, sharedDataPath } from '../../helpers/sharedData';

/** Numbers as numeric features, text with few values as categories: enough of a schema to judge leakage on. */
function featureSchema(table: Table, target: { column: string; positive: string }, goal: Goal, skip: string[] = []): LeakageSchema {
  const numeric: string[] = [], categorical: string[] = [], date: string[] = [];
  for (const c of table.columns) {
    if (c.name === target.column || skip.includes(c.name)) continue;
    if (c.kind === 'number') numeric.push(c.name);
    else if (c.kind === 'date') date.push(c.name);
    else if (new Set(c.values).size <= 50) categorical.push(c.name);
  }
  return { target: { ...target, positiveShare: 0, classes: [], goal }, goal, numeric, categorical, boolean: [], date };
}

async function leaks(file: string[], target: { column: string; positive: string }, goal: Goal, skip: string[] = [], sheet?: string) {
  const table = await readTable(fileSource(sharedDataPath(...file)), sheet ? { sheet } : {});
  const labels = targetLabels(table.columns.find((c) => c.name === target.column)!, target.positive);
  // Enough of both classes that separation was judged, not skipped.
  expect(labels.filter((l) => l === 1).length).toBeGreaterThan(100);
  expect(labels.filter((l) => l === 0).length).toBeGreaterThan(100);
  return findLeakage(table, featureSchema(table, target, goal, skip), labels, churnTrainingRows(labels, 0));
}

describeWithData('findLeakage on the public datasets', () => {
  it('bank marketing (conversion): only the call duration, by its name, although it alone is far from perfect', async () => {
    const found = await leaks(['bank-marketing', 'bank-full.csv'], { column: 'Y', positive: 'yes' }, 'conversion');
    expect(found.map((f) => [f.column, f.basis])).toEqual([['DURATION', 'name']]);
    expect(found[0]!.auc).toBeGreaterThan(0.75);
    expect(found[0]!.auc).toBeLessThan(0.9);
  });

  it('telco churn: every column is known before the outcome', async () => {
    const found = await leaks(['telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv'], { column: 'Churn', positive: 'Yes' }, 'churn', ['customerID']);
    expect(found).toEqual([]);
  });

  it('e-commerce churn: nothing, strong features such as Tenure included', async () => {
    const found = await leaks(['ecommerce-churn', 'E Commerce Dataset.xlsx'], { column: 'Churn', positive: '1' }, 'churn', ['CustomerID'], 'E Comm');
    expect(found).toEqual([]);
  });

  it('Hillstrom e-mail (conversion): the spend after the e-mail gives the conversion away', async () => {
    const found = await leaks(['hillstrom-email', 'hillstrom.csv'], { column: 'conversion', positive: '1' }, 'conversion');
    expect(found.map((f) => [f.column, f.basis, f.auc])).toEqual([['spend', 'auc', 1]]);
  });
});
