import { ByteWriter, expectedBytes } from './ByteWriter';
import { neutralizeFormula } from './neutralizeFormula';
import { formatNumber } from './formatNumber';
import { RepeatedCells } from './RepeatedCells';

export type CellValue = string | number | boolean | null | undefined;

export interface AssignmentColumns {
  header: string[];
  /** Row-major cells, in input order. */
  rows: CellValue[][];
}

/**
 * RFC 4180 quoting, and `;` and tab quoted too: a spreadsheet set to split on them would otherwise cut
 * a cell in two and read its second half, which may start like a formula, on its own.
 */
const needsQuotes = /["\n\r,;\t]/;

/** A cell as the file holds it: numbers as formatNumber writes them, text neutralized and quoted where needed. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return textCell(value);
}

function textCell(value: string): string {
  const text = neutralizeFormula(value);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRecord(cells: readonly CellValue[]): string {
  let line = cells.length > 0 ? cellText(cells[0]) : '';
  for (let c = 1; c < cells.length; c++) line += `,${cellText(cells[c])}`;
  return `${line}\n`;
}

/**
 * assignments.csv: UTF-8 with BOM, comma, \n after every record, RFC 4180 quoting (docs/CONTRACTS.md).
 * Written here rather than with csv-stringify, which gives the same bytes (assignmentsReference test)
 * in 2–3 times the time (`npm run bench -- results` prints both figures).
 */
export function assignmentsCsv(table: AssignmentColumns): Buffer {
  const first = table.rows.length > 0 ? csvRecord(table.rows[0]!) : '';
  const out = new ByteWriter(expectedBytes(first, table.rows.length));
  out.write(`\uFEFF${csvRecord(table.header)}`);
  const texts = new RepeatedCells(textCell);
  for (let i = 0; i < table.rows.length; i++) writeRecord(out, table.rows[i]!, texts);
  return out.toBuffer();
}

/** One record into `out`: text cells each made once per distinct text, a long one copied in as bytes. */
function writeRecord(out: ByteWriter, cells: readonly CellValue[], texts: RepeatedCells): void {
  let line = '';
  for (let c = 0; c < cells.length; c++) {
    if (c > 0) line += ',';
    const value = cells[c];
    if (typeof value !== 'string') {
      line += cellText(value);
      continue;
    }
    const cell = texts.cell(c, value);
    if (typeof cell === 'string') line += cell;
    else {
      out.write(line);
      out.writeBytes(cell);
      line = '';
    }
  }
  out.write(`${line}\n`);
}
