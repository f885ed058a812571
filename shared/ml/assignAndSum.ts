import type { DenseMatrix } from './DenseMatrix';

// Math and friends aliased once: global lookups in hot loops are slow inside vm sandboxes (Jest).
const INF = Infinity;

/** Per-cluster sums of one row range: what a partition of the data contributes to a Lloyd step. */
export interface PartialSums {
  k: number;
  d: number;
  /** k × d, row-major. */
  sums: Float64Array;
  counts: Float64Array;
  /** Sum of squared distances of the rows to their nearest centre. */
  inertia: number;
  /** Rows [rowsStart, rowsEnd) and their nearest centre (ties go to the lower index). */
  rowsStart: number;
  rowsEnd: number;
  labels: Int32Array;
}

/**
 * The pure half of a Lloyd step over rows [rowsStart, rowsEnd): nearest centre per row, and
 * per-cluster sums and counts. Partitions run anywhere (an activity, a worker); their sums, added
 * in partition order by combinePartialSums, give the next centres through centersFromSums.
 */
export function assignAndSum(X: DenseMatrix, rowsStart: number, rowsEnd: number, centers: Float64Array): PartialSums {
  const d = X.cols, data = X.data;
  const k = centers.length / d;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`centers has ${centers.length} values, not a multiple of d=${d}`);
  if (rowsStart < 0 || rowsEnd > X.rows || rowsStart > rowsEnd) throw new RangeError(`rows ${rowsStart}..${rowsEnd} outside 0..${X.rows}`);
  const sums = new Float64Array(k * d), counts = new Float64Array(k), labels = new Int32Array(rowsEnd - rowsStart);
  let inertia = 0;
  for (let i = rowsStart; i < rowsEnd; i++) {
    const xb = i * d;
    let best = 0, bestDist = INF;
    for (let c = 0; c < k; c++) {
      const cb = c * d;
      let s = 0;
      for (let j = 0; j < d; j++) { const e = data[xb + j] - centers[cb + j]; s += e * e; }
      if (s < bestDist) { bestDist = s; best = c; }
    }
    labels[i - rowsStart] = best;
    counts[best] += 1;
    inertia += bestDist;
    const sb = best * d;
    for (let j = 0; j < d; j++) sums[sb + j] += data[xb + j];
  }
  return { k, d, sums, counts, inertia, rowsStart, rowsEnd, labels };
}
