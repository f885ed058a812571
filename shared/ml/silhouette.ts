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
  const { rows, S, pairs } = samplePairDistances(X, options.sampleSize ?? 10_000, options.seed ?? 0);
  const m = rows.length, d = X.cols;
  const size = new Float64Array(k);
  for (let r = 0; r < m; r++) size[labels[rows[r]]]++;

  const sumPerCluster = new Float64Array(k), countPerCluster = new Float64Array(k);
  let total = 0;
  const lab = Int32Array.from({ length: m }, (_, r) => labels[rows[r]]);
  const dist = new Float64Array(m * k);
  let p = 0;
  for (let a = 0; a < m; a++) {
    const la = lab[a], da = a * k;
    for (let b = a + 1; b < m; b++) {
      const v = pairs ? pairs[p++] : pairDistance(S!, a * d, b * d, d);
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

interface SamplePairs {
  sampleSize: number;
  seed: number;
  view: { byteOffset: number; length: number; cols: number };
  rows: Int32Array;
  /** Distances of every pair a < b of the sample, row by row (the upper triangle). */
  pairs: Float64Array;
}

/** Samples up to this size keep their pair distances (≤ 64 MB); larger ones are measured per call. */
const maxCachedSample = 4000;

/**
 * The sample's pairwise distances depend on the rows and the seed, not on the labels: every
 * candidate k scored against the same matrix (as the pipeline does, one activity per k in the same
 * process) reuses them, and only the O(n²) label sums remain per k. Keyed by the matrix's buffer,
 * so views of one buffer share the entry and it goes when the matrix does.
 */
const pairCache = new WeakMap<ArrayBufferLike, SamplePairs>();

function samplePairDistances(X: DenseMatrix, maxRows: number, seed: number): { rows: Int32Array; S?: Float64Array; pairs?: Float64Array } {
  const view = { byteOffset: X.data.byteOffset, length: X.data.length, cols: X.cols };
  const cached = pairCache.get(X.data.buffer);
  if (
    cached && cached.sampleSize === maxRows && cached.seed === seed &&
    cached.view.byteOffset === view.byteOffset && cached.view.length === view.length && cached.view.cols === view.cols
  ) return cached;
  const n = X.rows, d = X.cols, data = X.data;
  const rows = n > maxRows ? shuffledIndices(n, createRng(seed), maxRows) : Int32Array.from({ length: n }, (_, i) => i);
  const m = rows.length;
  // the sample copied contiguously, and each pair measured once for both rows (half the work)
  const S = new Float64Array(m * d);
  for (let r = 0; r < m; r++) S.set(data.subarray(rows[r] * d, rows[r] * d + d), r * d);
  if (m > maxCachedSample) return { rows, S };
  const pairs = new Float64Array((m * (m - 1)) / 2);
  let p = 0;
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) pairs[p++] = pairDistance(S, a * d, b * d, d);
  pairCache.set(X.data.buffer, { sampleSize: maxRows, seed, view, rows, pairs });
  return { rows, pairs };
}

function pairDistance(S: Float64Array, ia: number, ib: number, d: number): number {
  let s0 = 0, s1 = 0, j = 0;
  for (; j + 2 <= d; j += 2) {
    const e0 = S[ia + j] - S[ib + j], e1 = S[ia + j + 1] - S[ib + j + 1];
    s0 += e0 * e0; s1 += e1 * e1;
  }
  if (j < d) { const e = S[ia + j] - S[ib + j]; s0 += e * e; }
  return sqrt(s0 + s1);
}
