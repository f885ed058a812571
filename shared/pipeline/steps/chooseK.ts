import { denseMatrix } from '../../ml/DenseMatrix';
import { evaluateK } from '../../ml/evaluateK';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput } from '../RunInput';
import { WorkFiles } from './workFiles';

export interface CandidateK {
  k: number;
  inertia: number;
  silhouette: number;
  silhouetteByCluster: number[];
  sizes: number[];
  seconds: number;
}

/** Rows used to score a candidate k: plenty for inertia's elbow and the silhouette on large tables. */
const evaluationRows = 200_000;

/** Scores one candidate k (the orchestration fans these out in parallel): inertia and sampled silhouette. */
export async function evaluateCandidateK(store: BlobStore, input: RunInput, k: number): Promise<CandidateK> {
  const features = await new WorkFiles(store, input).readFeatures();
  // A leading block of rows keeps this cheap on huge tables; rows are in upload order, not sorted by anything we model.
  const rows = Math.min(features.rows, evaluationRows);
  const X = denseMatrix(features.data.subarray(0, rows * features.cols), rows, features.cols);
  const e = evaluateK(X, Math.min(k, X.rows), { seed: input.options.seed, nInit: 3, silhouetteSampleSize: 4000 });
  return { k, inertia: e.inertia, silhouette: e.silhouette, silhouetteByCluster: e.silhouetteByCluster, sizes: e.sizes, seconds: e.seconds };
}
