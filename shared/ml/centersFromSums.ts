/**
 * Next centres from combined sums. An empty cluster keeps its previous centre (when given):
 * a deterministic choice every partition agrees on without seeing the whole data.
 */
export function centersFromSums(sums: Float64Array, counts: Float64Array, d: number, previous?: Float64Array): Float64Array {
  const k = counts.length;
  const out = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) {
      const inv = 1 / counts[c];
      for (let j = 0; j < d; j++) out[c * d + j] = sums[c * d + j] * inv;
    } else if (previous) {
      out.set(previous.subarray(c * d, c * d + d), c * d);
    } else {
      out.fill(NaN, c * d, c * d + d);
    }
  }
  return out;
}

/** Squared distance the centres moved (scikit-learn's center_shift_tot). */
export function centerShift(previous: Float64Array, next: Float64Array): number {
  let s = 0;
  for (let i = 0; i < next.length; i++) { const e = next[i] - previous[i]; s += e * e; }
  return s;
}
