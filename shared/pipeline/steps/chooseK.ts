import { createRng, shuffledIndices } from '../../ml/createRng';
import { denseMatrix, type DenseMatrix } from '../../ml/DenseMatrix';
import { evaluateK } from '../../ml/evaluateK';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput } from '../RunInput';
import { WorkFiles } from './workFiles';

export interface CandidateK {
  k: number;
  /** Within-cluster sum of squares, measured on the evaluation sample and scaled to all rows. */
  inertia: number;
  silhouette: number;
  silhouetteByCluster: number[];
  /** Segment sizes, likewise scaled from the sample. */
  sizes: number[];
  seconds: number;
}

/**
 * Rows used to score a candidate k. The elbow needs the shape of the inertia curve and the silhouette
 * is sampled anyway, so a seeded random sample of 20,000 rows tells the same k as the whole table at a
 * fraction of the cost; the chosen k is then fitted on every row (initCenters, clusterCustomers).
 */
const evaluationRows = 20_000;

/** The sample every candidate k of a run shares (same buffer, so silhouette's pair cache applies too). */
const samples = new WeakMap<ArrayBufferLike, { seed: number; X: DenseMatrix }>();

function evaluationSample(data: Float64Array, rows: number, cols: number, seed: number): DenseMatrix {
  if (rows <= evaluationRows) return denseMatrix(data, rows, cols);
  const known = samples.get(data.buffer);
  if (known && known.seed === seed) return known.X;
  // Sorted indices: the sample keeps upload order, reads memory forward, and is the same for every k.
  const picked = shuffledIndices(rows, createRng(seed ^ 0x5eed), evaluationRows).sort();
  const out = new Float64Array(evaluationRows * cols);
  for (let r = 0; r < picked.length; r++) out.set(data.subarray(picked[r]! * cols, (picked[r]! + 1) * cols), r * cols);
  const X = denseMatrix(out, evaluationRows, cols);
  samples.set(data.buffer, { seed, X });
  return X;
}

/** Scores one candidate k (the orchestration fans these out in parallel): inertia and sampled silhouette. */
export async function evaluateCandidateK(store: BlobStore, input: RunInput, k: number): Promise<CandidateK> {
  const features = await new WorkFiles(store, input).readFeatures();
  const X = evaluationSample(features.data, features.rows, features.cols, input.options.seed);
  const e = evaluateK(X, Math.min(k, X.rows), { seed: input.options.seed, nInit: 3, silhouetteSampleSize: 4000 });
  // Inertia grows with the rows measured: scaled to the whole table, the elbow chart reads in its units.
  const scale = features.rows / X.rows;
  return { k, inertia: e.inertia * scale, silhouette: e.silhouette, silhouetteByCluster: e.silhouetteByCluster, sizes: e.sizes.map((s) => Math.round(s * scale)), seconds: e.seconds };
}
