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
  const keep: number[] = [];
  if (idColumn) {
    const rows = new RowIdentity(table);
    for (let i = 0; i < table.rowCount; i++) {
      if (rows.seenBefore(i)) quality.rows.duplicateRowsRemoved++;
      else keep.push(i);
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
    const ids = keyValues(table.columns.find((c) => c.name === idColumn)!);
    const shown = exactText(table.columns.find((c) => c.name === idColumn)!).values;
    const rowsOf = new Map<string, number[]>();
    for (const i of keep) {
      const id = ids[i];
      if (id === null) continue;
      const list = rowsOf.get(id);
      if (list) list.push(i);
      else rowsOf.set(id, [i]);
    }
    const repeated = [...rowsOf.values()].filter((r) => r.length > 1);
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
