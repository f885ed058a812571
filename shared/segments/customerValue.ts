import { numericValues } from '../features/tableColumns';
import type { Table } from '../ingest/Table';
import type { CustomerValueColumns } from '../value/customerValueColumns';

/**
 * Each customer's value per period, what priority and value at stake weigh risk by: today the value
 * column as uploaded (money per period), NaN where missing; undefined when the run has none. Every
 * reader of customer value (profiles, assignments' priority, the model's priority scale) calls this,
 * so a predicted customer value can replace the column here alone.
 */
export function customerValue(table: Table, valueColumn: string | null | undefined, predicted?: CustomerValueColumns): Float64Array | undefined {
  // With transactions, the predicted 12-month value (shared/value/) per month replaces the column.
  if (predicted) return predicted.value.map((v) => v / 12);
  return numericValues(table, valueColumn ?? undefined);
}
