import type { Table } from '../ingest/Table';

/** A table's columns by name, in the shape the feature pipeline and scoring take. */
export function tableColumns(table: Table): Record<string, ArrayLike<unknown>> {
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const c of table.columns) out[c.name] = c.values;
  return out;
}

/** A numeric column's values, or undefined when the table has no such numeric column. */
export function numericValues(table: Table, name: string | undefined): Float64Array | undefined {
  if (!name) return undefined;
  const column = table.columns.find((c) => c.name === name);
  return column && column.kind !== 'string' ? column.values : undefined;
}
