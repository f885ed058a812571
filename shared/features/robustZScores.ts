import { median } from '../ml/median';

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
