import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import * as zlib from 'node:zlib';
import type { BaseInput, FuzzCase } from './FuzzCase';
import { seededRandom } from './seededRandom';
import { unzipParts, zipArchive, type ZipPart } from './zipArchive';

export type SpecialCase = Omit<FuzzCase, 'index'>;

/** A crafted input: built on demand, so a short run does not pay for the large ones. */
export interface SpecialInput {
  name: string;
  build(bases: BaseInput[]): Promise<SpecialCase> | SpecialCase;
}

const generated = (bases: BaseInput[], file: string): BaseInput => {
  const found = bases.find((b) => b.file === file);
  if (!found) throw new Error(`base input ${file} is missing`);
  return found;
};

async function xlsxParts(bases: BaseInput[]): Promise<ZipPart[]> {
  return unzipParts(generated(bases, 'customers.xlsx').bytes);
}

/** The generated workbook with some parts replaced or added. */
async function workbookWith(bases: BaseInput[], change: (parts: ZipPart[]) => ZipPart[]): Promise<Buffer> {
  return zipArchive(change(await xlsxParts(bases)));
}

const replacePart = (parts: ZipPart[], name: string, data: Buffer | string): ZipPart[] =>
  parts.map((p) => (p.name === name ? { name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data } : p));

const text = (bytes: Buffer): string => bytes.toString('utf8');

/** The generated workbook with the XML of one of its parts rewritten. */
async function workbookEditing(bases: BaseInput[], name: string, edit: (xml: string) => string): Promise<Buffer> {
  return workbookWith(bases, (parts) => replacePart(parts, name, edit(text(parts.find((p) => p.name === name)!.data))));
}

let spaceBomb: { data: Buffer; deflated: Buffer } | undefined;
/** 64 MiB of spaces deflate to about 64 KiB: a part that expands 1,000 times. */
function bombPart(): { data: Buffer; deflated: Buffer } {
  if (!spaceBomb) {
    const data = Buffer.alloc(64 * 1024 * 1024, 0x20);
    spaceBomb = { data, deflated: zlib.deflateRawSync(data, { level: 9 }) };
  }
  return spaceBomb;
}

