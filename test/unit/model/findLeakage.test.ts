import type { Goal } from '../../../shared/ingest/Schema';
import type { Column, Table } from '../../../shared/ingest/Table';
import { denseMatrix } from '../../../shared/ml/DenseMatrix';
import { createRng } from '../../../shared/ml/createRng';
import { rocAuc } from '../../../shared/ml/rocAuc';
import { churnTrainingRows } from '../../../shared/model/churnHoldout';
import { findLeakage, type LeakageSchema } from '../../../shared/model/findLeakage';
import { targetLabels } from '../../../shared/model/targetLabels';
import { trainChurnModel } from '../../../shared/model/trainChurnModel';

const numeric = (name: string, values: ArrayLike<number>): Column => ({ name, kind: 'number', values: Float64Array.from(values) });
const dates = (name: string, values: ArrayLike<number>): Column => ({ name, kind: 'date', values: Float64Array.from(values) });
const strings = (name: string, values: (string | null)[]): Column => ({ name, kind: 'string', values });

function schemaOf(roles: { numeric?: string[]; categorical?: string[]; date?: string[]; goal?: Goal; target?: string }): LeakageSchema {
  const goal = roles.goal ?? 'churn';
  return {
    target: roles.target ? { column: roles.target, positive: '1', positiveShare: 0.3, classes: ['0', '1'], goal } : null,
    goal,
    numeric: roles.numeric ?? [],
    categorical: roles.categorical ?? [],
    boolean: [],
    date: roles.date ?? [],
  };
}

/** 2,000 customers, about 30 % positive, with an honest strong feature and several leaks planted. */
function plantedTable() {
  const n = 2000;
  const rng = createRng(11);
  const labels: (0 | 1 | null)[] = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? null : rng.next() < 0.3 ? 1 : 0));
  const y = labels.map((l) => l ?? 0);
  const columns: Column[] = [
    strings('Churn', labels.map((l) => (l === null ? null : String(l)))),
    // The label again, blurred by a little noise: any model would lean on it alone.
    numeric('account_flag_x', y.map((v) => v * 10 + rng.next())),
    // Genuinely predictive, far from perfect: shorter tenure churns more.
    numeric('tenure', y.map((v) => Math.max(0, 30 - 14 * v + 10 * rng.normal()))),
    strings('Contract', y.map((v) => (rng.next() < (v ? 0.7 : 0.3) ? 'Month-to-month' : rng.next() < 0.5 ? 'One year' : 'Two year'))),
    // Every customer a different city: a rate learned on the rows it scores would look perfect.
    strings('city', y.map((_, i) => `city-${i}`)),
    // Only leavers have a status other than "active": a leak a name would not reveal.
    strings('account_state', y.map((v) => (v ? 'closed' : 'active'))),
    // Known only after leaving, and blank otherwise.
    strings('Churn Reason', y.map((v) => (v ? ['Competitor', 'Price', 'Moved'][rng.int(3)]! : null))),
    dates('cancellation_date', y.map((v) => (v ? Date.UTC(2024, 5, 1 + rng.int(28)) : NaN))),
    numeric('noise', y.map(() => rng.next())),
  ];
  const table: Table = { name: 'customers.csv', columns, rowCount: n };
  const schema = schemaOf({
    numeric: ['account_flag_x', 'tenure', 'noise'],
    categorical: ['Contract', 'city', 'account_state', 'Churn Reason'],
    date: ['cancellation_date'],
    target: 'Churn',
  });
  return { table, schema, labels };
}

