import { denseMatrix } from '../../ml/DenseMatrix';
import { fitKMeans } from '../../ml/fitKMeans';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput } from '../RunInput';
import { WorkFiles } from './workFiles';

export interface KEvaluation {
  k: number;
  inertia: number;
}

/** Scores one candidate k (the orchestration fans these out in parallel). */
export async function evaluateCandidateK(store: BlobStore, input: RunInput, k: number): Promise<KEvaluation> {
  const features = await new WorkFiles(store, input).readFeatures();
  const X = denseMatrix(features.data, features.rows, features.cols);
  const result = fitKMeans(X, { k: Math.min(k, X.rows), nInit: 1, seed: input.options.seed });
  return { k, inertia: result.inertia };
}

/** The elbow of inertia by k: the candidate farthest below the line joining the first and last. */
export function pickK(evaluations: KEvaluation[]): number {
  const sorted = [...evaluations].sort((a, b) => a.k - b.k);
  if (sorted.length <= 2) return sorted[0]!.k;
  const first = sorted[0]!, last = sorted[sorted.length - 1]!;
  let best = first.k, bestGap = -Infinity;
  for (const e of sorted) {
    const t = (e.k - first.k) / (last.k - first.k);
    const gap = first.inertia + t * (last.inertia - first.inertia) - e.inertia;
    if (gap > bestGap) [best, bestGap] = [e.k, gap];
  }
  return best;
}
