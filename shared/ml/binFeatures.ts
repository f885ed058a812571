import type { DenseMatrix } from './DenseMatrix';

// Aliased once: global lookups in hot loops are slow inside vm sandboxes (Jest).
const isNaN = Number.isNaN;

/**
 * Bin edges per feature: midpoints between distinct values when there are few, else quantiles
 * (as scikit-learn's _BinMapper). Codes are row-major (n × F); code nb[f] marks a missing value.
 */
export function binFeatures(X: DenseMatrix, maxBins: number): {
  edges: Float64Array[]; codes: Uint8Array; offsets: Int32Array; totalBins: number;
} {
  const n = X.rows, F = X.cols;
  const edges: Float64Array[] = [];
  const codes = new Uint8Array(n * F);
  const offsets = new Int32Array(F + 1);
  const col = new Float64Array(n);
  for (let f = 0; f < F; f++) {
    let m = 0;
    for (let i = 0; i < n; i++) { const v = X.data[i * F + f]; if (!isNaN(v)) col[m++] = v; }
    const sorted = col.subarray(0, m).slice().sort();
    const distinct: number[] = [];
    for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    let e: number[] = [];
    if (distinct.length <= maxBins) {
      for (let i = 0; i + 1 < distinct.length; i++) e.push((distinct[i] + distinct[i + 1]) / 2);
    } else {
      for (let q = 1; q < maxBins; q++) {
        const pos = (q / maxBins) * (m - 1);
        const lo = Math.floor(pos), hi = Math.ceil(pos);
        const v = (sorted[lo] + sorted[hi]) / 2;
        if (e.length === 0 || v > e[e.length - 1]) e.push(v);
      }
    }
    const fe = Float64Array.from(e);
    edges.push(fe);
    const nb = fe.length + 1;
    offsets[f + 1] = offsets[f] + nb + 1;
    for (let i = 0; i < n; i++) {
      const v = X.data[i * F + f];
      if (isNaN(v)) { codes[i * F + f] = nb; continue; }
      let lo = 0, hi = fe.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (v <= fe[mid]) hi = mid; else lo = mid + 1; }
      codes[i * F + f] = lo;
    }
  }
  return { edges, codes, offsets, totalBins: offsets[F] };
}