describe('findLeakage', () => {
  const { table, schema, labels } = plantedTable();
  const train = churnTrainingRows(labels, 0);

  it('excludes a planted leak with its ROC AUC and keeps a strong but imperfect feature', () => {
    const findings = findLeakage(table, schema, labels, train);
    const byColumn = new Map(findings.map((f) => [f.column, f]));
    const leak = byColumn.get('account_flag_x');
    expect(leak).toMatchObject({ column: 'account_flag_x', basis: 'auc' });
    expect(leak!.auc).toBeGreaterThanOrEqual(0.98);
    expect(leak!.reason).toContain(`ROC AUC ${leak!.auc!.toFixed(3)}`);
    expect(leak!.reason).toContain('"include" in manifest.json');
    expect(byColumn.get('account_state')).toMatchObject({ basis: 'auc', auc: 1 });

    // tenure separates well (AUC about 0.84) and stays a feature
    const y = train.map((r) => labels[r]!);
    const tenure = (table.columns.find((c) => c.name === 'tenure')!.values as Float64Array);
    const tenureAuc = rocAuc(y, train.map((r) => tenure[r]!));
    expect(Math.max(tenureAuc, 1 - tenureAuc)).toBeGreaterThan(0.75);
    expect(byColumn.has('tenure')).toBe(false);
    expect(byColumn.has('Contract')).toBe(false);
    expect(byColumn.has('noise')).toBe(false);
    // one customer per city: scored out of fold, the column carries nothing
    expect(byColumn.has('city')).toBe(false);
    expect(byColumn.has('Churn')).toBe(false);
  });

  it('excludes post-outcome columns by name, with the AUC when it could be measured', () => {
    const findings = findLeakage(table, schema, labels, train);
    const reason = findings.find((f) => f.column === 'Churn Reason')!;
    expect(reason).toMatchObject({ basis: 'name' });
    expect(reason.reason).toMatch(/recorded after the outcome/);
    expect(reason.auc).toBeGreaterThan(0.98);
    const date = findings.find((f) => f.column === 'cancellation_date')!;
    expect(date).toMatchObject({ basis: 'name' });
    // blank for everyone who stayed: the blank itself gives the answer away
    expect(date.auc).toBeGreaterThan(0.98);
    expect(findings.map((f) => f.column)).toEqual(['account_flag_x', 'account_state', 'Churn Reason', 'cancellation_date']);
  });

  it('keeps whatever "include" forces back in', () => {
    const findings = findLeakage(table, schema, labels, train, { include: ['account_flag_x', 'Churn Reason'] });
    expect(findings.map((f) => f.column)).toEqual(['account_state', 'cancellation_date']);
  });

  it('judges only the training rows: a column that gives the answer away only on held-out rows is not flagged', () => {
    const inTrain = new Set(train);
    const rng = createRng(3);
    const tellsOnlyHeldOut = labels.map((l, i) => (inTrain.has(i) ? rng.next() : (l ?? 0) * 5 + rng.next()));
    const tellsOnlyTraining = labels.map((l, i) => (inTrain.has(i) ? (l ?? 0) * 5 + rng.next() : rng.next()));
    const t: Table = { ...table, columns: [...table.columns, numeric('held_out_tell', tellsOnlyHeldOut), numeric('training_tell', tellsOnlyTraining)] };
    const s = { ...schema, numeric: [...schema.numeric, 'held_out_tell', 'training_tell'] };
    const columns = findLeakage(t, s, labels, train).map((f) => f.column);
    expect(columns).toContain('training_tell');
    expect(columns).not.toContain('held_out_tell');
  });

  it('reads names: other models’ predictions and scores, not ordinary scores', () => {
    const n = 300;
    const rng = createRng(5);
    const labels = Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0) as 0 | 1);
    const weak = () => labels.map(() => rng.next());
    const suspicious = [
      'Naive_Bayes_Classifier_Attrition_Flag_Card_Category_Contacts_Count_12_mon_Dependent_count_Education_Level_Months_Inactive_12_mon_1',
      'churn_probability', 'PredictedChurn', 'propensity_to_buy', 'Churn Score', 'model_score', 'purchase_likelihood', 'Вероятность_оттока',
      'churn_category', 'exit_reason', 'ChurnDate', 'Churn Value',
    ];
    const ordinary = ['SatisfactionScore', 'CreditScore', 'HourSpendOnApp', 'Probation_months', 'score', 'duration', 'DaySinceLastOrder', 'Tenure'];
    const names = [...suspicious, ...ordinary];
    const t: Table = { name: 'x', columns: names.map((c) => numeric(c, weak())), rowCount: n };
    const churn = findLeakage(t, schemaOf({ numeric: names, goal: 'churn' }), labels, churnTrainingRows(labels, 0));
    expect(churn.map((f) => f.column)).toEqual(suspicious);
    expect(churn.every((f) => f.basis === 'name' && f.auc! < 0.98)).toBe(true);
    expect(churn.find((f) => f.column === 'PredictedChurn')!.reason).toMatch(/another model's prediction or score/);
  });

  it('treats a call’s duration as known only afterwards when the goal is conversion', () => {
    const n = 300;
    const rng = createRng(6);
    const labels = Array.from({ length: n }, () => (rng.next() < 0.2 ? 1 : 0) as 0 | 1);
    const t: Table = { name: 'bank.csv', columns: [numeric('duration', labels.map((l) => 100 + 100 * l + 200 * rng.next())), numeric('balance', labels.map(() => rng.next()))], rowCount: n };
    const rows = churnTrainingRows(labels, 0);
    const conversion = findLeakage(t, schemaOf({ numeric: ['duration', 'balance'], goal: 'conversion' }), labels, rows);
    expect(conversion).toHaveLength(1);
    expect(conversion[0]).toMatchObject({ column: 'duration', basis: 'name' });
    expect(conversion[0]!.reason).toMatch(/known only after the call/);
    expect(findLeakage(t, schemaOf({ numeric: ['duration', 'balance'], goal: 'churn' }), labels, rows)).toEqual([]);
  });

  it('does not judge separation on too few labelled customers, where a perfect split can be chance', () => {
    const labels: (0 | 1 | null)[] = [1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0];
    const t: Table = { name: 'tiny', columns: [numeric('x', labels.map((l) => (l ?? 0) * 3))], rowCount: labels.length };
    expect(findLeakage(t, schemaOf({ numeric: ['x'] }), labels, churnTrainingRows(labels, 0))).toEqual([]);
  });
});

