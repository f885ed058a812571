import type { Column, Table } from '../ingest/Table';

/** A new column holding the rows at `index` (-1 = missing), in that order. */
export function takeColumnRows(column: Column, index: ArrayLike<number>): Column {
  const n = index.length;
  if (column.kind === 'string') {
    const values: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) values[i] = index[i] < 0 ? null : column.values[index[i]];
    return { name: column.name, kind: 'string', values };
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = index[i] < 0 ? NaN : column.values[index[i]];
  return { name: column.name, kind: column.kind, values };
}

export function takeRows(table: Table, index: ArrayLike<number>): Table {
  return { ...table, columns: table.columns.map((c) => takeColumnRows(c, index)), rowCount: index.length };
}
