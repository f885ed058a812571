import type { DenseMatrix } from './DenseMatrix';
import { createRng, shuffledIndices } from './createRng';

// Math and friends aliased once: global lookups in hot loops are slow inside vm sandboxes (Jest).
const { sqrt } = Math;
const INF = Infinity;

export interface SilhouetteResult {
  /** Mean silhouette over the rows used. */
  score: number;
  /** Mean silhouette per cluster (NaN for clusters absent from the sample). */
  perCluster: number[];
  /** Rows used (all, or a seeded sample). */
  sampleSize: number;
}

/**
 * Silhouette (scikit-learn's silhouette_score, euclidean). Exact silhouette is O(n²), so above
 * sampleSize rows it is computed on a seeded random sample, as silhouette_score(sample_size=...).
 * Singleton clusters score 0.
 */
export function silhouette(X: DenseMatrix, labels: ArrayLike<number>, k: number, options: { sampleSize?: number; seed?: number } = {}): SilhouetteResult {
  const n = X.rows, d = X.cols;
  const maxRows = options.sampleSize ?? 10_000;
  const rows = n > maxRows ? shuffledIndices(n, createRng(options.seed ?? 0), maxRows) : Int32Array.from({ length: n }, (_, i) => i);
  const m = rows.length;
  const size = new Float64Array(k);
  for (let r = 0; r < m; r++) size[labels[rows[r]]]++;

  const sumPerCluster = new Float64Array(k), countPerCluster = new Float64Array(k);
  let total = 0;
  const data = X.data;
  const lab = Int32Array.from({ length: m }, (_, r) => labels[rows[r]]);
  // the sample copied contiguously, and each pair measured once for both rows (half the work)
  const S = new Float64Array(m * d);
  for (let r = 0; r < m; r++) S.set(data.subarray(rows[r] * d, rows[r] * d + d), r * d);
  const dist = new Float64Array(m * k);
  for (let a = 0; a < m; a++) {
    const ia = a * d, la = lab[a], da = a * k;
    for (let b = a + 1; b < m; b++) {
      const ib = b * d;
      let s0 = 0, s1 = 0, j = 0;
      for (; j + 2 <= d; j += 2) {
        const e0 = S[ia + j] - S[ib + j], e1 = S[ia + j + 1] - S[ib + j + 1];
        s0 += e0 * e0; s1 += e1 * e1;
      }
      if (j < d) { const e = S[ia + j] - S[ib + j]; s0 += e * e; }
      const v = sqrt(s0 + s1);
      dist[da + lab[b]] += v;
      dist[b * k + la] += v;
    }
  }
  for (let a = 0; a < m; a++) {
    const own = lab[a], da = a * k;
    let sil = 0;
    if (size[own] > 1) {
      const ai = dist[da + own] / (size[own] - 1);
      let bi = INF;
      for (let c = 0; c < k; c++) if (c !== own && size[c] > 0) bi = Math.min(bi, dist[da + c] / size[c]);
      sil = Number.isFinite(bi) ? (bi - ai) / Math.max(ai, bi) : 0;
    }
    total += sil;
    sumPerCluster[own] += sil;
    countPerCluster[own]++;
  }
  return {
    score: m > 0 ? total / m : NaN,
    perCluster: Array.from(sumPerCluster, (s, c) => (countPerCluster[c] > 0 ? s / countPerCluster[c] : NaN)),
    sampleSize: m,
  };
}
