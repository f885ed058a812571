import { createRng } from '../ml/createRng';
import { normalUpperTail, z95 } from './normalQuantiles';

/** Treated mean minus control mean (spend per customer), with a 95 % interval. */
export interface MeanDifference {
  treated: { customers: number; mean: number };
  control: { customers: number; mean: number };
  difference: number;
  low: number;
  high: number;
  pValue: number;
  method: 'bootstrap' | 'welch';
}

/** Above this many customers in both groups together the normal (Welch) interval is used: the mean is then close to normal even for skewed spend, and resampling would cost seconds. */
export const bootstrapLimit = 20_000;
const resamples = 1000;

/**
 * Difference in mean spend. Spend is mostly zeros with a long tail, so below `bootstrapLimit`
 * the interval is the percentile bootstrap (groups resampled separately, seeded so a run repeats);
 * above it Welch's normal interval, which the central limit theorem makes accurate there.
 */
export function meanDifference(treated: Float64Array, control: Float64Array, seed = 0): MeanDifference {
  const mt = mean(treated), mc = mean(control);
  const difference = mt - mc;
  const se = Math.sqrt(variance(treated, mt) / treated.length + variance(control, mc) / control.length);
  const pValue = se > 0 ? 2 * normalUpperTail(Math.abs(difference) / se) : difference === 0 ? 1 : 0;
  const base = { treated: { customers: treated.length, mean: mt }, control: { customers: control.length, mean: mc }, difference, pValue };
  if (treated.length + control.length > bootstrapLimit) return { ...base, low: difference - z95 * se, high: difference + z95 * se, method: 'welch' };
  const rng = createRng(seed);
  const state = new Uint32Array([Math.floor(rng.next() * 2 ** 32) || 1]);
  const draws = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) draws[b] = resampledMean(treated, state) - resampledMean(control, state);
  draws.sort();
  return { ...base, low: draws[Math.floor(0.025 * resamples)]!, high: draws[Math.ceil(0.975 * resamples) - 1]!, method: 'bootstrap' };
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return x.length ? s / x.length : NaN;
}

function variance(x: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2;
  return x.length > 1 ? s / (x.length - 1) : 0;
}

/**
 * The mean of one resample with replacement. Indices come from an inline xorshift32 (seeded from the
 * run's generator): a million draws per resample set, where a call per draw would dominate; its
 * modulo bias is below n / 2^32.
 */
function resampledMean(x: Float64Array, state: Uint32Array): number {
  const n = x.length;
  let s = 0;
  let r = state[0]!;
  for (let i = 0; i < n; i++) {
    r ^= r << 13;
    r ^= r >>> 17;
    r ^= r << 5;
    s += x[(r >>> 0) % n]!;
  }
  state[0] = r;
  return s / n;
}
