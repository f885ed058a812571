import { treatmentUplift } from '../../campaign/treatmentUplift';
import { denseMatrix, type DenseMatrix } from '../../ml/DenseMatrix';
import type { Schema } from '../../ingest/Schema';
import type { Table } from '../../ingest/Table';
import { predictOneVsRest } from '../../model/predictOneVsRest';
import { trainOneVsRest } from '../../model/trainOneVsRest';
import { classColumnNames } from '../../results/classColumnNames';
import { churnContributions, churnFeatureImportance, predictChurn } from '../../model/churnModel';
import { suspiciousAucWarning } from '../../model/suspiciousAuc';
import { targetLabels } from '../../model/targetLabels';
import { trainChurnModel } from '../../model/trainChurnModel';
import { fitHeuristicChurnRisk, heuristicChurnRisk } from '../../segments/heuristicChurnRisk';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput } from '../RunInput';
import { heuristicColumns, heuristicSignals } from '../heuristicColumns';
import { WorkFiles, type ChurnSummary, type ChurnWork, type ClassSummary } from './workFiles';

const driversPerCustomer = 3;

/**
 * Churn probability per customer. With a label: logistic regression and histogram gradient-boosted
 * trees compared on a stratified hold-out and 5-fold ROC-AUC, the better refit on all labelled rows,
 * with each customer's strongest contributions as drivers. Without one: the documented heuristic risk
 * from recency, activity decline and engagement, where such columns exist.
 */
export async function scoreChurn(store: BlobStore, input: RunInput): Promise<ChurnSummary> {
  const work = new WorkFiles(store, input);
  const [{ table, schema }, f] = await Promise.all([work.readTable(), work.readFeatures()]);
  const X = denseMatrix(f.data, f.rows, f.cols);
  const n = X.rows;
  const names = f.meta.featureNames;

  if (schema.target?.oneVsRest) return scoreOneVsRest(work, table, schema.target, X, names, input.options.seed);
  if (schema.target) {
    const column = table.columns.find((c) => c.name === schema.target!.column)!;
    // A multi-class target with a chosen positive value is that value against all the others.
    const labels = targetLabels(column, schema.target.positive);
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (labels[i] !== null) rows.push(i);
    const y = Float64Array.from(rows, (i) => labels[i]!);
    const Xl = rows.length === n ? X : takeRows(X.data, X.cols, rows);
    const trained = await trainChurnModel(Xl, y, { seed: input.options.seed });
    const probabilities = predictChurn(trained.model, X);
    const contributions = churnContributions(trained.model, X).values;
    await work.writeFloat64('churn.bin', probabilities);
    await work.writeMatrix('drivers.bin', { ...topDriverMatrix(contributions, n, names.length), meta: null });
    const importance = churnFeatureImportance(trained.model);
    const warning = suspiciousAucWarning(trained.metrics.rocAuc, schema.target.column);
    const summary: ChurnSummary = {
      kind: 'classifier',
      model: trained.metrics.chosen === 'gbt' ? 'HistGradientBoosting' : 'LogisticRegression',
      rocAuc: trained.metrics.rocAuc,
      prAuc: trained.metrics.prAuc,
      labelled: rows.length,
      positive: schema.target.positive,
      otherClasses: Math.max(1, schema.target.classes.filter((c) => c !== schema.target!.positive).length),
      warnings: warning ? [warning] : [],
    };
    const churn: ChurnWork = {
      summary,
      model: { type: 'classifier', state: trained.model },
      metrics: trained.metrics,
      importance: names.map((feature, j) => ({ feature, importance: importance[j] ?? 0 })).sort((a, b) => b.importance - a.importance),
      labels,
    };
    await work.writeJson('churn.json', churn);
    // A campaign in the data (manifest "treatment"): each customer's uplift on the same target.
    const uplift = treatmentUplift(table, schema, input.manifest?.control, X, labels, input.options.seed);
    if (uplift) {
      await work.writeJson('uplift.json', uplift.work);
      if (uplift.matrix) await work.writeMatrix('uplift.bin', { ...uplift.matrix, meta: null });
    }
    return summary;
  }

  const columns = heuristicColumns(schema.numeric);
  const signals = heuristicSignals(table, columns);
  if (!signals.recency && !(signals.recentActivity && signals.earlierActivity) && !signals.engagement) {
    const summary: ChurnSummary = {
      kind: 'none',
      warnings: ['This data carries no churn signal (no target column, no recency or activity columns): churn_probability is left empty and priority follows the value column (input order without one).'],
    };
    await work.writeJson('churn.json', { summary, model: null } satisfies ChurnWork);
    return summary;
  }
  const state = fitHeuristicChurnRisk(signals);
  await work.writeFloat64('churn.bin', heuristicChurnRisk(state, signals, n));
  const used = Object.entries(columns).map(([signal, column]) => `${signal}: ${column}`);
  const churn: ChurnWork = {
    summary: {
      kind: 'heuristic',
      model: 'heuristic risk',
      warnings: ['There is no churn label: churn_probability is a heuristic risk from recency and activity columns, not a trained probability.'],
    },
    model: { type: 'heuristic', state, columns },
    heuristicDescription:
      'There is no churn label in this data, so churn_probability is a heuristic risk score, not a trained probability: ' +
      'each signal becomes a percentile among all customers (longer since the last activity, a drop from the earlier to the recent period, ' +
      `and lower engagement are riskier), weighted 0.5 / 0.3 / 0.2 over the signals present. Signals used: ${used.join('; ')}.`,
  };
  await work.writeJson('churn.json', churn);
  return churn.summary;
}

