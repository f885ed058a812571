import type { DenseMatrix } from './DenseMatrix';
import { assignAndSum } from './assignAndSum';
import { centerShift, centersFromSums } from './centersFromSums';
import { combinePartialSums } from './combinePartialSums';
import { meanVariance } from './fitKMeans';
import { partitionRows } from './partitionRows';

export interface LloydFromSumsOptions {
  /** Starting centres, k × d (e.g. from kMeansPlusPlus on the same seed). */
  init: Float64Array;
  /** The row partitions the distributed run uses: same partitions, same bits, same labels. */
  partitions?: number;
  maxIter?: number;
  tol?: number;
}

export interface LloydFromSumsResult {
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

/**
 * Plain Lloyd built only from assignAndSum / combinePartialSums / centersFromSums over fixed row
 * partitions. The Durable Functions fan-out runs exactly these steps (one activity per partition,
 * sums added in partition order by the orchestrator), so both paths give identical centres and labels.
 */
export function lloydFromSums(X: DenseMatrix, options: LloydFromSumsOptions): LloydFromSumsResult {
  const d = X.cols;
  const parts = partitionRows(X.rows, options.partitions ?? 1);
  const maxIter = options.maxIter ?? 300;
  const tolAbs = (options.tol ?? 1e-4) * meanVariance(X);
  let centers: Float64Array = Float64Array.from(options.init);
  let iterations = 0, converged = false;
  let previousLabels: Int32Array | undefined;
  for (; iterations < maxIter; ) {
    const partials = parts.map(([s, e]) => assignAndSum(X, s, e, centers));
    const labels = concatLabels(partials.map((p) => p.labels), X.rows);
    const total = combinePartialSums(partials);
    iterations++;
    if (previousLabels && sameLabels(previousLabels, labels)) { converged = true; break; }
    previousLabels = labels;
    const next = centersFromSums(total.sums, total.counts, d, centers);
    const shift = centerShift(centers, next);
    centers = next;
    if (shift <= tolAbs) { converged = true; break; }
  }
  const final = parts.map(([s, e]) => assignAndSum(X, s, e, centers));
  return {
    centers,
    labels: concatLabels(final.map((p) => p.labels), X.rows),
    inertia: combinePartialSums(final).inertia,
    iterations,
    converged,
  };
}

function concatLabels(chunks: Int32Array[], n: number): Int32Array {
  const out = new Int32Array(n);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
