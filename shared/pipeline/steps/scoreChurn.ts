import { denseMatrix } from '../../ml/DenseMatrix';
import { churnContributions, churnFeatureImportance, predictChurn } from '../../model/churnModel';
import type { ArtifactChurnModel } from '../../model/ModelArtifact';
import { trainChurnModel, type ChurnMetrics } from '../../model/trainChurnModel';
import { fitHeuristicChurnRisk, heuristicChurnRisk } from '../../segments/heuristicChurnRisk';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput } from '../RunInput';
import { heuristicColumns } from '../heuristicColumns';
import { numericValues } from './tableColumns';
import { WorkFiles } from './workFiles';

export interface ChurnSummary {
  kind: 'classifier' | 'heuristic' | 'none';
  model?: string;
  rocAuc?: number;
  prAuc?: number;
  labelled?: number;
}

/** What scoreChurn leaves for the later steps (work file churn.json). */
export interface ChurnWork {
  summary: ChurnSummary;
  model: ArtifactChurnModel | null;
  metrics?: ChurnMetrics;
  importance?: { feature: string; importance: number }[];
  /** Observed label per row (1, 0, or null when missing), when the data has a target. */
  labels?: (0 | 1 | null)[];
  heuristicDescription?: string;
}

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

  if (schema.target) {
    const column = table.columns.find((c) => c.name === schema.target!.column)!;
    const labels: (0 | 1 | null)[] = new Array(n);
    const rows: number[] = [];
    for (let i = 0; i < n; i++) {
      const raw = column.values[i];
      const missing = raw === null || raw === undefined || (typeof raw === 'number' && Number.isNaN(raw));
      labels[i] = missing ? null : String(raw) === schema.target.positive ? 1 : 0;
      if (!missing) rows.push(i);
    }
    const y = Float64Array.from(rows, (i) => labels[i]!);
    const Xl = rows.length === n ? X : takeRows(X.data, X.cols, rows);
    const trained = trainChurnModel(Xl, y, { seed: input.options.seed });
    const probabilities = predictChurn(trained.model, X);
    const contributions = churnContributions(trained.model, X).values;
    await work.writeFloat64('churn.bin', probabilities);
    await work.writeMatrix('drivers.bin', { ...topDriverMatrix(contributions, n, names.length), meta: null });
    const importance = churnFeatureImportance(trained.model);
    const summary: ChurnSummary = {
      kind: 'classifier',
      model: trained.metrics.chosen === 'gbt' ? 'HistGradientBoosting' : 'LogisticRegression',
      rocAuc: trained.metrics.rocAuc,
      prAuc: trained.metrics.prAuc,
      labelled: rows.length,
    };
    const churn: ChurnWork = {
      summary,
      model: { type: 'classifier', state: trained.model },
      metrics: trained.metrics,
      importance: names.map((feature, j) => ({ feature, importance: importance[j] ?? 0 })).sort((a, b) => b.importance - a.importance),
      labels,
    };
    await work.writeJson('churn.json', churn);
    return summary;
  }

  const columns = heuristicColumns(schema.numeric);
  const signals = {
    recency: numericValues(table, columns.recency),
    recentActivity: numericValues(table, columns.recentActivity),
    earlierActivity: numericValues(table, columns.earlierActivity),
    engagement: numericValues(table, columns.engagement),
  };
  if (!signals.recency && !(signals.recentActivity && signals.earlierActivity) && !signals.engagement) {
    await work.writeJson('churn.json', { summary: { kind: 'none' }, model: null } satisfies ChurnWork);
    return { kind: 'none' };
  }
  const state = fitHeuristicChurnRisk(signals);
  await work.writeFloat64('churn.bin', heuristicChurnRisk(state, signals, n));
  const used = Object.entries(columns).map(([signal, column]) => `${signal}: ${column}`);
  const churn: ChurnWork = {
    summary: { kind: 'heuristic', model: 'heuristic risk' },
    model: { type: 'heuristic', state, columns },
    heuristicDescription:
      'There is no churn label in this data, so churn_probability is a heuristic risk score, not a trained probability: ' +
      'each signal becomes a percentile among all customers (longer since the last activity, a drop from the earlier to the recent period, ' +
      `and lower engagement are riskier), weighted 0.5 / 0.3 / 0.2 over the signals present. Signals used: ${used.join('; ')}.`,
  };
  await work.writeJson('churn.json', churn);
  return churn.summary;
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