describe('churnTrainingRows', () => {
  it('is exactly the rows the churn model trains on for the same labels and seed', async () => {
    const n = 400;
    const rng = createRng(9);
    const labels: (0 | 1 | null)[] = Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : rng.next() < 0.35 ? 1 : 0));
    const labelled = labels.flatMap((l, i) => (l === null ? [] : [i]));
    const y = labelled.map((i) => labels[i]!);
    const X = denseMatrix(Float64Array.from(labelled.flatMap((i) => [labels[i]! + rng.normal(), rng.normal()])), labelled.length, 2);
    for (const seed of [0, 7]) {
      const trained = await trainChurnModel(X, y, { seed, candidates: ['logistic'], crossValidateUpTo: 0 });
      const heldOut = new Set(trained.holdout.rows.map((r) => labelled[r]!));
      const train = churnTrainingRows(labels, seed);
      expect(train).toHaveLength(trained.metrics.trainRows);
      expect(train.some((r) => heldOut.has(r) || labels[r] === null)).toBe(false);
      expect(train.length + heldOut.size).toBe(labelled.length);
    }
    expect(churnTrainingRows(labels, 0)).not.toEqual(churnTrainingRows(labels, 7));
  });
});

describe('targetLabels', () => {
  it('sets the positive class against all the others on a multi-class target, missing as null', () => {
    expect(targetLabels(strings('plan', ['gold', 'silver', null, 'bronze', 'gold']), 'gold')).toEqual([1, 0, null, 0, 1]);
    expect(targetLabels(numeric('Exited', [1, 0, NaN, 1]), '1')).toEqual([1, 0, null, 1]);
  });
});
