import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AssignmentColumns, CellValue } from './writeAssignmentsCsv';
import { looksLikeFormula } from './neutralizeFormula';
import { normalizeZipDates } from './normalizeZipDates';

/**
 * assignments.xlsx with the same columns as the CSV, written row by row with exceljs's streaming
 * writer. Every value is stored as it is (ids byte-for-byte): text that looks like a formula is
 * written as an inline string cell, which spreadsheets show as text and never evaluate, so it needs
 * no apostrophe. Without styles (the header row is frozen, not bold): exceljs's per-cell style
 * bookkeeping doubled the time of a 100,000-row sheet.
 */
export async function assignmentsXlsx(table: AssignmentColumns): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', () => resolve());
    out.on('error', reject);
  });
  // The same rows give the same bytes (a run resumed after a crash rewrites an identical file): the
  // workbook's dates and its zip entries' dates are fixed instead of the time of writing.
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

/** The date the zip entries carry too (normalizeZipDates). */
const fixedDate = new Date(Date.UTC(1980, 0, 1));

type XlsxValue = string | number | boolean | null | ExcelJS.CellRichTextValue;

function cellValue(value: CellValue): XlsxValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  // exceljs writes other text as t="str" (a formula's cached result); an inline string is plainly text.
  return looksLikeFormula(value) ? { richText: [{ text: value }] } : value;
}
