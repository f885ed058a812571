import type { DenseMatrix } from './DenseMatrix';
import { availableThreads } from './WorkerPool';
import { kMeansPool, runKMeansKernels, sharedFloat64Array, sharedForKernels } from './kMeansPool';

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

/** Below this many multiply-adds, one thread does the whole range. */
const PARALLEL_WORK = 2_000_000;

/**
 * The pure half of a Lloyd step over rows [rowsStart, rowsEnd): nearest centre per row, and
 * per-cluster sums and counts. Partitions run anywhere (an activity, a worker); their sums, added
 * in partition order by combinePartialSums, give the next centres through centersFromSums.
 * The rows are assigned on the k-means threads (split between them when large) while the caller
 * awaits; pass X in shared memory (sharedForKernels) to skip a copy when calling it repeatedly.
 */
export async function assignAndSum(X: DenseMatrix, rowsStart: number, rowsEnd: number, centers: Float64Array): Promise<PartialSums> {
  const d = X.cols;
  const k = centers.length / d;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`centers has ${centers.length} values, not a multiple of d=${d}`);
  if (rowsStart < 0 || rowsEnd > X.rows || rowsStart > rowsEnd) throw new RangeError(`rows ${rowsStart}..${rowsEnd} outside 0..${X.rows}`);
  const rows = rowsEnd - rowsStart;
  const threaded = kMeansPool() !== undefined;
  const shares = rows * d * k >= PARALLEL_WORK ? Math.min(availableThreads(), Math.max(1, Math.floor(rows / 64))) : 1;
  const alloc = (length: number): Float64Array => (threaded ? sharedFloat64Array(length) : new Float64Array(length));
  // only this range's rows are copied into shared memory when X is not there already
  const inPlace = !threaded || X.data.buffer instanceof SharedArrayBuffer;
  const data = inPlace ? X.data : sharedForKernels(X.data.subarray(rowsStart * d, rowsEnd * d));
  const firstRow = inPlace ? 0 : rowsStart;
  const sharedCenters = alloc(k * d);
  sharedCenters.set(centers);
  const labels = threaded ? new Int32Array(new SharedArrayBuffer(rows * 4)) : new Int32Array(rows);
  const partSums = alloc(shares * k * d), partCounts = alloc(shares * k);
  const jobs = [];
  for (let t = 0; t < shares; t++) {
    const start = rowsStart + Math.round((t * rows) / shares), end = rowsStart + Math.round(((t + 1) * rows) / shares);
    jobs.push({
      kernel: 'assignRows',
      args: [data, d, k, start - firstRow, end - firstRow, sharedCenters, labels, rowsStart - firstRow, partSums.subarray(t * k * d, (t + 1) * k * d), partCounts.subarray(t * k, (t + 1) * k)],
    });
  }
  const inertias = await runKMeansKernels(jobs);
  // shares added in row order, so a split gives the same totals wherever it ran
  const sums = new Float64Array(k * d), counts = new Float64Array(k);
  for (let t = 0; t < shares; t++) {
    for (let i = 0; i < k * d; i++) sums[i] += partSums[t * k * d + i]!;
    for (let c = 0; c < k; c++) counts[c] += partCounts[t * k + c]!;
  }
  const inertia = inertias.reduce((a, b) => a + b, 0);
  return { k, d, sums, counts, inertia, rowsStart, rowsEnd, labels: threaded ? Int32Array.from(labels) : labels };
}
