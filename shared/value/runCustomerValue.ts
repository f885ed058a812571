import type { Table } from '../ingest/Table';
import type { CustomerValueModel } from './CustomerValueModel';
import { customerValueColumns, type CustomerValueColumns } from './customerValueColumns';
import { estimateCustomerValue } from './estimateCustomerValue';
import type { PurchaseHistory } from './purchaseHistory';

/** A run's customer value: the fitted model (model.json) and its figures per customer row. */
export interface RunCustomerValue {
  model: CustomerValueModel;
  columns: CustomerValueColumns;
}

/**
 * Fits the value model on a run's purchase history and lays its 12-month figures onto the customer
 * table's rows. Undefined when the table has no id column to match on, when the history is too
 * thin to fit (fewer than two customers, or none who bought twice), or when a figure comes out not
 * finite: the run then carries no value columns rather than wrong ones.
 */
export function runCustomerValue(table: Table, idColumn: string | undefined, history: PurchaseHistory): RunCustomerValue | undefined {
  const ids = idColumn ? table.columns.find((c) => c.name === idColumn) : undefined;
  if (!ids || history.keys.length < 2) return undefined;
  let repeaters = 0;
  for (const x of history.frequency) if (x > 0) repeaters++;
  if (repeaters === 0) return undefined;
  const estimate = estimateCustomerValue(history);
  for (const v of estimate.value) if (!Number.isFinite(v)) return undefined;
  return { model: estimate.model, columns: customerValueColumns(ids, history, estimate) };
}
