/** Median of the non-missing values (NaN when there are none), by selection rather than a full sort. */
export function median(values: ArrayLike<number>): number {
  const v = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isNaN(x)) v[m++] = x;
  }
  if (m === 0) return NaN;
  const half = m >> 1;
  const upper = select(v, m, half);
  if (m % 2) return upper;
  // After selection every value left of `half` is ≤ the one at it: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < half; i++) if (v[i]! > lower) lower = v[i]!;
  return (lower + upper) / 2;
}

/** The k-th smallest of a[0..n) (Hoare's quickselect, median-of-three pivots); reorders a. */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0, hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // Median of three as the pivot keeps sorted and constant runs linear.
    const x = a[lo]!, y = a[mid]!, z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/**
 * Robust z-scores (Iglewicz & Hoaglin): 0.6745 × (x − median) / MAD. Unlike the plain z-score, one huge
 * value cannot hide itself by inflating the spread. When MAD is 0, the mean absolute deviation stands in.
 */
export function robustZScores(values: ArrayLike<number>): { z: Float64Array; median: number; mad: number } {
  const med = median(values);
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i] - med);
  let mad = median(dev);
  let scale = 0.6745;
  if (!(mad > 0)) {
    let sum = 0;
    let k = 0;
    for (const d of dev) if (!Number.isNaN(d)) (sum += d), k++;
    mad = k ? sum / k : 0;
    scale = 0.7979; // mean absolute deviation of a normal is 0.7979 σ
  }
  const z = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) z[i] = mad > 0 ? (scale * (values[i] - med)) / mad : 0;
  return { z, median: med, mad };
}
