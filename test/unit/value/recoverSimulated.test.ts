import { createRng, type Rng } from '../../../shared/ml/createRng';
import { fitBgNbd } from '../../../shared/value/BgNbd';
import { fitGammaGamma } from '../../../shared/value/GammaGamma';

/** Gamma(shape, rate) by Marsaglia & Tsang, with the usual boost for shape < 1. */
function gamma(rng: Rng, shape: number, rate: number): number {
  if (shape < 1) return gamma(rng, shape + 1, rate) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = Math.pow(1 + c * z, 3);
    if (v <= 0) continue;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/**
 * Customers drawn from the BG/NBD story itself: λ ~ Gamma(r, α), p ~ Beta(a, b), a first purchase at
 * 0, exponential gaps, a coin of p after each repeat purchase to drop out, observed for T weeks.
 */
function simulate(rng: Rng, n: number, truth: { r: number; alpha: number; a: number; b: number }) {
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const age = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = gamma(rng, truth.r, truth.alpha);
    const g1 = gamma(rng, truth.a, 1);
    const p = g1 / (g1 + gamma(rng, truth.b, 1));
    const T = 26 + 26 * rng.next();
    let t = 0;
    let x = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(1 - rng.next()) / lambda;
      if (t > T) break;
      x++;
      last = t;
      // The model lets a customer drop out after a repeat purchase, never right after the first.
      if (rng.next() < p) break;
    }
    frequency[i] = x;
    recency[i] = last;
    age[i] = T;
  }
  return { frequency, recency, age };
}

describe('fits recover the parameters data were simulated from', () => {
  test('BG/NBD: r, α, a, b within 20 % on 5,000 simulated customers', () => {
    const truth = { r: 0.6, alpha: 4, a: 0.9, b: 2.5 };
    const fit = fitBgNbd(simulate(createRng(11), 5000, truth));
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.parameters[k] / truth[k] - 1)).toBeLessThan(0.2);
    }
  });

  test('Gamma-Gamma: p, q, v within 20 % on 5,000 simulated repeat buyers', () => {
    const truth = { p: 6, q: 4, v: 15 };
    const rng = createRng(5);
    const n = 5000;
    const frequency = new Float64Array(n);
    const meanSpend = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = 1 + rng.int(8);
      const nu = gamma(rng, truth.q, truth.v);
      let sum = 0;
      for (let k = 0; k < x; k++) sum += gamma(rng, truth.p, nu);
      frequency[i] = x;
      meanSpend[i] = sum / x;
    }
    const fit = fitGammaGamma(frequency, meanSpend);
    for (const k of ['p', 'q', 'v'] as const) expect(Math.abs(fit.parameters[k] / truth[k] - 1)).toBeLessThan(0.2);
  });
});
