import type { Table } from '../ingest/Table';
import type { TransactionColumns } from '../features/aggregateTransactions';
import { expectedPurchases } from './BgNbd';
import { estimateCustomerValue, type CustomerValueEstimate } from './estimateCustomerValue';
import { purchaseHistory, weekMs } from './purchaseHistory';

export interface ErrorFigures {
  mae: number;
  rmse: number;
  /** The predictions' sum, beside the actual total. */
  total: number;
}

export interface HoldoutComparison {
  /** Customers with a purchase before the cut-off: the ones both predictions are made for. */
  customers: number;
  holdoutWeeks: number;
  actual: { purchases: number; spend: number; buyers: number };
  model: { purchases: ErrorFigures; spend: ErrorFigures };
  /** The same-length period just before the cut-off, repeated. */
  baseline: { purchases: ErrorFigures; spend: ErrorFigures };
  /**
   * Next purchase, on customers who bought in the hold-out and got a predicted date: mean absolute
   * days between the predicted date and their first hold-out purchase, beside the naive date (last
   * purchase + the customer's mean gap between purchase days, for customers with a repeat).
   */
  nextPurchase: { customers: number; modelDays: number; baselineCustomers: number; baselineDays: number };
  fitted: CustomerValueEstimate['model'];
}

function errors(predicted: Float64Array, actual: Float64Array): ErrorFigures {
  let abs = 0;
  let sq = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = predicted[i]! - actual[i]!;
    abs += Math.abs(e);
    sq += e * e;
    total += predicted[i]!;
  }
  const n = Math.max(1, actual.length);
  return { mae: abs / n, rmse: Math.sqrt(sq / n), total };
}

/**
 * Fits on the purchases before `cutoff`, predicts each of those customers' purchases and spend in
 * [cutoff, end), and scores the prediction against what they actually bought there, beside the
 * naive forecast that the hold-out repeats the period of the same length before the cut-off.
 */
export function compareOnHoldout(table: Table, cols: TransactionColumns, window: { cutoff: number; end: number }): HoldoutComparison {
  const { cutoff, end } = window;
  const calibration = purchaseHistory(table, cols, { end: cutoff });
  const holdout = purchaseHistory(table, cols, { since: cutoff, end });
  const previous = purchaseHistory(table, cols, { since: cutoff - (end - cutoff), end: cutoff });
  const holdoutWeeks = (end - cutoff) / weekMs;
  const estimate = estimateCustomerValue(calibration, holdoutWeeks);
  const n = calibration.keys.length;
  const at = (h: typeof holdout) => new Map(h.keys.map((k, i) => [k, i]));
  const inHoldout = at(holdout);
  const inPrevious = at(previous);
  const actualPurchases = new Float64Array(n);
  const actualSpend = new Float64Array(n);
  const modelPurchases = new Float64Array(n);
  const modelSpend = new Float64Array(n);
  const basePurchases = new Float64Array(n);
  const baseSpend = new Float64Array(n);
  const days = { model: 0, modelN: 0, base: 0, baseN: 0 };
  // A window's first purchase day is its end minus the customer's age in it.
  const firstHoldoutPurchase = new Map(holdout.keys.map((k, i) => [k, Math.round(end - holdout.age[i]! * weekMs)]));
  let buyers = 0;
  for (let i = 0; i < n; i++) {
    const key = calibration.keys[i]!;
    const h = inHoldout.get(key);
    const p = inPrevious.get(key);
    // Purchase days in a window are its repeats plus the first.
    actualPurchases[i] = h === undefined ? 0 : holdout.frequency[h]! + 1;
    actualSpend[i] = h === undefined ? 0 : holdout.totalSpend[h]!;
    basePurchases[i] = p === undefined ? 0 : previous.frequency[p]! + 1;
    baseSpend[i] = p === undefined ? 0 : previous.totalSpend[p]!;
    modelPurchases[i] = expectedPurchases(estimate.model.bgNbd, holdoutWeeks, calibration.frequency[i]!, calibration.recency[i]!, calibration.age[i]!);
    modelSpend[i] = estimate.value[i]!;
    const first = firstHoldoutPurchase.get(key);
    if (first === undefined) continue;
    buyers++;
    if (!Number.isNaN(estimate.nextPurchase[i]!)) {
      days.model += Math.abs(estimate.nextPurchase[i]! - first) / 86_400_000;
      days.modelN++;
    }
    if (calibration.frequency[i]! > 0) {
      const gap = (calibration.recency[i]! * weekMs) / calibration.frequency[i]!;
      days.base += Math.abs(calibration.lastPurchase[i]! + gap - first) / 86_400_000;
      days.baseN++;
    }
  }
  const sum = (v: Float64Array) => v.reduce((a, b) => a + b, 0);
  return {
    customers: n,
    holdoutWeeks,
    actual: { purchases: sum(actualPurchases), spend: sum(actualSpend), buyers },
    model: { purchases: errors(modelPurchases, actualPurchases), spend: errors(modelSpend, actualSpend) },
    baseline: { purchases: errors(basePurchases, actualPurchases), spend: errors(baseSpend, actualSpend) },
    nextPurchase: {
      customers: days.modelN,
      modelDays: days.modelN ? days.model / days.modelN : NaN,
      baselineCustomers: days.baseN,
      baselineDays: days.baseN ? days.base / days.baseN : NaN,
    },
    fitted: estimate.model,
  };
}

