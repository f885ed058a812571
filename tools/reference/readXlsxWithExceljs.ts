import * as ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { CellValue } from '../../shared/ingest/ColumnBuilder';
import type { ReadXlsxOptions } from '../../shared/ingest/readXlsx';
import type { Table } from '../../shared/ingest/Table';
import type { TableAssembler } from '../../shared/ingest/TableAssembler';
import { headerScanRows, sheetTable, startSheet, workbookFailure } from '../../shared/ingest/xlsxSheetTable';

/**
 * A workbook read the way the app read it before its own reader: exceljs's streaming WorkbookReader
 * (shared strings and styles cached, so dates and shared strings come out right), every sheet once,
 * the named sheet or the one with the most data rows becoming the Table. The reference the app's
 * reader (shared/ingest/readXlsx.ts) is held to, Table for Table, and the figure the parse bench
 * compares it with.
 */
export async function readXlsxWithExceljs(file: string, stream: Readable, opts: ReadXlsxOptions): Promise<Table> {
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
    throw workbookFailure(file, err);
  } finally {
    clearInterval(watchdog);
  }
  return sheetTable(file, opts, sheetNames, best);
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