/**
 * One model per class, each against the rest: class probabilities per customer (classes.bin, n ×
 * classes, each row summing to 1) and drivers from the model of the customer's most probable class.
 * No churn.bin: there is no single positive outcome to call a probability.
 */
async function scoreOneVsRest(work: WorkFiles, table: Table, target: NonNullable<Schema['target']>, X: DenseMatrix, names: string[], seed: number | undefined): Promise<ChurnSummary> {
  const n = X.rows;
  const column = table.columns.find((c) => c.name === target.column)!;
  const index = new Map(target.classes.map((c, i) => [c, i]));
  const classLabels = Array.from({ length: n }, (_, i): number | null => {
    const raw = column.values[i];
    return raw === null || raw === undefined || (typeof raw === 'number' && Number.isNaN(raw)) ? null : (index.get(String(raw)) ?? null);
  });
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (classLabels[i] !== null) rows.push(i);
  const Xl = rows.length === n ? X : takeRows(X.data, X.cols, rows);
  const trained = await trainOneVsRest(Xl, rows.map((i) => target.classes[classLabels[i]!]!), target.classes, { seed });
  const columns = classColumnNames(target.classes);
  const prediction = predictOneVsRest(trained.map((t) => t.trained.model), X);
  await work.writeMatrix('classes.bin', { rows: n, cols: target.classes.length, data: prediction.probabilities, meta: null });
  // Each customer's drivers: what moves the model of the class they most likely belong to.
  const drivers = new Float64Array(n * driversPerCustomer * 2);
  trained.forEach((t, c) => {
    const top = topDriverMatrix(churnContributions(t.trained.model, X).values, n, names.length);
    for (let i = 0; i < n; i++) if (prediction.predicted[i] === c) drivers.set(top.data.subarray(i * top.cols, (i + 1) * top.cols), i * top.cols);
  });
  await work.writeMatrix('drivers.bin', { rows: n, cols: driversPerCustomer * 2, data: drivers, meta: null });
  const classes: ClassSummary[] = trained.map((t, c) => ({
    class: t.class,
    column: columns[c]!,
    model: t.trained.metrics.chosen === 'gbt' ? 'HistGradientBoosting' : 'LogisticRegression',
    rocAuc: t.trained.metrics.rocAuc,
    prAuc: t.trained.metrics.prAuc,
    positiveShare: t.trained.metrics.positiveRate,
  }));
  const warnings = trained
    .map((t) => suspiciousAucWarning(t.trained.metrics.rocAuc, `${target.column} = ${t.class}`))
    .filter((w): w is string => w !== undefined);
  const summary: ChurnSummary = {
    kind: 'classifier',
    model: `one model per class (${target.classes.length})`,
    labelled: rows.length,
    otherClasses: target.classes.length - 1,
    warnings,
    classes,
  };
  const churn: ChurnWork = {
    summary,
    model: { type: 'oneVsRest', target: target.column, classes: trained.map((t, c) => ({ class: t.class, column: columns[c]!, state: t.trained.model })) },
    classLabels,
  };
  await work.writeJson('churn.json', churn);
  return summary;
}

function takeRows(data: Float64Array, d: number, rows: number[]) {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(data.subarray(r * d, (r + 1) * d), i * d));
  return denseMatrix(out, rows.length, d);
}

/** Each row's strongest contributions as (feature index, value) pairs; NaN where a row has fewer. */
function topDriverMatrix(values: Float64Array, n: number, d: number): { rows: number; cols: number; data: Float64Array } {
  const cols = driversPerCustomer * 2;
  const out = new Float64Array(n * cols).fill(NaN);
  const best = new Int32Array(driversPerCustomer);
  for (let i = 0; i < n; i++) {
    best.fill(-1);
    for (let j = 0; j < d; j++) {
      const v = Math.abs(values[i * d + j]!);
      if (v === 0) continue;
      for (let t = 0; t < driversPerCustomer; t++) {
        const b = best[t]!;
        if (b < 0 || v > Math.abs(values[i * d + b]!)) {
          best.copyWithin(t + 1, t, driversPerCustomer - 1);
          best[t] = j;
          break;
        }
      }
    }
    for (let t = 0; t < driversPerCustomer; t++) {
      const j = best[t]!;
      if (j < 0) break;
      out[i * cols + 2 * t] = j;
      out[i * cols + 2 * t + 1] = values[i * d + j]!;
    }
  }
  return { rows: n, cols, data: out };
}
