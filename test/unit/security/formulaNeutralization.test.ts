import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { neutralizeFormula } from '../../../shared/results/neutralizeFormula';
import { AssignmentColumns, assignmentsCsv } from '../../../shared/results/writeAssignmentsCsv';
import { assignmentsXlsx } from '../../../shared/results/writeAssignmentsXlsx';

/** OWASP's CSV-injection starters, and variants spreadsheets are known to evaluate. */
const hostile = [
  '=HYPERLINK("http://x","click")', '@SUM(1)', '+1+1', '-2+3', '=cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '=', '-', '+', '@',
  // Spreadsheets trim leading blanks before deciding whether a cell is a formula.
  ' =1+1', '   @SUM(1)', '\u00a0=1+1', ' \t-2+3',
];
// Signed numbers written as text (ids kept byte-for-byte) are read as numbers by spreadsheets, never run.
const harmless = ['plain', 'C100001', 'a =b', 'a=b', '1e5', 'Снизилась', '😀=1', '', '   ', '-0.5', '-17', '+1', '-1e3', '-.5'];

const table: AssignmentColumns = {
  header: ['=id', 'segment', 'segment_name', 'churn_probability', 'driver_1', 'consent'],
  rows: [
    ...hostile.map((v, i) => [v, i % 3, `@segment ${i}`, -0.5, `=f${i}: +0.12`, i % 2 === 0]),
    ...harmless.map((v, i) => [v, 1, 'Loyal', 0.25, 'orders: -0.3', null]),
    [-0.5, 0, '-', -1e-7, undefined, true],
  ],
};

/** What a spreadsheet would run: a formula start (after blanks too), unless the whole cell is a signed number. */
const startsLikeFormula = { test: (cell: string) => /^\s*[=+\-@]|^[\t\r]/.test(cell) && Number.isNaN(Number(cell.trim() === '' ? 'x' : cell)) };

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

test('assignments.csv quotes cells holding ";" or a tab, so a spreadsheet splitting on them keeps the cell whole', () => {
  const csv = assignmentsCsv({ header: ['id', 'note'], rows: [['a;=1+1', 'x\t@SUM(1)'], ['plain', 'b;c']] }).toString('utf8');
  expect(csv.slice(1).split('\n')).toEqual(['id,note', '"a;=1+1","x\t@SUM(1)"', 'plain,"b;c"', '']);
});

/** The text of a cell whether exceljs reads it as a plain or an inline (rich text) string. */
function cellText(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return undefined;
}

test('assignments.xlsx re-read with exceljs: every value byte-for-byte, no formula cells, formula-like text stored as inline strings', async () => {
  const bytes = await assignmentsXlsx(table);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  let cells = 0;
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      cells++;
      expect({ at: cell.address, type: cell.type }).not.toEqual({ at: cell.address, type: ExcelJS.ValueType.Formula });
    }),
  );
  expect(cells).toBeGreaterThan(table.rows.length * 4);
  // Values come back unchanged: no apostrophe is added to ids, names or drivers.
  expect(cellText(sheet.getCell('A1'))).toBe('=id');
  // XML reads a stored carriage return back as a line feed.
  const lineEnds = (v: string | undefined) => v?.replace(/\r/g, '\n');
  hostile.forEach((v, i) => expect(lineEnds(cellText(sheet.getCell(`A${i + 2}`)))).toBe(lineEnds(v)));
  harmless.forEach((v, i) => {
    const cell = sheet.getCell(`A${hostile.length + i + 2}`);
    expect(v === '' ? cell.value : cellText(cell)).toBe(v === '' ? null : v);
  });
  expect(cellText(sheet.getCell('C2'))).toBe('@segment 0');
  expect(cellText(sheet.getCell('E2'))).toBe('=f0: +0.12');
  expect(sheet.getCell('D2').value).toBe(-0.5);
  expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
  const last = table.rows.length + 1;
  expect(sheet.getCell(`A${last}`).value).toBe(-0.5);
  expect(sheet.getCell(`A${last}`).type).toBe(ExcelJS.ValueType.Number);
  expect(sheet.getCell(`F2`).value).toBe(true);

  // In the sheet's XML, formula-like text is an inline string (t="inlineStr"), never a formula (<f>)
  // nor a formula's cached result (t="str"), which a spreadsheet could recalculate.
  const xml = await sheetXml(bytes);
  expect(xml).not.toMatch(/<f[ >]/);
  expect(xml).toMatch(/<c r="A2" t="inlineStr"><is><r><t>=HYPERLINK/);
  expect(xml).toMatch(/<c r="A1" t="inlineStr">/);
});

async function sheetXml(xlsx: Buffer): Promise<string> {
  const yauzl = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(xlsx, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: import('yauzl').Entry) => {
        if (entry.fileName !== 'xl/worksheets/sheet1.xml') return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => reject(new Error('no sheet1.xml in the workbook')));
      zip.readEntry();
    });
  });
}
