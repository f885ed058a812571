import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { neutralizeFormula } from '../../../shared/results/neutralizeFormula';
import { AssignmentColumns, assignmentsCsv } from '../../../shared/results/writeAssignmentsCsv';
import { assignmentsXlsx } from '../../../shared/results/writeAssignmentsXlsx';

/** OWASP's CSV-injection starters, and variants spreadsheets are known to evaluate. */
const hostile = ['=HYPERLINK("http://x","click")', '@SUM(1)', '+1+1', '-2+3', '=cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '=', '-', '+', '@'];
const harmless = ['plain', 'C100001', ' =not at start', 'a=b', '1e5', 'Снизилась', '😀=1', ''];

const table: AssignmentColumns = {
  header: ['=id', 'segment', 'segment_name', 'churn_probability', 'driver_1', 'consent'],
  rows: [
    ...hostile.map((v, i) => [v, i % 3, `@segment ${i}`, -0.5, `=f${i}: +0.12`, i % 2 === 0]),
    ...harmless.map((v, i) => [v, 1, 'Loyal', 0.25, 'orders: -0.3', null]),
    [-0.5, 0, '-', -1e-7, undefined, true],
  ],
};

const startsLikeFormula = /^[=+\-@\t\r]/;

test('neutralizeFormula prefixes exactly the dangerous starts', () => {
  for (const v of hostile) expect(neutralizeFormula(v)).toBe(`'${v}`);
  for (const v of harmless) expect(neutralizeFormula(v)).toBe(v);
});

test('assignments.csv re-read with csv-parse: no text cell starts like a formula; numbers stay numbers', () => {
  const rows = parse(assignmentsCsv(table), { bom: true }) as string[][];
  expect(rows).toHaveLength(table.rows.length + 1);
  expect(rows[0]![0]).toBe("'=id");
  hostile.forEach((v, i) => expect(rows[i + 1]![0]).toBe(`'${v}`));
  harmless.forEach((v, i) => expect(rows[hostile.length + i + 1]![0]).toBe(v));
  const last = rows[rows.length - 1]!;
  // Numeric cells are written as numbers, never prefixed, even when negative.
  expect(last.slice(0, 3)).toEqual(['-0.5', '0', "'-"]);
  expect(last[3]).toMatch(/^-?\d/);
  for (const [r, row] of rows.entries()) {
    row.forEach((cell, c) => {
      const numeric = r > 0 && (c === 1 || c === 3 || (r === rows.length - 1 && c === 0));
      if (!numeric) expect({ r, c, cell, formula: startsLikeFormula.test(cell) }).toEqual({ r, c, cell, formula: false });
    });
  }
});

test('assignments.xlsx re-read with exceljs: no formula cells, text prefixed, numbers are number cells', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await assignmentsXlsx(table)) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  let cells = 0;
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      cells++;
      expect({ at: cell.address, type: cell.type }).not.toEqual({ at: cell.address, type: ExcelJS.ValueType.Formula });
      if (typeof cell.value === 'string') expect({ at: cell.address, formula: startsLikeFormula.test(cell.value) }).toEqual({ at: cell.address, formula: false });
    }),
  );
  expect(cells).toBeGreaterThan(table.rows.length * 4);
  expect(sheet.getCell('A1').value).toBe("'=id");
  expect(sheet.getCell('A2').value).toBe(`'${hostile[0]}`);
  expect(sheet.getCell('C2').value).toBe("'@segment 0");
  expect(sheet.getCell('D2').value).toBe(-0.5);
  expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
  const last = table.rows.length + 1;
  expect(sheet.getCell(`A${last}`).value).toBe(-0.5);
  expect(sheet.getCell(`A${last}`).type).toBe(ExcelJS.ValueType.Number);
  expect(sheet.getCell(`F2`).value).toBe(true);
});
