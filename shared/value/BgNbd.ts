import { logGamma } from './logGamma';
import { hypergeometric2F1 } from './hypergeometric2F1';
import { minimizeWithRestarts } from './nelderMead';

/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while
 * active a customer buys at rate λ ~ Gamma(r, α); after each purchase they drop out with
 * probability p ~ Beta(a, b). Time is in the unit the fit was given (this app uses weeks).
 */
export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * Each customer's history as the model reads it: `frequency` repeat purchases (purchase periods
 * after the first), `recency` the time from the first to the last purchase, `age` (T) the time from
 * the first purchase to the end of the observation.
 */
export interface PurchaseSummary {
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
}

export interface BgNbdFit {
  parameters: BgNbdParameters;
  logLikelihood: number;
  customers: number;
  converged: boolean;
}

/** One customer's log-likelihood (FHL 2005, equation 6). */
export function bgNbdLogLikelihood({ r, alpha, a, b }: BgNbdParameters, x: number, tx: number, T: number): number {
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const m = Math.max(a3, a4);
  return a1 + a2 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
}

/**
 * Maximum-likelihood BG/NBD: Nelder–Mead on the logarithms of (r, α, a, b), so every parameter
 * stays positive, restarted from its own optimum while a restart still gains (nelderMead.ts).
 */
export function fitBgNbd(summary: PurchaseSummary): BgNbdFit {
  const { frequency, recency, age } = summary;
  const n = frequency.length;
  if (n === 0) throw new Error('fitBgNbd needs at least one customer');
  // Scale time so α starts near the data's scale; parameters are mapped back after the fit.
  let meanAge = 0;
  for (let i = 0; i < n; i++) meanAge += age[i]! / n;
  const scale = meanAge > 0 ? meanAge : 1;
  const tx = Float64Array.from(recency, (v) => v / scale);
  const T = Float64Array.from(age, (v) => v / scale);
  // The Γ terms depend on x alone: computed once per distinct count, not per customer.
  const counts = [...new Set(frequency)];
  const countIndex = new Map(counts.map((x, j) => [x, j]));
  const slot = Int32Array.from(frequency, (x) => countIndex.get(x)!);
  const perCount = new Float64Array(counts.length);
  const negative = (logs: Float64Array): number => {
    const r = Math.exp(logs[0]!), alpha = Math.exp(logs[1]!), a = Math.exp(logs[2]!), b = Math.exp(logs[3]!);
    const shared = r * Math.log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b);
    for (let j = 0; j < counts.length; j++) {
      const x = counts[j]!;
      perCount[j] = shared + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x) + (x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0);
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = frequency[i]!;
      const a3 = -(r + x) * Math.log(alpha + T[i]!);
      if (x === 0) {
        sum += perCount[slot[i]!]! + a3;
        continue;
      }
      // perCount carries ln a − ln(b + x − 1), which belongs to the second term only.
      const a4 = -(r + x) * Math.log(alpha + tx[i]!);
      const lead = Math.log(a) - Math.log(b + x - 1);
      const m = Math.max(a3 - lead, a4);
      sum += perCount[slot[i]!]! + m + Math.log(Math.exp(a3 - lead - m) + Math.exp(a4 - m));
    }
    return -sum;
  };
  const best = minimizeWithRestarts(negative, [0, 0, 0, 0]);
  const [r, alpha, a, b] = Array.from(best.x, Math.exp);
  const parameters = { r: r!, alpha: alpha! * scale, a: a!, b: b! };
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) logLikelihood += bgNbdLogLikelihood(parameters, frequency[i]!, recency[i]!, age[i]!);
  return {
    parameters,
    logLikelihood,
    customers: n,
    converged: best.converged,
  };
}

/** P(still active at T | x, tx, T) (FHL 2005, equation 11); 1 for a customer who never repeated. */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParameters, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))));
}

/**
 * Expected purchases in (T, T + t] for a customer with history (x, tx, T) (FHL 2005, equation 10).
 */
export function expectedPurchases(params: BgNbdParameters, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (t <= 0) return 0;
  const z = t / (alpha + T + t);
  const hyp = hypergeometric2F1(r + x, b + x, a + b + x - 1, z);
  const decay = Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)));
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - decay * hyp);
  const denominator = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))) : 1;
  return numerator / denominator;
}
