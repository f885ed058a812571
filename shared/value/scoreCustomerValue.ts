import type { TransactionColumns } from '../features/aggregateTransactions';
import type { Table } from '../ingest/Table';
import type { CustomerValueModel } from './CustomerValueModel';
import { customerValueColumns, type CustomerValueColumns } from './customerValueColumns';
import { predictCustomerValue } from './estimateCustomerValue';
import { purchaseHistory } from './purchaseHistory';

/**
 * New customers' 12-month value and next purchase from a run's fitted model: their purchases up to
 * the model's `observedUntil`, as the run read its own, in the order of `ids`.
 */
export function scoreCustomerValue(model: CustomerValueModel, purchases: { table: Table; columns: TransactionColumns }, ids: string[]): CustomerValueColumns {
  const history = purchaseHistory(purchases.table, purchases.columns, { end: Date.parse(model.observedUntil) });
  return customerValueColumns({ name: 'id', kind: 'string', values: ids }, history, predictCustomerValue(model, history));
}
