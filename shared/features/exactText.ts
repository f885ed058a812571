import type { Column, StringColumn, Table } from '../ingest/Table';

/**
 * A column's values as the text that was uploaded: an id comes back byte-for-byte ("0001" stays
 * "0001", a 20-digit code keeps every digit) however the reader stored it. Numbers whose text was not
 * kept are written as JavaScript writes them; dates as ISO 8601.
 */
export function exactText(column: Column): StringColumn {
  if (column.kind === 'string') return column;
  const values: (string | null)[] = new Array(column.values.length);
  const texts = column.kind === 'number' ? column.texts : undefined;
  for (let i = 0; i < values.length; i++) {
    const v = column.values[i]!;
    if (Number.isNaN(v)) values[i] = texts?.get(i) ?? null;
    else values[i] = texts?.get(i) ?? (column.kind === 'date' ? new Date(v).toISOString() : String(v));
  }
  return { name: column.name, kind: 'string', values };
}

/** The named key columns as exact text. */
export function withExactText(table: Table, names: (string | undefined)[]): Table {
  const keys = new Set(names.filter((x): x is string => !!x));
  if (!table.columns.some((c) => keys.has(c.name) && c.kind !== 'string')) return table;
  return { ...table, columns: table.columns.map((c) => (keys.has(c.name) ? exactText(c) : c)) };
}
