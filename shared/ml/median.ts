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

