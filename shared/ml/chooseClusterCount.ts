import { findKnee } from './findKnee';

export interface KChoice {
  k: number;
  reason: string;
  /** k at the elbow of the inertia curve (kneedle), when there is one. */
  elbowK?: number;
  /** k with the highest silhouette. */
  bestSilhouetteK: number;
}

/**
 * The rule: take the k with the best silhouette, unless the elbow's silhouette is within 0.02 of
 * it (then the elbow, usually the simpler story); ignore any k whose smallest segment holds
 * under 2 % of customers when another k qualifies, since a campaign cannot target a crumb.
 */
export function chooseClusterCount(evaluations: readonly { k: number; inertia: number; silhouette: number; sizes?: number[] }[]): KChoice {
  if (evaluations.length === 0) throw new RangeError('no k evaluations to choose from');
  const sorted = [...evaluations].sort((a, b) => a.k - b.k);
  const usable = (e: (typeof sorted)[number]): boolean => {
    if (!e.sizes) return true;
    const total = e.sizes.reduce((a, b) => a + b, 0);
    return Math.min(...e.sizes) >= 0.02 * total;
  };
  const pool = sorted.filter(usable).length > 0 ? sorted.filter(usable) : sorted;
  const bestSil = pool.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  const knee = findKnee(sorted.map((e) => e.k), sorted.map((e) => e.inertia));
  const elbow = knee >= 0 ? sorted[knee] : undefined;
  if (elbow && pool.includes(elbow) && elbow.silhouette >= bestSil.silhouette - 0.02) {
    return {
      k: elbow.k, elbowK: elbow.k, bestSilhouetteK: bestSil.k,
      reason: elbow.k === bestSil.k
        ? `k=${elbow.k} is both the elbow of the inertia curve and the best silhouette (${elbow.silhouette.toFixed(3)})`
        : `k=${elbow.k} is the elbow of the inertia curve and its silhouette (${elbow.silhouette.toFixed(3)}) is within 0.02 of the best (k=${bestSil.k}, ${bestSil.silhouette.toFixed(3)})`,
    };
  }
  return {
    k: bestSil.k, elbowK: elbow?.k, bestSilhouetteK: bestSil.k,
    reason: `k=${bestSil.k} has the best silhouette (${bestSil.silhouette.toFixed(3)})` + (elbow ? `; the elbow at k=${elbow.k} separates clusters less well` : '; the inertia curve has no clear elbow'),
  };
}
