import { IngestError, type IngestErrorCode } from '../ingest/IngestError';
import type { Column, Table } from '../ingest/Table';

export interface MissingColumn {
  code: IngestErrorCode;
  /** The start of the message, before the quoted name: `The long table has no column`. */
  lacks: string;
  /** How the message lists what there is: `Columns`, or `Fields` for events. */
  listed: string;
  hint: string;
}

/** The named column of a table, or an IngestError naming the file, the column and what there is instead. */
export function requireColumn(table: Table, name: string, missing: MissingColumn): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) {
    throw new IngestError({
      code: missing.code,
      file: table.name,
      column: name,
      message: `${missing.lacks} "${name}". ${missing.listed}: ${table.columns.map((x) => x.name).join(', ')}.`,
      hint: missing.hint,
    });
  }
  return c;
}
