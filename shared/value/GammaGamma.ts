import { logGamma } from './logGamma';
import { minimizeWithRestarts } from './nelderMead';

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999): each
 * purchase's value is Gamma(p, ν) around the customer's own mean, with ν ~ Gamma(q, γ) across
 * customers (γ is `v` here, as the usual implementations name it).
 */
export interface GammaGammaParameters {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit {
  parameters: GammaGammaParameters;
  logLikelihood: number;
  /** Customers with at least one repeat purchase and a positive mean spend: the only ones it learns from. */
  customers: number;
  converged: boolean;
}

/**
 * Maximum-likelihood Gamma-Gamma on customers with repeat purchases (x > 0, m > 0): Nelder–Mead on
 * log(p, q, v), restarted from its optimum while a restart still gains (nelderMead.ts). Spend is rescaled by its mean
 * for the search so the start suits any currency.
 */
export function fitGammaGamma(frequency: Float64Array, meanSpend: Float64Array): GammaGammaFit {
  const rows: number[] = [];
  for (let i = 0; i < frequency.length; i++) if (frequency[i]! > 0 && meanSpend[i]! > 0) rows.push(i);
  if (rows.length < 2) throw new Error('fitGammaGamma needs at least two customers with repeat purchases and positive spend');
  let scale = 0;
  for (const i of rows) scale += meanSpend[i]! / rows.length;
  // Per customer only the logarithms of spend change; the Γ terms depend on x alone.
  const xs = Float64Array.from(rows, (i) => frequency[i]!);
  const ms = Float64Array.from(rows, (i) => meanSpend[i]! / scale);
  const logM = ms.map(Math.log);
  const logX = xs.map(Math.log);
  const counts = [...new Set(xs)];
  const countIndex = new Map(counts.map((x, j) => [x, j]));
  const slot = Int32Array.from(xs, (x) => countIndex.get(x)!);
  const perCount = new Float64Array(counts.length);
  const negative = (logs: Float64Array): number => {
    const p = Math.exp(logs[0]!), q = Math.exp(logs[1]!), v = Math.exp(logs[2]!);
    const shared = -logGamma(q) + q * Math.log(v);
    for (let j = 0; j < counts.length; j++) perCount[j] = shared + logGamma(p * counts[j]! + q) - logGamma(p * counts[j]!);
    let sum = 0;
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k]!;
      sum += perCount[slot[k]!]! + (p * x - 1) * logM[k]! + p * x * logX[k]! - (p * x + q) * Math.log(x * ms[k]! + v);
    }
    return -sum;
  };
  const best = minimizeWithRestarts(negative, [0, 0, 0]);
  const [p, q, v] = Array.from(best.x, Math.exp);
  // Rescaling spend by s multiplies ν by s and leaves p, q alone; the likelihood shifts by a constant.
  const logLikelihood = -best.value - rows.length * Math.log(scale);
  return { parameters: { p: p!, q: q!, v: v! * scale }, logLikelihood, customers: rows.length, converged: best.converged };
}

/**
 * Expected value of a customer's next purchase (FHL 2005 "RFM and CLV", equation 5): a weighted
 * mean of the population mean p·v/(q−1) and the customer's own mean. A customer without repeat
 * purchases gets the population mean. Needs q > 1 (a finite population mean).
 */
export function expectedSpend({ p, q, v }: GammaGammaParameters, x: number, m: number): number {
  if (!(x > 0) || !(m > 0)) return (p * v) / (q - 1);
  return (p * (v + x * m)) / (p * x + q - 1);
}
