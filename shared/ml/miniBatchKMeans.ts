import { takeRows, type DenseMatrix } from './DenseMatrix';
import { createRng, shuffledIndices } from './createRng';
import { assignAndSum } from './assignAndSum';
import { kMeansPlusPlus } from './fitKMeans';
import { kMeansPool, runKMeansKernels, sharedFloat64Array, sharedForKernels } from './kMeansPool';

// Math and friends aliased once: global lookups in hot loops are slow inside vm sandboxes (Jest).
const INF = Infinity;

export interface MiniBatchKMeansOptions {
  k: number;
  batchSize?: number;
  /** Passes over the data's worth of batches (scikit-learn's max_iter, default 100). */
  maxEpochs?: number;
  seed?: number;
  /** Rows used for the k-means++ start (scikit-learn: 3 × batch size). */
  initSize?: number;
}

/**
 * Mini-batch k-means (Sculley 2010, as scikit-learn's MiniBatchKMeans): centres move toward each
 * batch's members with per-centre learning rates 1/count, for inputs too large for full Lloyd passes.
 */
export async function miniBatchKMeans(X: DenseMatrix, options: MiniBatchKMeansOptions): Promise<{
  centers: Float64Array; labels: Int32Array; inertia: number; batches: number;
}> {
  const { k } = options;
  const n = X.rows, d = X.cols;
  const batchSize = Math.min(options.batchSize ?? 4096, n);
  const rng = createRng(options.seed ?? 0);
  // as scikit-learn: 3 k-means++ starts on a sample of 3 × batch rows, keep the best on that sample
  const initRows = shuffledIndices(n, rng, Math.min(n, options.initSize ?? 3 * batchSize));
  const sample = takeRows(X, initRows);
  let centers = await kMeansPlusPlus(sample, k, options.seed ?? 0);
  let bestInit = (await assignAndSum(sample, 0, sample.rows, centers)).inertia;
  for (let s = 1; s < 3; s++) {
    const c = await kMeansPlusPlus(sample, k, (options.seed ?? 0) + 7919 * s);
    const v = (await assignAndSum(sample, 0, sample.rows, c)).inertia;
    if (v < bestInit) { bestInit = v; centers = c; }
  }
  const threaded = kMeansPool() !== undefined;
  const allocInt = (length: number): Int32Array => (threaded ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length));
  // the batches run on a k-means thread; this thread only draws each batch's rows and checks the stop
  const shared = threaded ? sharedFloat64Array(k * d) : new Float64Array(k * d);
  shared.set(centers);
  centers = shared;
  const counts = threaded ? sharedFloat64Array(k) : new Float64Array(k);
  const maxBatches = Math.ceil(((options.maxEpochs ?? 100) * n) / batchSize);
  const data = sharedForKernels(X.data);
  const batchLabels = allocInt(batchSize);
  const batch = allocInt(batchSize);
  // scikit-learn's early stop: an exponentially weighted batch inertia that stops improving
  const alpha = Math.min(1, (2 * batchSize) / (n + 1));
  let ewa = -1, bestEwa = INF, noImprovement = 0, batches = 0;
  for (; batches < maxBatches; batches++) {
    for (let b = 0; b < batchSize; b++) batch[b] = rng.int(n);
    const [inertia] = await runKMeansKernels([{ kernel: 'miniBatchStep', args: [data, d, k, centers, counts, batch, batchLabels] }]);
    const perRow = inertia! / batchSize;
    ewa = ewa < 0 ? perRow : ewa * (1 - alpha) + perRow * alpha;
    if (ewa < bestEwa) { bestEwa = ewa; noImprovement = 0; } else if (++noImprovement >= 10) break;
  }
  const final = Float64Array.from(centers);
  const assigned = await assignAndSum({ data, rows: n, cols: d }, 0, n, final);
  return { centers: final, labels: assigned.labels, inertia: assigned.inertia, batches };
}
