import ExcelJS from 'exceljs';
import { assignmentsCsv, type AssignmentColumns, type CellValue } from '../../../shared/results/writeAssignmentsCsv';
import { assignmentsXlsx } from '../../../shared/results/writeAssignmentsXlsx';
import { looksLikeFormula } from '../../../shared/results/neutralizeFormula';
import { assignmentsCsvWithCsvStringify } from '../../../tools/reference/assignmentsCsvWithCsvStringify';
import { assignmentsXlsxWithExceljs } from '../../../tools/reference/assignmentsXlsxWithExceljs';

/**
 * The app writes assignments.csv and assignments.xlsx itself (csv-stringify and exceljs were too slow
 * for a 100,000-customer run); those packages stay as the reference: the same rows must give the
 * same bytes as theirs, and exceljs must read every cell back as it was given.
 */
const awkward: AssignmentColumns = {
  header: ['=id', 'segment', 'segment_name', 'churn_probability', 'priority', 'driver_1', 'consent', 'note'],
  rows: [
    ['0001', 0, 'Loyal', 0.148192069686993, 55442, 'f01: +1.31', true, 'plain'],
    ['=HYPERLINK("x")', 1, '@risk', 1e-7, -0, 'f04: -1.10', false, '+1'],
    ['-17', 2, ' leading space', 1e21, 2 ** 53, null, null, 'trailing space '],
    ['Smith, "JJ"', 3, 'line\nbreak', NaN, Infinity, undefined, true, 'semi;colon\ttab'],
    ['<&>\'"', 4, 'ctrl\u0001\u0007\u007f\u001fchars', -Infinity, 0.1 + 0.2, 'a\r\nb', false, ''],
    ['Ünïcode ✓ 𝄞', 5, 'Ребята · niños', -42.125, 1234567.891234567, '\tfirst tab', true, '  =SUM(A1)'],
    [null, null, null, null, null, null, null, null],
    ['', 6, '', 0.5, 7, '', false, '\rcarriage'],
  ],
};

/** 30 columns (past Z), many rows of mixed values: what a one-vs-rest run's sheet looks like, larger. */
function generated(rows: number): AssignmentColumns {
  let seed = 11;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const header = Array.from({ length: 30 }, (_, c) => (c === 0 ? 'KundenNr' : `probability_class_${c}`));
  const words = ['Gold plan', 'Basic', '=1+1', 'a,b', 'x"y', 'São Paulo', '', '-0.5', '+3e2', '@handle'];
  return {
    header,
    rows: Array.from({ length: rows }, (_, i) =>
      header.map((_, c): CellValue => {
        const r = random();
        if (c === 0) return `C${i}`;
        if (r < 0.05) return null;
        if (r < 0.3) return words[Math.floor(random() * words.length)]!;
        if (r < 0.35) return random() < 0.5;
        if (r < 0.6) return Math.round(random() * 1e6) - 5e5;
        return (random() - 0.5) * 10 ** Math.floor(random() * 12 - 6);
      }),
    ),
  };
}

const tables: [string, AssignmentColumns][] = [
  ['awkward values', awkward],
  ['no customers', { header: ['customer_id', 'segment'], rows: [] }],
  ['2,000 generated customers, 30 columns', generated(2000)],
];

test.each(tables)('assignments.csv (%s) is byte for byte what csv-stringify writes', (_, table) => {
  expect(assignmentsCsv(table).equals(assignmentsCsvWithCsvStringify(table))).toBe(true);
});

test.each(tables)('assignments.xlsx (%s) is byte for byte what exceljs writes, and exceljs reads every cell back', async (_, table) => {
  const ours = await assignmentsXlsx(table);
  const reference = await assignmentsXlsxWithExceljs(table);
  expect(ours.length).toBe(reference.length);
  expect(ours.equals(reference)).toBe(true);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(ours as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('assignments')!;
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  [table.header, ...table.rows].forEach((cells, r) => {
    const read = cells.map((_, c) => sheet.getCell(r + 1, c + 1).value);
    expect({ row: r + 1, cells: read }).toEqual({ row: r + 1, cells: cells.map(expectedCell) });
  });
});

/**
 * What exceljs gives back for a value: numbers, booleans and text as written, formula-like text as an
 * inline string; an empty text cell reads as empty, as a cell without a value does.
 */
function expectedCell(value: CellValue): unknown {
  if (value === null || value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return null;
  if (typeof value !== 'string') return value === 0 ? 0 : value;
  // XML 1.0 cannot hold most control characters (exceljs drops them), and an XML reader reads every line end as \n.
  const text = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\r\n?/g, '\n');
  return looksLikeFormula(value) ? { richText: [{ text }] } : text;
}
