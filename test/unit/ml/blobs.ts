import { createRng } from '../../../shared/ml/createRng';
import type { DenseMatrix } from '../../../shared/ml/DenseMatrix';

/** Gaussian clusters around random centres: data with a known answer. */
export function makeBlobs(n: number, d: number, k: number, seed = 1, spread = 8, noise = 1): { X: DenseMatrix; truth: Int32Array; centers: Float64Array } {
  const rng = createRng(seed);
  const centers = new Float64Array(k * d);
  for (let i = 0; i < centers.length; i++) centers[i] = rng.normal() * spread;
  const data = new Float64Array(n * d), truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.int(k);
    truth[i] = c;
    for (let j = 0; j < d; j++) data[i * d + j] = centers[c * d + j] + rng.normal() * noise;
  }
  return { X: { data, rows: n, cols: d }, truth, centers };
}
