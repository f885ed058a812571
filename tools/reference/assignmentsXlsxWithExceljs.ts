import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { looksLikeFormula } from '../../shared/results/neutralizeFormula';
import type { AssignmentColumns, CellValue } from '../../shared/results/writeAssignmentsCsv';
import { normalizeZipDates } from './normalizeZipDates';

/**
 * assignments.xlsx as exceljs's streaming writer writes it: the reference the app's own sheet writer
 * (shared/results/writeAssignmentsXlsx.ts) is held to, byte for byte, and the figure the results
 * bench compares it with. Without styles or shared strings; text that looks like a formula is an
 * inline string cell; workbook and zip entry dates fixed to 1980-01-01.
 */
export async function assignmentsXlsxWithExceljs(table: AssignmentColumns): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', () => resolve());
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  workbook.created = fixedDate;
  workbook.modified = fixedDate;
  const sheet = workbook.addWorksheet('assignments', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.header.map((h) => ({ key: h, width: Math.min(40, Math.max(10, h.length + 2)) }));
  sheet.addRow(table.header.map(cellValue)).commit();
  for (const row of table.rows) sheet.addRow(row.map(cellValue)).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return normalizeZipDates(Buffer.concat(chunks));
}

const fixedDate = new Date(Date.UTC(1980, 0, 1));

type XlsxValue = string | number | boolean | null | ExcelJS.CellRichTextValue;

function cellValue(value: CellValue): XlsxValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  // exceljs writes other text as t="str" (a formula's cached result); an inline string is plainly text.
  return looksLikeFormula(value) ? { richText: [{ text: value }] } : value;
}
