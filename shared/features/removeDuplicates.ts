import type { QualityReport } from '../ingest/QualityReport';
import type { Table } from '../ingest/Table';
import { exactText } from './exactText';
import { keyValues } from './keyValues';
import { RowIdentity } from './RowIdentity';
import { takeRows } from './takeRows';

/** Ids listed in quality.json with their rows; the rest are counted. */
const duplicateIdsListed = 100;

/**
 * Exact duplicate rows (id included) are collapsed (counted); rows sharing an id but differing elsewhere are kept
 * (two people, or a data-entry clash a person must look at) and listed in `duplicateIds`.
 */
export function removeDuplicates(table: Table, idColumn: string | undefined, quality: QualityReport): Table {
  quality.rows.input = table.rowCount;
  const id = idColumn ? table.columns.find((c) => c.name === idColumn)! : undefined;
  const ids = id ? keyValues(id) : undefined;
  // Rows equal in everything share their id: when every id is present and different, no row repeats
  // another (a number column read from long digit strings compares by float, so it is checked row by row).
  const grouped = ids ? groupById(ids, allRows(table.rowCount)) : undefined;
  const distinctIds = !!grouped && grouped.repeated.length === 0 && grouped.missing === 0 && !(id!.kind === 'number' && id!.texts);
  let keep: number[] = [];
  if (idColumn) {
    if (distinctIds) keep = allRows(table.rowCount);
    else {
      const rows = new RowIdentity(table);
      for (let i = 0; i < table.rowCount; i++) {
        if (rows.seenBefore(i)) quality.rows.duplicateRowsRemoved++;
        else keep.push(i);
      }
    }
  } else {
    // Without an id, equal rows are different customers who happen to look alike: all are kept.
    for (let i = 0; i < table.rowCount; i++) keep.push(i);
    const rows = new RowIdentity(table);
    let alike = 0;
    for (let i = 0; i < table.rowCount; i++) if (rows.seenBefore(i)) alike++;
    if (alike) quality.notes.push(`${alike} rows repeat an earlier row exactly; without an id column they are taken as different customers and kept.`);
  }
  if (idColumn) {
    const { repeated } = distinctIds ? grouped! : groupById(ids!, keep);
    const shown = exactText(id!).values;
    quality.rows.rowsSharingAnId = repeated.reduce((sum, r) => sum + r.length, 0);
    quality.duplicateIds = repeated.slice(0, duplicateIdsListed).map((r) => ({ id: shown[r[0]!] ?? '', rows: r.map((i) => i + 1) }));
    if (repeated.length) {
      quality.notes.push(
        `${repeated.length} ${idColumn} values appear on more than one differing row (${quality.rows.rowsSharingAnId} rows); all were kept` +
          `${repeated.length > duplicateIdsListed ? `, the first ${duplicateIdsListed} are listed` : ''}: check them in quality.json duplicateIds.`,
      );
    }
    const withoutId = new RowIdentity(table, idColumn);
    for (const i of keep) if (withoutId.seenBefore(i)) quality.rows.duplicatesIgnoringId++;
  }
  if (quality.rows.duplicateRowsRemoved) quality.notes.push(`${quality.rows.duplicateRowsRemoved} exact duplicate rows were collapsed into the first.`);
  return keep.length === table.rowCount ? table : takeRows(table, keep);
}

function allRows(n: number): number[] {
  const rows: number[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/**
 * The ids on more than one of `rows` (ascending), each with its rows, in the order the ids first
 * appear; and how many of the rows have no id. A list is made only for an id seen twice.
 */
function groupById(ids: (string | null)[], rows: number[]): { repeated: number[][]; missing: number } {
  const first = new Map<string, number>();
  const groups = new Map<number, number[]>();
  let missing = 0;
  for (const i of rows) {
    const key = ids[i];
    if (key === null) {
      missing++;
      continue;
    }
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else {
      const group = groups.get(at);
      if (group) group.push(i);
      else groups.set(at, [at, i]);
    }
  }
  return { repeated: [...groups.keys()].sort((a, b) => a - b).map((at) => groups.get(at)!), missing };
}
