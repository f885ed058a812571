import { stringify } from 'csv-stringify/sync';
import { formatNumber } from '../../shared/results/formatNumber';
import { neutralizeFormula } from '../../shared/results/neutralizeFormula';
import type { AssignmentColumns, CellValue } from '../../shared/results/writeAssignmentsCsv';

/**
 * assignments.csv as csv-stringify writes it: the reference the app's own CSV writer
 * (shared/results/writeAssignmentsCsv.ts) is held to, byte for byte, and the figure the results
 * bench compares it with. UTF-8 with BOM, comma, \n, RFC 4180 quoting plus `;` and tab.
 */
export function assignmentsCsvWithCsvStringify(table: AssignmentColumns): Buffer {
  const text = stringify([table.header.map((h) => neutralizeFormula(h)), ...table.rows.map((r) => r.map(cellText))], {
    record_delimiter: '\n',
    quoted_match: /["\n\r,;\t]/,
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutralizeFormula(value);
}
