import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { bufferSource } from '../../../shared/ingest/fileSource';
import { readTable } from '../../../shared/ingest/readTable';
import type { Table } from '../../../shared/ingest/Table';
import { sampleCsv, sampleHeader, sampleRows } from '../../fixtures/sampleCustomers';

async function sampleXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const dict = wb.addWorksheet('Описание');
  dict.addRow(['Словарь данных']);
  dict.addRow(['id', 'номер клиента']);
  const ws = wb.addWorksheet('Клиенты');
  ws.addRow([]);
  ws.addRow(sampleHeader);
  for (const r of sampleRows) ws.addRow(r.map((v, i) => (i === 4 && typeof v === 'number' ? String(v) : v)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function plain(t: Table): unknown {
  return t.columns.map((c) => ({ name: c.name, kind: c.kind, values: Array.from(c.values as ArrayLike<unknown>) }));
}

describe('the same table in every format parses to identical values', () => {
  let expected: unknown;
  beforeAll(async () => {
    expected = plain(await readTable(bufferSource('customers.csv', Buffer.from(sampleCsv(',', '.'), 'utf8'))));
  });

  test('UTF-8 CSV has the expected types and values', async () => {
    const t = await readTable(bufferSource('customers.csv', Buffer.from(sampleCsv(',', '.'), 'utf8')));
    expect(t.rowCount).toBe(5);
    expect(t.columns.map((c) => [c.name, c.kind])).toEqual([
      ['id', 'number'], ['Имя клиента', 'string'], ['Город', 'string'], ['Выручка', 'number'], ['orders', 'number'], ['Разрешить сообщать', 'string'],
    ]);
    expect(Array.from(t.columns[3].values as Float64Array)).toEqual([1234.5, 0.75, -42.125, 1000000.25, 15]);
    expect(Number.isNaN((t.columns[4].values as Float64Array)[2])).toBe(true);
    expect(t.columns[1].values[2]).toBe('Zoe; «Ёж»');
  });

  test.each([
    ['UTF-8 with BOM, CRLF', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sampleCsv(',', '.', '\r\n'), 'utf8')]), 'utf-8', ','],
    ['Windows-1251, ";" and decimal commas', () => iconv.encode(sampleCsv(';', ','), 'windows-1251'), 'windows-1251', ';'],
    ['UTF-16LE with BOM, tab-separated', () => iconv.encode(sampleCsv('\t', '.'), 'utf-16le', { addBOM: true }), 'utf-16le', '\t'],
    ['UTF-16LE without BOM', () => iconv.encode(sampleCsv(',', '.'), 'utf-16le'), 'utf-16le', ','],
    ['UTF-16BE with BOM, "|"', () => iconv.encode(sampleCsv('|', '.'), 'utf-16be', { addBOM: true }), 'utf-16be', '|'],
  ])('%s', async (_label, make, encoding, delimiter) => {
    const t = await readTable(bufferSource('customers.csv', make()));
    expect(t.source).toMatchObject({ encoding, delimiter });
    expect(plain(t)).toEqual(expected);
  });

  test('Windows-1252 text (accents only, the Cyrillic columns left out) is told apart from 1251', async () => {
    const text = 'name;city;spend\nÉlodie;Besançon;15,5\nJosé;Málaga;3,25\nZoë;Zürich;7\n';
    const t = await readTable(bufferSource('latin.csv', iconv.encode(text, 'windows-1252')));
    expect(t.source).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimal: ',' });
    expect(t.columns[1].values).toEqual(['Besançon', 'Málaga', 'Zürich']);
    expect(Array.from(t.columns[2].values as Float64Array)).toEqual([15.5, 3.25, 7]);
  });

  test('XLSX (header on row 2, a dictionary sheet first, numbers stored as text) equals the CSV', async () => {
    const t = await readTable(bufferSource('customers.xlsx', await sampleXlsx()));
    expect(t.source).toMatchObject({ format: 'xlsx', sheet: 'Клиенты', headerRow: 2 });
    expect(plain(t)).toEqual(expected);
  });

  test('XLSX dates, formulas and rich text come out as values', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('data');
    ws.addRow(['id', 'signed_up', 'total', 'note']);
    ws.addRow([1, new Date(Date.UTC(2024, 0, 15)), { formula: '2*3', result: 6 }, { richText: [{ text: 'very ' }, { text: 'good', font: { bold: true } }] }]);
    ws.addRow([2, new Date(Date.UTC(2024, 5, 1)), { formula: '2*4', result: 8 }, 'ok']);
    const t = await readTable(bufferSource('d.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(t.columns[1]).toMatchObject({ kind: 'date' });
    expect(Array.from(t.columns[1].values as Float64Array)).toEqual([Date.UTC(2024, 0, 15), Date.UTC(2024, 5, 1)]);
    expect(Array.from(t.columns[2].values as Float64Array)).toEqual([6, 8]);
    expect(t.columns[3].values).toEqual(['very good', 'ok']);
  });

  test('JSONL events, nested (OTTO) and flat', async () => {
    const otto = [
      { session: 1, events: [{ aid: 10, ts: 1659304800025, type: 'clicks' }, { aid: 11, ts: 1659304904511, type: 'carts' }] },
      { session: 2, events: [{ aid: 10, ts: 1659367439426, type: 'orders' }] },
    ].map((o) => JSON.stringify(o)).join('\n');
    const t = await readTable(bufferSource('otto.jsonl', Buffer.from(otto)));
    expect(t.rowCount).toBe(3);
    expect(t.columns.map((c) => c.name)).toEqual(['session', 'aid', 'ts', 'type']);
    expect(t.columns[3].values).toEqual(['clicks', 'carts', 'orders']);
    const flat = '{"customer_id":"a","event":"open","ts":1700000000}\n\n{"customer_id":"b","event":"click","ts":1700003600,"meta":{"src":"x"}}\n';
    const f = await readTable(bufferSource('events.ndjson', Buffer.from(flat)));
    expect(f.rowCount).toBe(2);
    expect(f.columns.map((c) => c.name)).toEqual(['customer_id', 'event', 'ts', 'meta.src']);
  });
});
