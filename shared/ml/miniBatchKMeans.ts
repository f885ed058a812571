import { takeRows, type DenseMatrix } from './DenseMatrix';
import { createRng, shuffledIndices } from './createRng';
import { kMeansPlusPlus, nearestCenters } from './fitKMeans';
import { labelledInertia } from './kMeansKernels';

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
export function miniBatchKMeans(X: DenseMatrix, options: MiniBatchKMeansOptions): {
  centers: Float64Array; labels: Int32Array; inertia: number; batches: number;
} {
  const { k } = options;
  const n = X.rows, d = X.cols;
  const batchSize = Math.min(options.batchSize ?? 4096, n);
  const rng = createRng(options.seed ?? 0);
  // as scikit-learn: 3 k-means++ starts on a sample of 3 × batch rows, keep the best on that sample
  const initRows = shuffledIndices(n, rng, Math.min(n, options.initSize ?? 3 * batchSize));
  const sample = takeRows(X, initRows);
  let centers = kMeansPlusPlus(sample, k, options.seed ?? 0);
  let bestInit = labelledInertia(sample.data, d, 0, sample.rows, centers, nearestCenters(sample, centers));
  for (let s = 1; s < 3; s++) {
    const c = kMeansPlusPlus(sample, k, (options.seed ?? 0) + 7919 * s);
    const v = labelledInertia(sample.data, d, 0, sample.rows, c, nearestCenters(sample, c));
    if (v < bestInit) { bestInit = v; centers = c; }
  }
  const counts = new Float64Array(k);
  const maxBatches = Math.ceil(((options.maxEpochs ?? 100) * n) / batchSize);
  const data = X.data;
  const batchLabels = new Int32Array(batchSize);
  const batch = new Int32Array(batchSize);
  // scikit-learn's early stop: an exponentially weighted batch inertia that stops improving
  const alpha = Math.min(1, (2 * batchSize) / (n + 1));
  let ewa = -1, bestEwa = INF, noImprovement = 0, batches = 0;
  for (; batches < maxBatches; batches++) {
    for (let b = 0; b < batchSize; b++) batch[b] = rng.int(n);
    let inertia = 0;
    for (let b = 0; b < batchSize; b++) {
      const xb = batch[b] * d;
      let best = 0, bestDist = INF;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) { const e = data[xb + j] - centers[c * d + j]; s += e * e; }
        if (s < bestDist) { bestDist = s; best = c; }
      }
      batchLabels[b] = best;
      inertia += bestDist;
    }
    for (let b = 0; b < batchSize; b++) {
      const c = batchLabels[b], xb = batch[b] * d;
      counts[c] += 1;
      const eta = 1 / counts[c];
      for (let j = 0; j < d; j++) centers[c * d + j] += eta * (data[xb + j] - centers[c * d + j]);
    }
    const perRow = inertia / batchSize;
    ewa = ewa < 0 ? perRow : ewa * (1 - alpha) + perRow * alpha;
    if (ewa < bestEwa) { bestEwa = ewa; noImprovement = 0; } else if (++noImprovement >= 10) break;
  }
  const labels = nearestCenters(X, centers);
  return { centers, labels, inertia: labelledInertia(data, d, 0, n, centers, labels), batches };
}
