import * as ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { CellValue } from './ColumnBuilder';
import { IngestError } from './IngestError';
import { TableAssembler } from './TableAssembler';
import type { Table } from './Table';
import { isMissingText, parseDateText, parseNumberText } from './parseCellText';

export interface ReadXlsxOptions {
  maxColumns: number;
  maxCellChars?: number;
  /** Read this sheet; otherwise the sheet with the most data rows. */
  sheet?: string;
  /** Once the whole file has been taken in, how long the reader may go without producing a row (default 30 s). */
  stallMs?: number;
}

/** Rows looked at before deciding which one is the header. */
const headerScanRows = 25;

/**
 * Streams an XLSX workbook with exceljs's WorkbookReader (shared strings and styles cached, so dates
 * and shared strings come out right). Every sheet is read once; the named sheet, or the one with the
 * most data rows, becomes the Table. Only typed columns of the best sheet so far are kept.
 */
export async function readXlsx(file: string, stream: Readable, opts: ReadXlsxOptions): Promise<Table> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let best: { sheet: string; headerRow: number; assembler: TableAssembler } | undefined;
  const sheetNames: string[] = [];
  // The zip parser does not hear about errors of the stream piped into it (size limit, network): race them.
  let sourceFailed: (err: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (sourceFailed = reject));
  stream.on('error', (err) => sourceFailed(err));
  // On some damaged archives the zip parser waits forever for bytes that never come; no error, no end.
  let progress = 0;
  let ended = false;
  stream.once('end', () => (ended = true));
  const stallMs = opts.stallMs ?? 30_000;
  let seen = -1;
  let quietSince = Date.now();
  const watchdog = setInterval(() => {
    if (progress !== seen || !ended) {
      seen = progress;
      quietSince = Date.now();
    } else if (Date.now() - quietSince > stallMs) {
      sourceFailed(new Error('the workbook reader stopped before reaching the end of the workbook'));
    }
  }, Math.max(10, Math.min(1000, stallMs / 5)));
  const readSheets = async (): Promise<void> => {
    for await (const worksheet of reader) {
      progress++;
      const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
      const name = ws.name;
      sheetNames.push(name);
      const wanted = opts.sheet === undefined || opts.sheet === name;
      const pending: { number: number; values: CellValue[] }[] = [];
      let assembler: TableAssembler | undefined;
      let headerRow = 0;
      for await (const row of ws) {
        progress++;
        if (!wanted) continue;
        const values = rowValues(row);
        if (assembler) {
          assembler.addRow(values, row.number);
          continue;
        }
        pending.push({ number: row.number, values });
        if (pending.length >= headerScanRows) {
          ({ assembler, headerRow } = startSheet(file, pending, opts));
        }
      }
      if (!wanted) continue;
      if (!assembler && pending.length > 0) ({ assembler, headerRow } = startSheet(file, pending, opts));
      if (assembler && (!best || assembler.rowCount > best.assembler.rowCount)) best = { sheet: name, headerRow, assembler };
    }
  };
  try {
    await Promise.race([readSheets(), failure]);
  } catch (err) {
    stream.destroy();
    if (err instanceof IngestError) throw err;
    throw new IngestError({
      code: 'XLSX_CORRUPT',
      file,
      message: `The workbook cannot be read: it looks damaged or incomplete (${shortReason(err)}).`,
      hint: 'Open it in Excel and save it again as .xlsx (or export the sheet as CSV), then upload it again.',
    });
  } finally {
    clearInterval(watchdog);
  }
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

function startSheet(
  file: string,
  pending: { number: number; values: CellValue[] }[],
  opts: ReadXlsxOptions,
): { assembler: TableAssembler; headerRow: number } {
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

/** exceljs row values are 1-based and may hold formulas, rich text, hyperlinks or errors. */
function rowValues(row: ExcelJS.Row): CellValue[] {
  const raw = row.values as unknown[];
  const out: CellValue[] = new Array(Math.max(0, raw.length - 1));
  for (let i = 1; i < raw.length; i++) out[i - 1] = plainValue(raw[i]);
  return out;
}

function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v as CellValue;
  const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown; sharedFormula?: unknown; formula?: unknown };
  if (o.error !== undefined) return null;
  if (o.richText) return o.richText.map((r) => r.text).join('');
  if ('result' in o || o.formula !== undefined || o.sharedFormula !== undefined) return plainValue(o.result);
  if (o.text !== undefined) return plainValue(o.text);
  return null;
}

function shortReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.length > 120 ? `${msg.slice(0, 117)}...` : msg;
}
