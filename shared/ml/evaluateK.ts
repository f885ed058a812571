import type { DenseMatrix } from './DenseMatrix';
import { fitKMeans, type KMeansResult } from './fitKMeans';
import { silhouette } from './silhouette';

export interface KEvaluation {
  k: number;
  inertia: number;
  /** Mean silhouette on a seeded sample. */
  silhouette: number;
  silhouetteByCluster: number[];
  sizes: number[];
  iterations: number;
  seconds: number;
}

export interface EvaluateKOptions {
  seed?: number;
  nInit?: number;
  silhouetteSampleSize?: number;
  threads?: number;
}

/** One candidate k: k-means fit and its quality figures (the pipeline fans out one call per k). */
export async function evaluateK(X: DenseMatrix, k: number, options: EvaluateKOptions = {}): Promise<KEvaluation & { result: KMeansResult }> {
  const started = performance.now();
  const result = await fitKMeans(X, { k, seed: options.seed ?? 0, nInit: options.nInit ?? 3, threads: options.threads });
  const sil = silhouette(X, result.labels, k, { sampleSize: options.silhouetteSampleSize ?? 3000, seed: options.seed ?? 0 });
  const sizes = new Array<number>(k).fill(0);
  for (const l of result.labels) sizes[l]++;
  return {
    k, inertia: result.inertia, silhouette: sil.score, silhouetteByCluster: sil.perCluster, sizes,
    iterations: result.iterations, seconds: (performance.now() - started) / 1000, result,
  };
}
