import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula } from './neutralizeFormula';
import { formatNumber } from './formatNumber';

export type CellValue = string | number | boolean | null | undefined;

export interface AssignmentColumns {
  header: string[];
  /** Row-major cells, in input order. */
  rows: CellValue[][];
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutralizeFormula(value);
}

/** assignments.csv: UTF-8 with BOM, comma, \n, RFC 4180 quoting (docs/CONTRACTS.md). */
export function assignmentsCsv(table: AssignmentColumns): Buffer {
  const text = stringify([table.header.map((h) => neutralizeFormula(h)), ...table.rows.map((r) => r.map(cellText))], {
    record_delimiter: '\n',
    // `;` and tab are quoted too: a spreadsheet set to split on them would otherwise cut a cell in two
    // and read its second half, which may start like a formula, on its own.
    quoted_match: /["\n\r,;\t]/,
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
