import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AssignmentColumns, CellValue } from './writeAssignmentsCsv';
import { neutralizeFormula } from './neutralizeFormula';

/**
 * assignments.xlsx with the same columns as the CSV, written row by row with exceljs's streaming
 * writer. Text that a spreadsheet would run as a formula is neutralized like in the CSV. Without
 * styles (the header row is frozen, not bold): exceljs's per-cell style bookkeeping doubled the time
 * of a 100,000-row sheet.
 */
export async function assignmentsXlsx(table: AssignmentColumns): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', () => resolve());
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('assignments', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.header.map((h) => ({ header: neutralizeFormula(h), key: h, width: Math.min(40, Math.max(10, h.length + 2)) }));
  sheet.getRow(1).commit();
  for (const row of table.rows) sheet.addRow(row.map(cellValue)).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

function cellValue(value: CellValue): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  return neutralizeFormula(value);
}
