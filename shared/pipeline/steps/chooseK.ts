import { evaluateK } from '../../ml/evaluateK';
import { BlobStore } from '../../storage/BlobStore';
import { evaluationSample } from '../evaluationSample';
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

/** Scores one candidate k (the orchestration fans these out in parallel): inertia and sampled silhouette. */
export async function evaluateCandidateK(store: BlobStore, input: RunInput, k: number): Promise<CandidateK> {
  const features = await new WorkFiles(store, input).readClusterMatrix();
  const { X } = evaluationSample(features.data, features.rows, features.cols, input.options.seed);
  const e = await evaluateK(X, Math.min(k, X.rows), { seed: input.options.seed, nInit: 3, silhouetteSampleSize: 4000 });
  // Inertia grows with the rows measured: scaled to the whole table, the elbow chart reads in its units.
  const scale = features.rows / X.rows;
  return { k, inertia: e.inertia * scale, silhouette: e.silhouette, silhouetteByCluster: e.silhouetteByCluster, sizes: e.sizes.map((s) => Math.round(s * scale)), seconds: e.seconds };
}
