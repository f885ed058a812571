import type { DenseMatrix } from './DenseMatrix';
import { collectBins, type BinnedFeatures } from './binFeatures';
import type { KernelJob, WorkerPool } from './WorkerPool';

/**
 * binFeatures with the features shared out over the threads, a contiguous range each (every feature
 * is binned on its own, so the bins are those binFeatures gives). The codes land in shared memory;
 * X is read in place when it already is there, else copied there once.
 */
export async function binFeaturesOnThreads(X: DenseMatrix, maxBins: number, pool: WorkerPool): Promise<BinnedFeatures> {
  const n = X.rows, F = X.cols;
  let data = X.data;
  if (!(data.buffer instanceof SharedArrayBuffer)) {
    data = new Float64Array(new SharedArrayBuffer(X.data.length * 8));
    data.set(X.data);
  }
  const codes = new Uint8Array(new SharedArrayBuffer(n * F));
  const edgeValues = new Float64Array(new SharedArrayBuffer(F * maxBins * 8));
  const edgeCounts = new Int32Array(new SharedArrayBuffer(F * 4));
  const shares = Math.max(1, Math.min(pool.size, F));
  const jobs: KernelJob[] = [];
  for (let s = 0; s < shares; s++) {
    const from = Math.floor((s * F) / shares), to = Math.floor(((s + 1) * F) / shares);
    jobs.push({ kernel: 'binColumns', args: [data, n, F, from, to, maxBins, codes, edgeValues, edgeCounts] });
  }
  await pool.runAll(jobs);
  return collectBins(codes, edgeValues, edgeCounts, maxBins);
}
