import type { CellValue } from './ColumnBuilder';
import { IngestError } from './IngestError';
import { isMissingText, parseDateText, parseNumberText } from './parseCellText';
import type { Table } from './Table';
import { TableAssembler } from './TableAssembler';

/** What turns a workbook's sheets into one Table, whichever reader took the rows out of the XML. */
export interface SheetTableOptions {
  maxColumns: number;
  maxCellChars?: number;
  /** Read this sheet; otherwise the sheet with the most data rows. */
  sheet?: string;
}

/** A sheet being read: its rows go into the assembler once the header is found. */
export interface SheetRead {
  assembler: TableAssembler;
  headerRow: number;
}

/** Rows looked at before deciding which one is the header. */
export const headerScanRows = 25;

/** The held-back first rows of a sheet into a TableAssembler, from the row picked as its header. */
export function startSheet(file: string, pending: { number: number; values: CellValue[] }[], opts: SheetTableOptions): SheetRead {
  const h = pickHeaderRow(pending.map((p) => p.values));
  // Blank header cells over empty columns (a sheet starting at column B) are dropped when the table is built.
  const assembler = new TableAssembler(file, pending[h].values, { maxColumns: opts.maxColumns, maxCellChars: opts.maxCellChars, headerRow: pending[h].number });
  for (let i = h + 1; i < pending.length; i++) assembler.addRow(pending[i].values, pending[i].number);
  return { assembler, headerRow: pending[h].number };
}

/**
 * The header is the first row that is nearly as wide as the widest of the first rows and holds only
 * text that does not read as a number or date (titles above a table are narrower; data rows hold numbers).
 */
export function pickHeaderRow(rows: CellValue[][]): number {
  const filled = rows.map((r) => r.filter((v) => !isBlank(v)).length);
  const widest = Math.max(...filled);
  for (let i = 0; i < rows.length; i++) {
    if (filled[i] === 0 || filled[i] < Math.max(1, Math.ceil(widest * 0.6))) continue;
    const textOnly = rows[i].every((v) => isBlank(v) || (typeof v === 'string' && Number.isNaN(parseNumberText(v)) && Number.isNaN(parseDateText(v))));
    if (textOnly) return i;
  }
  return Math.max(0, filled.findIndex((n) => n > 0));
}

function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && isMissingText(v));
}

/** The Table of the sheet read best, or the error that says why there is none. */
export function sheetTable(file: string, opts: SheetTableOptions, sheetNames: string[], best: (SheetRead & { sheet: string }) | undefined): Table {
  if (opts.sheet !== undefined && !sheetNames.includes(opts.sheet)) {
    throw new IngestError({
      code: 'SHEET_NOT_FOUND',
      file,
      message: `The workbook has no sheet named "${opts.sheet}"; its sheets are: ${sheetNames.map((s) => `"${s}"`).join(', ') || 'none'}.`,
      hint: 'Correct "sheet" in manifest.json, or remove it to read the sheet with the most rows.',
    });
  }
  if (!best) {
    throw new IngestError({
      code: 'EMPTY_FILE',
      file,
      message: sheetNames.length ? 'Every sheet of the workbook is empty.' : 'The workbook has no sheets.',
      hint: 'Check that the data was saved in this workbook, then upload it again.',
    });
  }
  return best.assembler.finish({ format: 'xlsx', sheet: best.sheet, headerRow: best.headerRow });
}

/** A failure while reading the workbook, as the upload's error: its own IngestError, else XLSX_CORRUPT. */
export function workbookFailure(file: string, err: unknown): IngestError {
  if (err instanceof IngestError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  const reason = msg.length > 120 ? `${msg.slice(0, 117)}...` : msg;
  return new IngestError({
    code: 'XLSX_CORRUPT',
    file,
    message: `The workbook cannot be read: it looks damaged or incomplete (${reason}).`,
    hint: 'Open it in Excel and save it again as .xlsx (or export the sheet as CSV), then upload it again.',
  });
}
