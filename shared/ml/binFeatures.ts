import type { DenseMatrix } from './DenseMatrix';
import { argsortFloat64 } from './argsortFloat64';

// Aliased once: global lookups in hot loops are slow inside vm sandboxes (Jest).
const isNaN = Number.isNaN;

const columnGroup = 8;

/** Features cut into bins once, before boosting. */
export interface BinnedFeatures {
  /** Per feature, the upper edges of its bins: value ≤ edges[f][b] falls in bin b or below. */
  edges: Float64Array[];
  /**
   * Column-major bin codes (F × n): feature f of row i is codes[f * n + i]; code edges[f].length + 1
   * marks a missing value. One feature's codes lie together, so a histogram or a partition over one
   * feature reads a single contiguous column.
   */
  codes: Uint8Array;
  /** Feature f's bins start at histogram cell offsets[f]; offsets[F] = totalBins. */
  offsets: Int32Array;
  totalBins: number;
}

/**
 * Bin edges per feature: midpoints between distinct values when there are few, else quantiles
 * (as scikit-learn's _BinMapper). binFeaturesOnThreads gives the same bins, built on worker threads.
 */
export function binFeatures(X: DenseMatrix, maxBins: number): BinnedFeatures {
  const n = X.rows, F = X.cols;
  const codes = new Uint8Array(n * F);
  const edgeValues = new Float64Array(F * maxBins), edgeCounts = new Int32Array(F);
  binColumns(X.data, n, F, 0, F, maxBins, codes, edgeValues, edgeCounts);
  return collectBins(codes, edgeValues, edgeCounts, maxBins);
}

/**
 * Bins features [from, to) of the row-major data (n × F): feature f's codes go to codes[f·n, (f + 1)·n),
 * its edges (fewer than maxBins) to edgeValues from f·maxBins, their number to edgeCounts[f]. Features
 * are independent, so threads can take a range each (a kernel of histogramWorker). Returns to − from.
 */
export function binColumns(
  data: Float64Array, n: number, F: number, from: number, to: number, maxBins: number,
  codes: Uint8Array, edgeValues: Float64Array, edgeCounts: Int32Array,
): number {
  const col = new Float64Array(n), sorted = new Float64Array(n), rowOf = new Int32Array(n);
  // Columns are copied out of the row-major matrix a group at a time: one sweep over the matrix per
  // group instead of one per feature, with the copies' memory bounded by the group's width.
  const group = Math.min(to - from, columnGroup);
  const columns = Array.from({ length: group }, () => new Float64Array(n));
  for (let f = from; f < to; f++) {
    const member = (f - from) % group;
    if (member === 0) {
      const width = Math.min(group, to - f);
      for (let i = 0, at = f; i < n; i++, at += F) for (let j = 0; j < width; j++) columns[j]![i] = data[at + j];
    }
    const values = columns[member]!;
    const out = codes.subarray(f * n, (f + 1) * n);
    let m = 0;
    for (let i = 0; i < n; i++) { const v = values[i]; if (!isNaN(v)) { col[m] = v; rowOf[m++] = i; } }
    const order = argsortFloat64(col.subarray(0, m));
    for (let k = 0; k < m; k++) sorted[k] = col[order[k]];
    let distinct = 0;
    for (let k = 0; k < m; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
    const fe = edgeValues.subarray(f * maxBins, (f + 1) * maxBins);
    let ne = 0;
    if (distinct <= maxBins) {
      for (let k = 1; k < m; k++) if (sorted[k] !== sorted[k - 1]) fe[ne++] = (sorted[k - 1] + sorted[k]) / 2;
    } else {
      for (let q = 1; q < maxBins; q++) {
        const pos = (q / maxBins) * (m - 1);
        const lo = Math.floor(pos), hi = Math.ceil(pos);
        const v = (sorted[lo] + sorted[hi]) / 2;
        if (ne === 0 || v > fe[ne - 1]) fe[ne++] = v;
      }
    }
    edgeCounts[f] = ne;
    // Missing values first take the missing bin; the rest walk the bins once, in sorted order.
    out.fill(ne + 1);
    for (let k = 0, b = 0; k < m; k++) {
      const v = sorted[k];
      while (b < ne && v > fe[b]) b++;
      out[rowOf[order[k]]] = b;
    }
  }
  return to - from;
}

/** The binned features from binColumns' outputs: each feature's edges, and where its histogram cells start. */
export function collectBins(codes: Uint8Array, edgeValues: Float64Array, edgeCounts: Int32Array, maxBins: number): BinnedFeatures {
  const F = edgeCounts.length;
  const edges: Float64Array[] = [];
  const offsets = new Int32Array(F + 1);
  for (let f = 0; f < F; f++) {
    edges.push(edgeValues.slice(f * maxBins, f * maxBins + edgeCounts[f]));
    // The feature's bins, and one more for missing values.
    offsets[f + 1] = offsets[f] + edgeCounts[f] + 2;
  }
  return { edges, codes, offsets, totalBins: offsets[F] };
}
