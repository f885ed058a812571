import { assignmentsXlsxParts } from './assignmentsXlsxParts';
import { ByteWriter, expectedBytes } from './ByteWriter';
import { looksLikeFormula } from './neutralizeFormula';
import { RepeatedCells } from './RepeatedCells';
import type { AssignmentColumns, CellValue } from './writeAssignmentsCsv';
import { zipArchive } from './zipArchive';

/**
 * assignments.xlsx with the same columns as the CSV. Every value is stored as it is (ids
 * byte-for-byte): text that looks like a formula is an inline string cell, which spreadsheets show
 * as text and never evaluate, so it needs no apostrophe; other text is a `str` cell. No styles (the
 * header row is frozen, not bold). The same rows give the same bytes (a run resumed after a crash
 * rewrites an identical file).
 *
 * The sheet is written here as text, byte for byte what exceljs 4's streaming writer wrote for the
 * same rows (test/unit/results/assignmentsReference.test.ts compares whole files): exceljs builds a
 * cell object and an XML node per value and took 2–3 times as long for 100,000 customers
 * (`npm run bench -- results` prints both figures).
 */
export async function assignmentsXlsx(table: AssignmentColumns): Promise<Buffer> {
  return zipArchive(assignmentsXlsxParts(sheetXml(table)));
}

const sheetStart =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetViews><sheetView workbookViewId="0">' +
  '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>';

const sheetEnd =
  '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
  '<pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="1"/></worksheet>';

/** xl/worksheets/sheet1.xml: column widths from the header, the header row, then one row per customer. */
function sheetXml(table: AssignmentColumns): Buffer {
  const letters = table.header.map((_, c) => columnLetters(c));
  const rowXml = (cells: readonly CellValue[], r: number): string => {
    const n = String(r);
    let xml = '';
    for (let c = 0; c < cells.length; c++) {
      const cell = cellXml(cells[c]);
      if (cell !== '') xml += `<c r="${letters[c] ?? columnLetters(c)}${n}"${cell}`;
    }
    // A row with no value at all is left out, its number used up, as exceljs does.
    return xml === '' ? '' : `<row r="${n}" spans="1:${cells.length}" x14ac:dyDescent="0.25">${xml}</row>`;
  };
  const first = table.rows.length > 0 ? rowXml(table.rows[0]!, 2) : '';
  const out = new ByteWriter(expectedBytes(first, table.rows.length));
  out.write(sheetStart + columnsXml(table.header) + '<sheetData>' + rowXml(table.header, 1));
  const texts = new RepeatedCells(textCellXml);
  for (let i = 0; i < table.rows.length; i++) writeRow(out, table.rows[i]!, i + 2, letters, texts);
  out.write(sheetEnd);
  return out.toBuffer();
}

/** What rowXml gives, written into `out`: text cells each made once per distinct text, a long one copied in as bytes. */
function writeRow(out: ByteWriter, cells: readonly CellValue[], r: number, letters: string[], texts: RepeatedCells): void {
  const n = String(r);
  let xml = '';
  let written = false;
  for (let c = 0; c < cells.length; c++) {
    const value = cells[c];
    const cell = typeof value === 'string' ? texts.cell(c, value) : cellXml(value);
    if (cell === '') continue;
    if (!written) {
      xml = `<row r="${n}" spans="1:${cells.length}" x14ac:dyDescent="0.25">`;
      written = true;
    }
    xml += `<c r="${letters[c] ?? columnLetters(c)}${n}"`;
    if (typeof cell === 'string') xml += cell;
    else {
      out.write(xml);
      out.writeBytes(cell);
      xml = '';
    }
  }
  // A row with no value at all is left out, its number used up, as exceljs does.
  if (written) out.write(`${xml}</row>`);
}

/** One `<col>` per run of equal widths, as wide as the header needs (10 to 40 characters). */
function columnsXml(header: readonly string[]): string {
  if (header.length === 0) return '';
  const widths = header.map((h) => Math.min(40, Math.max(10, h.length + 2)));
  let xml = '<cols>';
  for (let start = 0; start < widths.length; ) {
    let end = start;
    while (end + 1 < widths.length && widths[end + 1] === widths[start]) end++;
    xml += `<col min="${start + 1}" max="${end + 1}" width="${widths[start]}" customWidth="1"/>`;
    start = end + 1;
  }
  return `${xml}</cols>`;
}

/** A cell after its `<c r="…"`: empty for a cell without a value (null, NaN, ±Infinity). */
function cellXml(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `><v>${value}</v></c>` : '';
  if (typeof value === 'boolean') return value ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>';
  return textCellXml(value);
}

function textCellXml(value: string): string {
  if (looksLikeFormula(value)) {
    const space = /^\s|\n|\s$/.test(value) ? ' xml:space="preserve"' : '';
    return ` t="inlineStr"><is><r><t${space}>${xmlText(value)}</t></r></is></c>`;
  }
  return ` t="str"><v>${xmlText(value)}</v></c>`;
}

/** A, B, …, Z, AA, AB, …: the column's name in a cell reference. */
function columnLetters(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const xmlSpecial = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;

/** Text escaped for XML; control characters XML 1.0 cannot hold (all but tab, line feed, carriage return) are dropped. */
function xmlText(text: string): string {
  if (!xmlSpecial.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) out += '&quot;';
    else if (ch === 38) out += '&amp;';
    else if (ch === 39) out += '&apos;';
    else if (ch === 60) out += '&lt;';
    else if (ch === 62) out += '&gt;';
    else if (ch === 127 || (ch <= 31 && ch !== 9 && ch !== 10 && ch !== 13)) continue;
    else out += text[i];
  }
  return out;
}