function randomLetters(n: number, seed: number): string {
  const rng = seededRandom(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz ';
  let out = '';
  for (let i = 0; i < n; i++) out += letters[rng.int(letters.length)];
  return out;
}

async function wideWorkbook(columns: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('wide');
  ws.addRow(Array.from({ length: columns }, (_, j) => `c${j}`));
  for (let i = 0; i < 3; i++) ws.addRow(Array.from({ length: columns }, (_, j) => i * j));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvOf = (lines: string[]): Buffer => Buffer.from(lines.join('\n') + '\n', 'utf8');

/** A small customer table whose text column is given, so encodings and odd values can be tried. */
function customerLines(names: string[]): string[] {
  return ['id,name,spend,visits', ...names.map((n, i) => `${i + 1},${n},${(i * 17.5) % 300},${(i * 7) % 19}`)];
}
const cyrillicNames = Array.from({ length: 40 }, (_, i) => ['Анна', 'Борис', 'Вера', 'Глеб', 'Дарья'][i % 5] + ` Ёлкина ${i}`);
const accentedNames = Array.from({ length: 40 }, (_, i) => ['José', 'Zoë', 'François', 'Øystein', 'Małgorzata'][i % 5] + ` ${i}`);

/** Dates as people and tools write them, one format per column, plus impossible ones. */
function datesCsv(): Buffer {
  const header = 'id,spend,iso,iso_time,iso_zone,dotted,slash_dmy,slash_mdy,words,excel_serial,epoch_s,epoch_ms,compact,broken';
  const lines = [header];
  for (let i = 0; i < 40; i++) {
    const d = new Date(Date.UTC(2019 + (i % 5), i % 12, 1 + ((i * 3) % 28), i % 24, (i * 7) % 60));
    const iso = d.toISOString();
    const dd = String(d.getUTCDate()).padStart(2, '0');
    const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
    const yyyy = d.getUTCFullYear();
    const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    const serial = (d.getTime() / 86_400_000 + 25569).toFixed(4);
    const broken = ['2020-02-31', '0000-00-00', '9999-12-31T23:59:59Z', '2021-13-01', '31.02.2020', '1e400', '-0', ''][i % 8];
    lines.push(
      [i + 1, (i * 12.5).toFixed(2), iso.slice(0, 10), iso.slice(0, 19).replace('T', ' '), iso.slice(0, 19) + '+03:00', `${dd}.${mm}.${yyyy}`, `${dd}/${mm}/${yyyy}`,
        `${mm}/${dd}/${yyyy}`, `"${dd} ${month} ${yyyy}"`, serial, Math.floor(d.getTime() / 1000), d.getTime(), `${yyyy}${mm}${dd}`, broken].join(','),
    );
  }
  return csvOf(lines);
}

async function datesWorkbook(date1904: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet('dates');
  ws.addRow(['id', 'spend', 'as_date', 'as_serial', 'as_text', 'leap_bug', 'mixed']);
  for (let i = 0; i < 40; i++) {
    const d = new Date(Date.UTC(1900 + ((i * 13) % 200), i % 12, 1 + (i % 28)));
    ws.addRow([i + 1, i * 3.5, d, 40000 + i * 31, d.toISOString().slice(0, 10), i % 2 ? 60 : 59, i % 3 ? d : `${i}.01.2020`]);
  }
  ws.getColumn(4).numFmt = 'dd/mm/yyyy';
  ws.getColumn(6).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function formulasWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('formulas');
  ws.addRow(['id', 'spend', 'double', 'ratio', 'label', 'no_cache', 'shared']);
  for (let i = 0; i < 40; i++) {
    const r = i + 2;
    ws.addRow([i + 1, i * 2.5]);
    const row = ws.getRow(r);
    row.getCell(3).value = { formula: `B${r}*2`, result: i * 5 };
    row.getCell(4).value = { formula: `B${r}/(A${r}-1)`, result: i === 0 ? { error: '#DIV/0!' } : (i * 2.5) / i };
    row.getCell(5).value = { formula: `IF(B${r}>50,"high","low")`, result: i * 2.5 > 50 ? 'high' : 'low' };
    row.getCell(6).value = { formula: `SUM(A${r}:B${r})` } as ExcelJS.CellFormulaValue;
    row.getCell(7).value = i === 0 ? { formula: 'A2+1', result: 2, shareType: 'shared', ref: 'G2:G41' } as ExcelJS.CellValue : { sharedFormula: 'G2', result: i + 2 } as ExcelJS.CellValue;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function manySheets(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (let s = 0; s < n; s++) {
    const ws = wb.addWorksheet(`s${s}`);
    ws.addRow(['id', 'spend', 'visits']);
    for (let i = 0; i < (s === n - 1 ? 30 : 2); i++) ws.addRow([i + 1, i * 1.5 + s, i % 7]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function longSharedString(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(['id', 'spend', 'comment']);
  for (let i = 0; i < 20; i++) ws.addRow([i + 1, i * 2, i === 7 ? randomLetters(1_000_000, 7) : 'ok']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rows of inline strings repeated a million times: a worksheet that is itself a zip bomb. */
function worksheetBomb(): Buffer {
  const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      row.repeat(1_200_000) +
      '</sheetData></worksheet>',
  );
}

const laughs =
  '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n') +
  ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>';

/** The crafted inputs of the issue, each with the outcome a correct ingestion must give. */
export const specialInputs: SpecialInput[] = [
  {
    name: 'zip bomb: an XLSX with a part that expands 1,000 times (64 MiB of spaces)',
    build: async (b) => {
      const bomb = bombPart();
      const bytes = await workbookWith(b, (parts) => [...parts, { name: 'docProps/custom.xml', data: bomb.data, deflated: bomb.deflated }]);
      return { name: '', file: 'bomb.xlsx', bytes, expect: 'reported', expectCodes: ['XLSX_UNSAFE'] };
    },
  },
  {
    name: 'zip bomb whose ZIP directory understates the expanded size',
    build: async (b) => {
      const bomb = bombPart();
      const bytes = await workbookWith(b, (parts) => [...parts, { name: 'xl/media/image1.xml', data: bomb.data, deflated: bomb.deflated, declaredSize: bomb.deflated.length }]);
      return { name: '', file: 'lying-bomb.xlsx', bytes, expect: 'reported', expectCodes: ['XLSX_UNSAFE'] };
    },
  },
  {
    name: 'worksheet bomb: a sheet of 1.2 million identical rows compressed over 100 times',
    build: async (b) => ({ name: '', file: 'sheet-bomb.xlsx', bytes: await workbookWith(b, (p) => replacePart(p, 'xl/worksheets/sheet2.xml', worksheetBomb())), expect: 'reported', expectCodes: ['XLSX_UNSAFE'] }),
  },
  {
    name: 'XML entity expansion ("billion laughs") in the shared strings',
    build: async (b) => ({ name: '', file: 'laughs.xlsx', bytes: await workbookWith(b, (p) => replacePart(p, 'xl/sharedStrings.xml', laughs)), expect: 'reported', expectCodes: ['XLSX_UNSAFE'] }),
  },
  {
    name: 'external entity (XXE) declared in workbook.xml',
    build: async (b) =>
      ({
        name: '',
        file: 'xxe.xlsx',
        bytes: await workbookEditing(b, 'xl/workbook.xml', (wb) => wb.replace(/^(<\?xml[^>]*\?>)/, '$1<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')),
        expect: 'reported',
        expectCodes: ['XLSX_UNSAFE'],
      }),
  },
  {
    name: 'DOCTYPE hidden after comments in a worksheet',
    build: async (b) =>
      ({
        name: '',
        file: 'hidden-doctype.xlsx',
        bytes: await workbookEditing(b, 'xl/worksheets/sheet2.xml', (ws) => ws.replace(/^(<\?xml[^>]*\?>)/, `$1${'<!-- padding -->'.repeat(5000)}<!DOCTYPE x [<!ENTITY a "b">]>`)),
        expect: 'reported',
        expectCodes: ['XLSX_UNSAFE'],
      }),
  },
  {
    name: 'a ZIP of a CSV file, named .xlsx',
    build: (b) => ({ name: '', file: 'zipped-csv.xlsx', bytes: zipArchive([{ name: 'customers.csv', data: generated(b, 'customers.csv').bytes }]), expect: 'reported', expectCodes: ['WRONG_FORMAT'] }),
  },
  {
    name: 'a Word document named .xlsx',
    build: () => ({
      name: '',
      file: 'report.xlsx',
      bytes: zipArchive([
        { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
        { name: 'word/document.xml', data: Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>') },
      ]),
      expect: 'reported',
      expectCodes: ['WRONG_FORMAT'],
    }),
  },
  {
    name: 'an XLSX whose parts are flagged as encrypted',
    build: async (b) => ({ name: '', file: 'flagged.xlsx', bytes: await workbookWith(b, (p) => p.map((x) => ({ ...x, encryptedFlag: true }))), expect: 'reported', expectCodes: ['XLSX_ENCRYPTED'] }),
  },
  {
    name: 'an XLSX cell addressed beyond column XFD',
    build: async (b) =>
      ({
        name: '',
        file: 'beyond-xfd.xlsx',
        bytes: await workbookEditing(b, 'xl/worksheets/sheet2.xml', (ws) => ws.replace(/r="B5"/, 'r="XFE5"')),
        expect: 'reported',
      }),
  },
  {
    name: 'an XLSX row numbered beyond Excel\'s last row',
    build: async (b) =>
      ({
        name: '',
        file: 'beyond-last-row.xlsx',
        bytes: await workbookEditing(b, 'xl/worksheets/sheet2.xml', (ws) => ws.replace(/<row r="40"/, '<row r="99999999"').replace(/r="([A-Z]+)40"/g, 'r="$199999999"')),
        expect: 'either',
      }),
  },
  {
    name: 'CSV with 10,000 columns',
    build: () => ({
      name: '',
      file: 'wide.csv',
      bytes: csvOf([Array.from({ length: 10_000 }, (_, j) => `c${j}`).join(','), ...Array.from({ length: 5 }, (_, i) => Array.from({ length: 10_000 }, (_, j) => (i * j) % 97).join(','))]),
      expect: 'reported',
      expectCodes: ['TOO_MANY_COLUMNS'],
    }),
  },
  {
    name: 'XLSX with 10,000 columns',
    build: async () => ({ name: '', file: 'wide.xlsx', bytes: await wideWorkbook(10_000), expect: 'reported', expectCodes: ['TOO_MANY_COLUMNS'] }),
  },
  {
    name: 'JSONL with 10,000 distinct fields',
    build: () => ({
      name: '',
      file: 'wide.jsonl',
      bytes: Buffer.from(Array.from({ length: 20 }, (_, i) => JSON.stringify(Object.fromEntries([['customer_id', i], ['ts', 1_700_000_000 + i], ...Array.from({ length: 500 }, (_, j) => [`f${i * 500 + j}`, j])]))).join('\n')),
      expect: 'reported',
      expectCodes: ['TOO_MANY_COLUMNS'],
    }),
  },
  {
    name: 'CSV with a million-character cell',
    build: () => ({ name: '', file: 'long-cell.csv', bytes: csvOf(customerLines(Array.from({ length: 20 }, (_, i) => (i === 11 ? randomLetters(1_000_000, 11) : `n${i}`)))), expect: 'reported', expectCodes: ['CELL_TOO_LONG'] }),
  },
  {
    name: 'XLSX with a million-character shared string',
    build: async () => ({ name: '', file: 'long-cell.xlsx', bytes: await longSharedString(), expect: 'reported', expectCodes: ['CELL_TOO_LONG'] }),
  },
  {
    name: 'JSONL with a million-character value',
    build: () => ({
      name: '',
      file: 'long-value.jsonl',
      bytes: Buffer.from(Array.from({ length: 10 }, (_, i) => JSON.stringify({ customer_id: i, ts: 1_700_000_000 + i, event: i === 4 ? randomLetters(1_000_000, 4) : 'view' })).join('\n')),
      expect: 'reported',
      expectCodes: ['CELL_TOO_LONG'],
    }),
  },
  {
    name: 'CSV header with a 40,000-character column name',
    build: () => ({ name: '', file: 'long-header.csv', bytes: csvOf([`id,spend,${'x'.repeat(40_000)}`, '1,2,3', '2,3,4']), expect: 'reported', expectCodes: ['CELL_TOO_LONG'] }),
  },
  {
    name: 'CSV whose quote opens and never closes, over 9 MB',
    build: () => ({ name: '', file: 'open-quote.csv', bytes: Buffer.concat([Buffer.from('id,spend,note\n1,2,"starts here\n'), Buffer.from('3,4,more text\n'.repeat(700_000))]), expect: 'reported', expectCodes: ['CELL_TOO_LONG'] }),
  },
  {
    name: 'JSONL with a 9-million-character line and no line break',
    build: () => ({ name: '', file: 'one-line.jsonl', bytes: Buffer.from(`{"customer_id": 1, "ts": 1700000000, "blob": "${'a'.repeat(9_000_000)}"}`), expect: 'reported', expectCodes: ['JSONL_MALFORMED'] }),
  },
  {
    name: 'JSONL line nested 100,000 levels deep',
    build: () => ({ name: '', file: 'deep.jsonl', bytes: Buffer.from(`{"customer_id": 1, "ts": 1, "x": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}\n`), expect: 'reported', expectCodes: ['JSONL_MALFORMED'] }),
  },
  {
    name: 'CSV cells that look like formulas (=, +, -, @)',
    build: () => ({
      name: '',
      file: 'formulas.csv',
      bytes: csvOf(customerLines(Array.from({ length: 30 }, (_, i) => ['=1+2', '+cmd|\' /C calc\'!A0', '@SUM(A1:A9)', '-2+3', '"=HYPERLINK(""http://x"",""y"")"', '=A1'][i % 6]))),
      expect: 'completed',
    }),
  },
  {
    name: 'XLSX with formulas: cached results, errors, no cached value, shared formulas',
    build: async () => ({ name: '', file: 'formulas.xlsx', bytes: await formulasWorkbook(), expect: 'completed' }),
  },
  { name: 'CSV with dates in every format (and impossible ones)', build: () => ({ name: '', file: 'dates.csv', bytes: datesCsv(), expect: 'completed' }) },
  { name: 'XLSX with dates as dates, serials, text and the 1900 leap-year bug', build: async () => ({ name: '', file: 'dates.xlsx', bytes: await datesWorkbook(false), expect: 'completed' }) },
  { name: 'XLSX in the 1904 date system', build: async () => ({ name: '', file: 'dates-1904.xlsx', bytes: await datesWorkbook(true), expect: 'completed' }) },
  { name: 'CSV in Windows-1251', build: () => ({ name: '', file: 'cp1251.csv', bytes: iconv.encode(customerLines(cyrillicNames).join('\r\n'), 'windows-1251'), expect: 'completed' }) },
  { name: 'CSV in UTF-16LE with BOM', build: () => ({ name: '', file: 'utf16le.csv', bytes: iconv.encode(customerLines(accentedNames).join('\n'), 'utf-16le', { addBOM: true }), expect: 'completed' }) },
  { name: 'CSV in UTF-16BE without BOM', build: () => ({ name: '', file: 'utf16be.csv', bytes: iconv.encode(customerLines(cyrillicNames).join('\n'), 'utf-16be'), expect: 'completed' }) },
  {
    name: 'CSV mixing UTF-8 and Windows-1251 lines',
    build: () => {
      const lines = customerLines(cyrillicNames);
      return { name: '', file: 'mixed.csv', bytes: Buffer.concat(lines.map((l, i) => Buffer.concat([i % 2 ? iconv.encode(l, 'windows-1251') : Buffer.from(l, 'utf8'), Buffer.from('\n')]))), expect: 'completed' };
    },
  },
  {
    name: 'CSV with a UTF-8 BOM but Windows-1252 bytes',
    build: () => ({ name: '', file: 'bom-liar.csv', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(customerLines(accentedNames).join('\n'), 'windows-1252')]), expect: 'completed' }),
  },
  { name: 'JSONL in UTF-16LE with BOM', build: (b) => ({ name: '', file: 'utf16.jsonl', bytes: iconv.encode(text(generated(b, 'events.jsonl').bytes), 'utf-16le', { addBOM: true }), expect: 'completed' }) },
  {
    name: 'CSV with ragged rows',
    build: () => ({ name: '', file: 'ragged.csv', bytes: csvOf(['id,spend,visits', '1,2,3', '2,3', '3,4,5,6', '4,5,6']), expect: 'reported', expectCodes: ['CSV_RAGGED_ROW'] }),
  },
  { name: 'an empty file', build: () => ({ name: '', file: 'empty.csv', bytes: Buffer.alloc(0), expect: 'reported', expectCodes: ['EMPTY_FILE'] }) },
  { name: 'a file holding only a BOM', build: () => ({ name: '', file: 'bom-only.csv', bytes: Buffer.from([0xef, 0xbb, 0xbf]), expect: 'reported' }) },
  { name: 'a header without rows', build: () => ({ name: '', file: 'header-only.csv', bytes: csvOf(['id,spend,visits']), expect: 'reported', expectCodes: ['HEADER_ONLY'] }) },
  { name: 'a CSV named .xlsx', build: (b) => ({ name: '', file: 'not-really.xlsx', bytes: generated(b, 'customers.csv').bytes, expect: 'reported', expectCodes: ['WRONG_FORMAT'] }) },
  { name: 'an XLSX named .csv', build: (b) => ({ name: '', file: 'not-really.csv', bytes: generated(b, 'customers.xlsx').bytes, expect: 'reported', expectCodes: ['WRONG_FORMAT'] }) },
  { name: 'an XLSX with 300 sheets', build: async () => ({ name: '', file: 'many-sheets.xlsx', bytes: await manySheets(300), expect: 'completed' }) },
];
