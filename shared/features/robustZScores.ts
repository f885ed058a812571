/** Median of the non-missing values (NaN when there are none). */
export function median(values: ArrayLike<number>): number {
  const v = Float64Array.from(values).filter((x) => !Number.isNaN(x)).sort();
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
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
