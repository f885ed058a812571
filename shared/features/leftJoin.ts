import type { Table } from '../ingest/Table';
import { keyValues } from './keyValues';
import { takeColumnRows } from './takeRows';

export interface JoinResult {
  table: Table;
  /** Base rows with no match in the other table (their new columns are missing). */
  unmatched: number;
  /** Other-table keys that matched no base row (ignored). */
  orphans: number;
  addedColumns: string[];
}

/**
 * `base.merge(other, left_on=baseKey, right_on=otherKey, how='left')` keeping the base's row order.
 * When a key repeats in `other`, its first row is used. Clashing column names get the other file's stem.
 */
export function leftJoin(base: Table, baseKey: string, other: Table, otherKey: string): JoinResult {
  const baseKeys = keyValues(base.columns.find((c) => c.name === baseKey)!);
  const otherKeys = keyValues(other.columns.find((c) => c.name === otherKey)!);
  const rowOf = new Map<string, number>();
  otherKeys.forEach((k, i) => {
    if (k !== null && !rowOf.has(k)) rowOf.set(k, i);
  });
  const index = new Int32Array(base.rowCount);
  let unmatched = 0;
  const used = new Set<string>();
  for (let i = 0; i < base.rowCount; i++) {
    const k = baseKeys[i];
    const r = k === null ? undefined : rowOf.get(k);
    index[i] = r ?? -1;
    if (r === undefined) unmatched++;
    else used.add(k!);
  }
  const taken = new Set(base.columns.map((c) => c.name));
  const stem = other.name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const added = other.columns
    .filter((c) => c.name !== otherKey)
    .map((c) => {
      const joined = takeColumnRows(c, index);
      let name = c.name;
      if (taken.has(name)) name = `${c.name}_${stem}`;
      taken.add(name);
      return { ...joined, name };
    });
  return {
    table: { name: base.name, columns: [...base.columns, ...added], rowCount: base.rowCount, source: base.source },
    unmatched,
    orphans: rowOf.size - used.size,
    addedColumns: added.map((c) => c.name),
  };
}
