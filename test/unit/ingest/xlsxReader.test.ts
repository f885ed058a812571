import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { bufferSource } from '../../../shared/ingest/fileSource';
import type { IngestError } from '../../../shared/ingest/IngestError';
import { readTable } from '../../../shared/ingest/readTable';
import { readXlsx } from '../../../shared/ingest/readXlsx';
import type { Table } from '../../../shared/ingest/Table';
import { isDateFormat } from '../../../shared/ingest/xlsxDateStyles';
import { XlsxSheetScanner } from '../../../shared/ingest/xlsxSheetScanner';
import { readXlsxWithExceljs } from '../../../tools/reference/readXlsxWithExceljs';
import { unzipParts, zipArchive, type ZipPart } from '../../../tools/fuzz/zipArchive';
import { describeWithData, sharedDataDir } from '../../helpers/sharedData';
import { hardCustomerRows, hardCustomersXlsx } from '../../fixtures/hardCustomers';
import { baseInputs } from '../../../tools/fuzz/baseInputs';
import type { CellValue } from '../../../shared/ingest/ColumnBuilder';
import { ingestRejection } from '../../helpers/ingestRejection';

const options = { maxColumns: 2000, maxCellChars: 32_767 };

/** A Table as plain data, so two readings compare with toEqual (NaN equals NaN there). */
function plain(t: Table): unknown {
  return {
    rowCount: t.rowCount,
    source: t.source,
    columns: t.columns.map((c) => ({ name: c.name, kind: c.kind, values: Array.from(c.values as ArrayLike<unknown>), texts: 'texts' in c && c.texts ? [...c.texts] : undefined })),
  };
}

async function bothReadings(bytes: Buffer, sheet?: string): Promise<[unknown, unknown]> {
  const ours = await readXlsx('w.xlsx', bytes, { ...options, sheet });
  const reference = await readXlsxWithExceljs('w.xlsx', Readable.from([bytes]), { ...options, sheet });
  return [plain(ours), plain(reference)];
}

