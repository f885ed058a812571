import { expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParameters } from './BgNbd';
import { expectedSpend, fitGammaGamma } from './GammaGamma';
import type { CustomerValueModel } from './CustomerValueModel';
import { weekMs, type PurchaseHistory } from './purchaseHistory';

/** 52 weeks: the "12-month" value. */
export const yearWeeks = 52;

export interface CustomerValueEstimate {
  model: CustomerValueModel;
  /** Per customer of the history, in its order. */
  expectedPurchases: Float64Array;
  expectedSpend: Float64Array;
  probabilityAlive: Float64Array;
  /** Expected purchases over the horizon × expected spend per purchase (undiscounted). */
  value: Float64Array;
  /** Epoch ms, or NaN when a next purchase is not more likely than not within the horizon. */
  nextPurchase: Float64Array;
}

/**
 * Weeks until the customer has more likely than not bought again: P(a purchase in (T, T + t]) =
 * P(alive) · (1 − ((α+T)/(α+T+t))^(r+x)), since an active customer's next purchase comes before
 * any dropout. Infinity when P(alive) ≤ ½ (the chance never reaches a half).
 */
export function medianWeeksToNextPurchase({ r, alpha }: BgNbdParameters, alive: number, x: number, T: number): number {
  if (!(alive > 0.5)) return Infinity;
  return (alpha + T) * (Math.pow(1 - 0.5 / alive, -1 / (r + x)) - 1);
}

/**
 * BG/NBD for the number of purchases and Gamma-Gamma for their value, fitted on every customer of
 * the history; each customer's expected purchases and spend over `horizonWeeks` after its end.
 */
export function estimateCustomerValue(history: PurchaseHistory, horizonWeeks = yearWeeks): CustomerValueEstimate {
  const { frequency: x, recency: tx, age: T, meanSpend } = history;
  const n = x.length;
  const bg = fitBgNbd({ frequency: x, recency: tx, age: T });
  let gammaGamma: CustomerValueModel['gammaGamma'] = null;
  try {
    const gg = fitGammaGamma(x, meanSpend);
    if (gg.parameters.q > 1) gammaGamma = { ...gg.parameters, logLikelihood: gg.logLikelihood, customers: gg.customers };
  } catch {
    gammaGamma = null;
  }
  let fallbackSpend: number | null = null;
  if (!gammaGamma) {
    let spend = 0;
    let purchases = 0;
    for (let i = 0; i < n; i++) {
      spend += history.totalSpend[i]!;
      purchases += x[i]! + 1;
    }
    fallbackSpend = purchases > 0 ? Math.max(0, spend / purchases) : 0;
  }
  const model: CustomerValueModel = {
    kind: 'bg-nbd+gamma-gamma',
    timeUnit: 'week',
    horizonWeeks,
    observedUntil: new Date(history.end).toISOString(),
    bgNbd: { ...bg.parameters, logLikelihood: bg.logLikelihood, customers: bg.customers },
    gammaGamma,
    fallbackSpend,
  };
  return { model, ...predictCustomerValue(model, history) };
}

/**
 * Each customer's expected purchases, spend per purchase, value and next purchase over the model's
 * horizon from fitted parameters: what a run computes for its customers and scoring for new ones
 * (their history read up to the model's `observedUntil`).
 */
export function predictCustomerValue(model: CustomerValueModel, history: PurchaseHistory): Omit<CustomerValueEstimate, 'model'> {
  const { frequency: x, recency: tx, age: T, meanSpend } = history;
  const n = x.length;
  const { bgNbd, gammaGamma, horizonWeeks } = model;
  const out = {
    expectedPurchases: new Float64Array(n),
    expectedSpend: new Float64Array(n),
    probabilityAlive: new Float64Array(n),
    value: new Float64Array(n),
    nextPurchase: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const purchases = expectedPurchases(bgNbd, horizonWeeks, x[i]!, tx[i]!, T[i]!);
    const spend = gammaGamma ? expectedSpend(gammaGamma, x[i]!, meanSpend[i]!) : (model.fallbackSpend ?? 0);
    const alive = probabilityAlive(bgNbd, x[i]!, tx[i]!, T[i]!);
    const weeks = medianWeeksToNextPurchase(bgNbd, alive, x[i]!, T[i]!);
    out.expectedPurchases[i] = purchases;
    out.expectedSpend[i] = spend;
    out.probabilityAlive[i] = alive;
    out.value[i] = purchases * spend;
    out.nextPurchase[i] = weeks <= horizonWeeks ? history.end + weeks * weekMs : NaN;
  }
  return out;
}
