import { keyValues } from '../features/keyValues';
import type { Column } from '../ingest/Table';
import type { PurchaseHistory } from './purchaseHistory';
import type { CustomerValueEstimate } from './estimateCustomerValue';

/** The per-customer figures a run keeps, one per row of its customer table. */
export interface CustomerValueColumns {
  /** Expected spend over the model's horizon (12 months); NaN for a customer without purchases. */
  value: Float64Array;
  /** Epoch ms of the predicted next purchase; NaN when none is more likely than not within the horizon. */
  nextPurchase: Float64Array;
}

/** Lays per-history figures onto the rows of a table, matching customers by their key (features/keyValues.ts). */
export function customerValueColumns(idColumn: Column, history: PurchaseHistory, estimate: Pick<CustomerValueEstimate, 'value' | 'nextPurchase'>): CustomerValueColumns {
  const at = new Map(history.keys.map((k, i) => [k, i]));
  const keys = keyValues(idColumn);
  const value = new Float64Array(keys.length).fill(NaN);
  const nextPurchase = new Float64Array(keys.length).fill(NaN);
  keys.forEach((key, row) => {
    const i = key === null ? undefined : at.get(key);
    if (i === undefined) return;
    value[row] = estimate.value[i]!;
    nextPurchase[row] = estimate.nextPurchase[i]!;
  });
  return { value, nextPurchase };
}
