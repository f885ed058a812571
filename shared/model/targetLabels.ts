import type { Column } from '../ingest/Table';

/**
 * The label per row: 1 where the target holds the positive value, 0 for any other value (on a
 * multi-class target: the positive class against all the others), null where it is missing.
 */
export function targetLabels(column: Column, positive: string): (0 | 1 | null)[] {
  const n = column.values.length;
  const labels: (0 | 1 | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const raw = column.values[i];
    const missing = raw === null || raw === undefined || (typeof raw === 'number' && Number.isNaN(raw));
    labels[i] = missing ? null : String(raw) === positive ? 1 : 0;
  }
  return labels;
}
