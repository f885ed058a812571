import { createRng, shuffledIndices } from '../ml/createRng';
import { denseMatrix, type DenseMatrix } from '../ml/DenseMatrix';

/**
 * Rows used to score candidate values of k and the final silhouette. The elbow needs the shape of
 * the inertia curve and the silhouette is sampled anyway, so a seeded random sample of 20,000 rows
 * tells the same k as the whole table at a fraction of the cost; the chosen k is then fitted on
 * every row.
 */
export const evaluationRows = 20_000;

export interface EvaluationSample {
  X: DenseMatrix;
  /** Which rows of the full matrix the sample holds, ascending; null when it is the whole matrix. */
  rows: Int32Array | null;
}

/** One sample per matrix and seed, shared by every step on this worker (so silhouette's pair cache applies too). */
const samples = new WeakMap<ArrayBufferLike, { seed: number; sample: EvaluationSample }>();

export function evaluationSample(data: Float64Array, rows: number, cols: number, seed: number): EvaluationSample {
  if (rows <= evaluationRows) return { X: denseMatrix(data, rows, cols), rows: null };
  const known = samples.get(data.buffer);
  if (known && known.seed === seed) return known.sample;
  // Sorted indices: the sample keeps upload order, reads memory forward, and is the same for every k.
  const picked = shuffledIndices(rows, createRng(seed ^ 0x5eed), evaluationRows).sort();
  const out = new Float64Array(evaluationRows * cols);
  for (let r = 0; r < picked.length; r++) out.set(data.subarray(picked[r]! * cols, (picked[r]! + 1) * cols), r * cols);
  const sample = { X: denseMatrix(out, evaluationRows, cols), rows: picked };
  samples.set(data.buffer, { seed, sample });
  return sample;
}
