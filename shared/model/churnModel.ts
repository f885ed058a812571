import type { DenseMatrix } from '../ml/DenseMatrix';
import { LogisticRegression, type LogisticRegressionState } from '../ml/LogisticRegression';
import { HistGradientBoostingClassifier, type HistGradientBoostingState } from '../ml/HistGradientBoostingClassifier';

/** A trained churn classifier as stored in model.json. */
export type ChurnModelState = LogisticRegressionState | HistGradientBoostingState;

export function predictChurn(state: ChurnModelState, X: DenseMatrix): Float64Array {
  return state.kind === 'logistic' ? LogisticRegression.fromJSON(state).predictProba(X) : HistGradientBoostingClassifier.fromJSON(state).predictProba(X);
}

/**
 * Additive log-odds contributions per row and feature: exact for the linear model (relative to
 * the average customer), Saabas path contributions for the trees.
 */
export function churnContributions(state: ChurnModelState, X: DenseMatrix): { bias: number; values: Float64Array } {
  if (state.kind === 'logistic') return { bias: state.intercept, values: LogisticRegression.fromJSON(state).contributions(X) };
  return HistGradientBoostingClassifier.fromJSON(state).contributions(X);
}

/** Global importance per feature, summing to 1. */
export function churnFeatureImportance(state: ChurnModelState): number[] {
  const raw = state.kind === 'logistic' ? state.coef.map(Math.abs) : state.gain;
  const total = raw.reduce((a, b) => a + b, 0) || 1;
  return raw.map((v) => v / total);
}

export interface Driver {
  feature: string;
  /** Log-odds contribution. */
  contribution: number;
}

/** The strongest contributions of one row, by absolute size. */
export function topDrivers(values: Float64Array, row: number, featureNames: string[], count = 3): Driver[] {
  const d = featureNames.length;
  const idx = Array.from({ length: d }, (_, j) => j).sort((a, b) => Math.abs(values[row * d + b]) - Math.abs(values[row * d + a]));
  return idx.slice(0, count).filter((j) => values[row * d + j] !== 0).map((j) => ({ feature: featureNames[j], contribution: values[row * d + j] }));
}
