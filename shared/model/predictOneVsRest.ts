import type { DenseMatrix } from '../ml/DenseMatrix';
import { predictChurn, type ChurnModelState } from './churnModel';

export interface OneVsRestPrediction {
  /** n × classes, row-major: each row's class probabilities, summing to 1. */
  probabilities: Float64Array;
  /** Index of each row's most probable class (the first on a tie). */
  predicted: Int32Array;
}

/**
 * Class probabilities from one binary model per class. Each model answers "this class or another?"
 * on its own, so their raw probabilities need not sum to 1; they are divided by their sum per row,
 * as scikit-learn's OneVsRestClassifier does for a single-label target, so a row reads as shares of
 * one customer's likely class and `predicted` is the largest share.
 */
export function predictOneVsRest(models: readonly ChurnModelState[], X: DenseMatrix): OneVsRestPrediction {
  const n = X.rows, k = models.length;
  const probabilities = new Float64Array(n * k);
  models.forEach((state, c) => {
    const p = predictChurn(state, X);
    for (let i = 0; i < n; i++) probabilities[i * k + c] = p[i]!;
  });
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0, best = 0;
    for (let c = 0; c < k; c++) {
      const p = probabilities[i * k + c]!;
      sum += p;
      if (p > probabilities[i * k + best]!) best = c;
    }
    // Every model certain it is not its class: no class is favoured.
    for (let c = 0; c < k; c++) probabilities[i * k + c] = sum > 0 && Number.isFinite(sum) ? probabilities[i * k + c]! / sum : 1 / k;
    predicted[i] = best;
  }
  return { probabilities, predicted };
}