async function written(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook from hand-written parts: a sheet XML as other writers (not exceljs) write it. */
function handWritten(sheetXml: string, more: { sharedStrings?: string; styles?: string; workbookPr?: string; sheetsFirst?: boolean } = {}): Buffer {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rels = [
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>',
    more.sharedStrings ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : '',
    more.styles ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' : '',
  ].join('');
  const parts: ZipPart[] = [
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'xl/workbook.xml', data: Buffer.from(`<?xml version="1.0"?><workbook ${ns}>${more.workbookPr ?? ''}<sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`) },
  ];
  const sheet = { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<?xml version="1.0"?><worksheet ${ns}><sheetData>${sheetXml}</sheetData></worksheet>`) };
  const rest: ZipPart[] = [];
  if (more.sharedStrings) rest.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(`<?xml version="1.0"?><sst ${ns}>${more.sharedStrings}</sst>`) });
  if (more.styles) rest.push({ name: 'xl/styles.xml', data: Buffer.from(`<?xml version="1.0"?><styleSheet ${ns}>${more.styles}</styleSheet>`) });
  return zipArchive(more.sheetsFirst ? [...parts, sheet, ...rest] : [...parts, ...rest, sheet]);
}

/** The rows a sheet's XML gives, fed to the scanner in pieces of `piece` bytes. */
function scannedRows(xml: string, piece: number): { row: number; values: CellValue[] }[] {
  const rows: { row: number; values: CellValue[] }[] = [];
  const scanner = new XlsxSheetScanner({ sharedStrings: ['zero', 'one'], dateStyles: Uint8Array.from([0, 1]), date1904: false }, (values, row) => rows.push({ row, values: values.slice() }));
  const bytes = Buffer.from(xml);
  for (let at = 0; at < bytes.length; at += piece) scanner.push(bytes.subarray(at, at + piece));
  scanner.end();
  return rows;
}

describe('the XLSX reader gives the Table exceljs gives', () => {
  test('a dictionary sheet, a header on row 3, numbers, text, numbers stored as text, dates, shared strings', async () => {
    const bytes = await written((wb) => {
      const dict = wb.addWorksheet('Описание');
      dict.addRow(['Словарь данных']);
      dict.addRow(['id', 'номер клиента']);
      const ws = wb.addWorksheet('Клиенты');
      ws.addRow([]);
      ws.addRow(['Report title']);
      ws.addRow(['id', 'Имя', 'spend', 'signed_up', 'code', 'flag']);
      for (let i = 0; i < 300; i++) {
        ws.addRow([i + 1, i % 7 === 0 ? null : `Имя «${i % 13}» & <b>`, i % 11 === 0 ? 'n/a' : i * 1.25 - 40, new Date(Date.UTC(2020, 0, 1 + i, i % 24, 30)), String(1000 + i).padStart(6, '0'), i % 3 === 0]);
      }
    });
    const [ours, reference] = await bothReadings(bytes);
    expect(ours).toEqual(reference);
    expect(ours).toMatchObject({ rowCount: 300, source: { sheet: 'Клиенты', headerRow: 3 } });
    const [dictOurs, dictReference] = await bothReadings(bytes, 'Описание');
    expect(dictOurs).toEqual(dictReference);
  });

  test('numbers at full precision: long decimals, exponents, negatives, large ids', async () => {
    const values = [0.1, -0.000123456789, 1e-12, 6.02214076e23, 123456789012345, 12345678901234567, 3.141592653589793, 2 ** 53 + 2, 1 / 3];
    const bytes = await written((wb) => {
      const ws = wb.addWorksheet('n');
      ws.addRow(['v', 'w']);
      values.forEach((v, i) => ws.addRow([v, i]));
    });
    const [ours, reference] = await bothReadings(bytes);
    expect(ours).toEqual(reference);
    const t = await readXlsx('n.xlsx', bytes, options);
    expect(Array.from(t.columns[0]!.values as Float64Array)).toEqual(values);
  });

  test('the streaming writer\'s workbooks: inline strings, and shared strings written after the sheet', async () => {
    for (const useSharedStrings of [false, true]) {
      const file = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'xlsx-')), 'w.xlsx');
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings, useStyles: true });
      const ws = wb.addWorksheet('customers');
      ws.addRow(['customer_id', 'spend', 'plan', 'since']).commit();
      for (let i = 0; i < 5000; i++) ws.addRow([`C${i}`, i / 7, ['basic', 'pro'][i % 2], new Date(Date.UTC(2021, 0, 1 + (i % 900)))]).commit();
      await wb.commit();
      const bytes = fs.readFileSync(file);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      const names = (await unzipParts(bytes)).map((p) => p.name);
      if (useSharedStrings) expect(names.indexOf('xl/sharedStrings.xml')).toBeGreaterThan(names.indexOf('xl/worksheets/sheet1.xml'));
      const [ours, reference] = await bothReadings(bytes);
      expect(ours).toEqual(reference);
      expect(ours).toMatchObject({ rowCount: 5000 });
    }
  });

  test('ids as text beside numbers, blanks, odd names: the hard customers fixture', async () => {
    const [ours, reference] = await bothReadings(await hardCustomersXlsx(hardCustomerRows(400)));
    expect(ours).toEqual(reference);
    expect(ours).toMatchObject({ rowCount: 400 });
  });

  test('the fuzzer\'s workbook, whose formula column differs only where exceljs drops a cached 0', async () => {
    const bytes = (await baseInputs(null)).find((b) => b.kind === 'xlsx')!.bytes;
    const ours = await readXlsx('w.xlsx', bytes, options);
    const reference = await readXlsxWithExceljs('w.xlsx', Readable.from([bytes]), options);
    const formulaColumn = (t: Table) => Array.from(t.columns.find((c) => c.name === 'yearly_spend')!.values as Float64Array);
    const without = (t: Table) => plain({ ...t, columns: t.columns.filter((c) => c.name !== 'yearly_spend') });
    expect(without(ours)).toEqual(without(reference));
    // exceljs keeps a formula's result only when it is truthy: a cached 0 came out missing.
    const zeros = formulaColumn(ours).flatMap((v, i) => (Object.is(v, formulaColumn(reference)[i]) ? [] : [[v, formulaColumn(reference)[i]]]));
    expect(zeros.length).toBeGreaterThan(0);
    expect(zeros.every(([v, r]) => v === 0 && Number.isNaN(r))).toBe(true);
  });

  describeWithData('every workbook in ../shared/data, every sheet', () => {
    const workbooks: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.toLowerCase().endsWith('.xlsx')) workbooks.push(path.join(dir, e.name));
      }
    };
    walk(sharedDataDir);

    test('there are workbooks to compare', () => {
      expect(workbooks.length).toBeGreaterThan(0);
    });

    test.each(workbooks.map((w) => [path.relative(sharedDataDir, w), w]))('%s', async (_name, file) => {
      const bytes = fs.readFileSync(file);
      const [ours, reference] = await bothReadings(bytes);
      expect(ours).toEqual(reference);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      for (const ws of wb.worksheets) {
        const [o, r] = await Promise.all([
          readXlsx('w.xlsx', bytes, { ...options, sheet: ws.name }).then(plain, (e: IngestError) => e.code),
          readXlsxWithExceljs('w.xlsx', Readable.from([bytes]), { ...options, sheet: ws.name }).then(plain, (e: IngestError) => e.code),
        ]);
        expect(o).toEqual(r);
      }
    });
  });
});

describe('what the sheet XML may hold', () => {
  test('dates by built-in and custom formats, times, and text formats that only look like dates', async () => {
    const styles = [
      '<numFmts count="4"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;d&quot;"/>',
      '<numFmt numFmtId="166" formatCode="[$-409]h:mm\\ AM/PM;@"/><numFmt numFmtId="167" formatCode="[Red]0.00"/></numFmts>',
      '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="22"/></cellXfs>',
    ].join('');
    const cells = [1, 2, 3, 4, 5, 6].map((s, i) => `<c r="${String.fromCharCode(65 + i)}2" s="${s}"><v>45306.5</v></c>`).join('');
    const bytes = handWritten(`<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c><c r="D1" t="inlineStr"><is><t>d</t></is></c><c r="E1" t="inlineStr"><is><t>e</t></is></c><c r="F1" t="inlineStr"><is><t>f</t></is></c></row><row r="2">${cells}</row>`, { styles });
    const t = await readXlsx('d.xlsx', bytes, options);
    const noon = Date.UTC(2024, 0, 15, 12);
    expect(t.columns.map((c) => [c.name, c.kind, (c.values as Float64Array)[0]])).toEqual([
      ['a', 'date', noon], ['b', 'date', noon], ['c', 'number', 45306.5], ['d', 'date', noon], ['e', 'number', 45306.5], ['f', 'date', noon],
    ]);
    expect(['yyyy-mm-dd', 'DD.MM.YYYY', 'h:mm', '[h]:mm:ss', 'mmm yy', '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy'].every(isDateFormat)).toBe(true);
    expect(['General', '0.00', '#,##0 "days"', '0\\ \\m\\²', '[Red]#,##0;[Blue]-#,##0', '@', '0.00E+00'].some(isDateFormat)).toBe(false);
  });

  test('the 1904 date system, and the 1900 system\'s serials as exceljs reads them', async () => {
    const styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>';
    const sheet = '<row r="1"><c r="A1" t="inlineStr"><is><t>day</t></is></c></row><row r="2"><c r="A2" s="1"><v>0</v></c></row><row r="3"><c r="A3" s="1"><v>61</v></c></row>';
    const days = async (workbookPr: string) => Array.from((await readXlsx('d.xlsx', handWritten(sheet, { styles, workbookPr }), options)).columns[0]!.values as Float64Array);
    expect(await days('<workbookPr date1904="1"/>')).toEqual([Date.UTC(1904, 0, 1), Date.UTC(1904, 2, 2)]);
    expect(await days('<workbookPr date1904="true"/>')).toEqual([Date.UTC(1904, 0, 1), Date.UTC(1904, 2, 2)]);
    // Serial 61 is 1900-03-01; below it exceljs keeps the day Excel's phantom 1900-02-29 adds.
    expect(await days('<workbookPr/>')).toEqual([Date.UTC(1899, 11, 30), Date.UTC(1900, 2, 1)]);
    const wb = await written((w) => {
      w.properties.date1904 = true;
      const ws = w.addWorksheet('d');
      ws.addRow(['day', 'n']);
      ws.addRow([new Date(Date.UTC(2001, 8, 11)), 1]);
    });
    const [ours, reference] = await bothReadings(wb);
    expect(ours).toEqual(reference);
    expect(ours).toMatchObject({ columns: [{ kind: 'date', values: [Date.UTC(2001, 8, 11)] }, { kind: 'number' }] });
  });

  test('shared strings after the sheets, rich text runs joined, phonetic guides and escapes', async () => {
    const sharedStrings = [
      '<si><t>name</t></si><si><t>note</t></si>',
      '<si><r><t>very </t></r><r><rPr><b/></rPr><t xml:space="preserve">good &amp; </t></r><r><t>fast</t></r></si>',
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>',
      '<si><t>a &lt;b&gt; &#8364; &#x41;</t></si><si><t/></si>',
    ].join('');
    const sheet = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>5</v></c></row><row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4"><v>3</v></c></row>';
    for (const sheetsFirst of [true, false]) {
      const t = await readXlsx('s.xlsx', handWritten(sheet, { sharedStrings, sheetsFirst }), options);
      expect(t.columns.map((c) => c.name)).toEqual(['name', 'note']);
      expect(t.columns[0]!.values).toEqual(['very good & fast', '東京', 'a <b> € A']);
      expect(Array.from(t.columns[1]!.values as Float64Array)).toEqual([1, NaN, 3]);
    }
  });

  test('inline strings, str and boolean cells, errors as missing, formulas by their cached value', async () => {
    const sheet = [
      '<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c><c r="B1" t="inlineStr"><is><t>flag</t></is></c><c r="C1" t="inlineStr"><is><t>total</t></is></c><c r="D1" t="inlineStr"><is><t>label</t></is></c></row>',
      '<row r="2"><c r="A2" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c r="B2" t="b"><v>1</v></c><c r="C2"><f>2*3</f><v>6</v></c><c r="D2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>',
      '<row r="3"><c r="A3" t="str"><v>  padded  </v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D3" t="e"><v>#N/A</v></c></row>',
      '<row r="4"><c r="A4" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c><c r="B4" t="b"><v>1</v></c><c r="C4"><f>SUM(C2:C3)</f><v>6.5</v></c><c r="D4" t="inlineStr"><is><t>x&#10;y</t></is></c></row>',
      '<row r="5"><c r="A5" t="inlineStr"><is><t>zero</t></is></c><c r="C5"><f>C2-6</f><v>0</v></c></row>',
    ].join('');
    const t = await readXlsx('f.xlsx', handWritten(sheet), options);
    expect(t.columns.map((c) => [c.name, c.kind])).toEqual([['text', 'string'], ['flag', 'string'], ['total', 'number'], ['label', 'string']]);
    expect(t.columns[0]!.values).toEqual(['inline', '  padded  ', 'a<b', 'zero']);
    expect(t.columns[1]!.values).toEqual(['true', 'false', 'true', null]);
    // A formula's cached 0 is a 0 (exceljs's reading made it missing).
    expect(Array.from(t.columns[2]!.values as Float64Array)).toEqual([6, NaN, 6.5, 0]);
    expect(t.columns[3]!.values).toEqual(['ab', null, 'x\ny', null]);
  });

  test('sparse rows and cells, cells and rows without references, namespace prefixes', async () => {
    const sheet = [
      '<row r="2"><c r="B2" t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>spend</t></is></c><c r="E2" t="inlineStr"><is><t>city</t></is></c></row>',
      '<row><c r="B3"><v>1</v></c><c><v>2.5</v></c><c r="E3" t="inlineStr"><is><t>Oslo</t></is></c></row>',
      '<row r="5" spans="1:5"><c r="B5"><v>2</v></c><c r="E5" t="inlineStr"><is><t>Rome</t></is></c><c r="G5" s="0"/></row>',
      '<row r="6"/><x:row r="7" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c r="B7"><x:v>3</x:v></x:c><x:c r="C7"><x:v>4</x:v></x:c></x:row>',
    ].join('');
    const t = await readXlsx('p.xlsx', handWritten(sheet), options);
    expect(t.source).toMatchObject({ headerRow: 2 });
    expect(t.rowCount).toBe(3);
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'spend', 'city']);
    expect(Array.from(t.columns[0]!.values as Float64Array)).toEqual([1, 2, 3]);
    expect(Array.from(t.columns[1]!.values as Float64Array)).toEqual([2.5, NaN, 4]);
    expect(t.columns[2]!.values).toEqual(['Oslo', 'Rome', null]);
  });

  test('a sheet cut into pieces anywhere reads the same as whole', () => {
    const xml = [
      '<?xml version="1.0"?><worksheet><sheetPr codeName="a>b"/><sheetData><!-- a <row> in a comment -->',
      '<row r="1" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45306</v></c><c r="C1" t="inlineStr"><is><t>Zoë</t></is></c></row>',
      '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="C2"><v>-1.5e3</v></c></row><row r="3"/>',
      '<row r="4"><c r="A4" t="str"><v>tail &amp; end</v></c ><c r="B4"><v>7</v></c></row></sheetData><mergeCells/></worksheet>',
    ].join('');
    const whole = scannedRows(xml, xml.length);
    expect(whole).toEqual([
      { row: 1, values: ['zero', new Date(Date.UTC(2024, 0, 15)), 'Zoë'] },
      { row: 2, values: ['one', null, -1500] },
      { row: 3, values: [] },
      { row: 4, values: ['tail & end', 7] },
    ]);
    for (const piece of [1, 2, 3, 7, 16, 61]) expect(scannedRows(xml, piece)).toEqual(whole);
  });
});

describe('damaged workbooks fail with XLSX_CORRUPT, never hang', () => {
  test('a sheet cut short, a missing sheet part, a compressed part cut in its middle, an unclosed cell', async () => {
    const cutSheet = handWritten('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>').toString('latin1');
    // A well-formed archive whose sheet XML stops inside a cell.
    const parts = await unzipParts(Buffer.from(cutSheet, 'latin1'));
    const cut = parts.map((p) => (p.name.endsWith('sheet1.xml') ? { ...p, data: p.data.subarray(0, p.data.indexOf('<v>1') + 2) } : p));
    expect(await ingestRejection(readXlsx('cut.xlsx', zipArchive(cut), options))).toMatchObject({ code: 'XLSX_CORRUPT', file: 'cut.xlsx' });
    const noSheet = zipArchive(parts.filter((p) => !p.name.endsWith('sheet1.xml')));
    expect((await ingestRejection(readXlsx('gone.xlsx', noSheet, options))).code).toBe('EMPTY_FILE');
    const whole = await written((wb) => {
      const ws = wb.addWorksheet('d');
      ws.addRow(['id', 'v']);
      for (let i = 0; i < 3000; i++) ws.addRow([i, `text ${i * 7919}`]);
    });
    const zipped = await unzipParts(whole);
    const big = zipped.find((p) => p.name.endsWith('sheet1.xml'))!;
    const deflated = require('node:zlib').deflateRawSync(big.data) as Buffer;
    const broken = zipArchive(zipped.map((p) => (p === big ? { ...p, deflated: deflated.subarray(0, deflated.length >> 1) } : p)));
    expect(await ingestRejection(readXlsx('half.xlsx', broken, options))).toMatchObject({ code: 'XLSX_CORRUPT' });
    const unclosed = handWritten('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>1');
    expect((await ingestRejection(readXlsx('open.xlsx', unclosed, options))).code).toBe('XLSX_CORRUPT');
  });

  test('a cell past Excel\'s last column is damage', async () => {
    const far = handWritten('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="ZZZZZZ1"><v>1</v></c></row>');
    expect((await ingestRejection(readXlsx('far.xlsx', far, options))).code).toBe('XLSX_CORRUPT');
  });

  test('a table read through readTable from a stream equals the one read in memory', async () => {
    const bytes = await written((wb) => {
      const ws = wb.addWorksheet('d');
      ws.addRow(['id', 'v']);
      for (let i = 0; i < 50; i++) ws.addRow([i, i * 2]);
    });
    const fromStream = await readTable({ name: 'w.xlsx', open: () => Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]) });
    const inMemory = await readTable(bufferSource('w.xlsx', bytes));
    expect(plain({ ...fromStream, source: undefined })).toEqual(plain({ ...inMemory, source: undefined }));
    expect(fromStream.source).toMatchObject({ format: 'xlsx', sheet: 'd', headerRow: 1 });
  });
});
