import type { Column } from '../ingest/Table';

/**
 * A column's values as join keys: numbers written the same way whatever the file did
 * (`15291.0` and `15291` are one customer), text trimmed; missing stays null.
 */
export function keyValues(column: Column): (string | null)[] {
  const out: (string | null)[] = new Array(column.values.length);
  if (column.kind === 'string') {
    for (let i = 0; i < out.length; i++) {
      const v = column.values[i];
      out[i] = v === null ? null : v.trim();
    }
  } else {
    for (let i = 0; i < out.length; i++) {
      const v = column.values[i];
      out[i] = Number.isNaN(v) ? null : column.kind === 'date' ? new Date(v).toISOString() : String(v);
    }
  }
  return out;
}
