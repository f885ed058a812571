import * as ExcelJS from 'exceljs';
import * as zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { unzipParts, zipArchive, type ZipPart } from '../../../tools/fuzz/zipArchive';
import { checkXlsxArchive } from '../../../shared/ingest/checkXlsxArchive';
import { bufferSource } from '../../../shared/ingest/fileSource';
import { readTable } from '../../../shared/ingest/readTable';
import { readXlsx } from '../../../shared/ingest/readXlsx';
import type { TableSource } from '../../../shared/ingest/Table';
import { ingestRejection } from '../../helpers/ingestRejection';

async function workbook(rows = 50): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(['id', 'spend', 'city']);
  for (let i = 0; i < rows; i++) ws.addRow([i + 1, i * 1.5, `city ${i % 7}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A source that only streams (no size, no range reads), like a request body. */
const streamOnly = (name: string, bytes: Buffer): TableSource => ({ name, open: () => Readable.from([bytes]) });

/** A source with range reads whose reads are counted, like a blob. */
function rangeSource(name: string, bytes: Buffer): TableSource & { rangeReads: number } {
  const s = {
    name,
    size: bytes.length,
    rangeReads: 0,
    open: () => Readable.from([bytes]),
    readRange: async (start: number, end: number) => {
      s.rangeReads++;
      return bytes.subarray(start, end);
    },
  };
  return s;
}

const spaces = Buffer.alloc(32 * 1024 * 1024, 0x20);
const spacesDeflated = zlib.deflateRawSync(spaces, { level: 9 });

describe('XLSX archives are checked before the workbook reader expands them', () => {
  let parts: ZipPart[];
  beforeAll(async () => {
    parts = await unzipParts(await workbook());
  });
  const edited = (name: string, f: (xml: string) => string): Buffer =>
    zipArchive(parts.map((p) => (p.name === name ? { name, data: Buffer.from(f(p.data.toString('utf8'))) } : p)));

  test('a well-formed workbook passes, read whole or through range reads', async () => {
    const bytes = await workbook();
    await expect(checkXlsxArchive('ok.xlsx', bytes)).resolves.toBeUndefined();
    const source = rangeSource('ok.xlsx', bytes);
    const t = await readTable(source, { maxBufferedXlsxBytes: 1000 });
    expect(t.rowCount).toBe(50);
    expect(source.rangeReads).toBeGreaterThan(0);
    expect((await readTable(streamOnly('ok.xlsx', bytes))).rowCount).toBe(50);
  });

  test('a part that expands 1,000 times is refused, whatever the directory declares', async () => {
    const bomb = zipArchive([...parts, { name: 'docProps/custom.xml', data: spaces, deflated: spacesDeflated }]);
    const e = await ingestRejection(readTable(bufferSource('bomb.xlsx', bomb)));
    expect(e).toMatchObject({ code: 'XLSX_UNSAFE', file: 'bomb.xlsx' });
    expect(e.message).toMatch(/docProps\/custom\.xml expands .*over 100 times/);
    // The same bomb read through range reads (a large blob) is refused too.
    expect((await ingestRejection(readTable(rangeSource('bomb.xlsx', bomb), { maxBufferedXlsxBytes: 1000 }))).code).toBe('XLSX_UNSAFE');
    const lying = zipArchive([...parts, { name: 'xl/media/a.xml', data: spaces, deflated: spacesDeflated, declaredSize: spacesDeflated.length }]);
    expect((await ingestRejection(readTable(bufferSource('lying.xlsx', lying)))).code).toBe('XLSX_UNSAFE');
    // A total expanded size over the limit, each part under the ratio.
    const big = await ingestRejection(readTable(bufferSource('big.xlsx', await workbook(3000)), { maxXlsxExpandedBytes: 100_000 }));
    expect(big).toMatchObject({ code: 'XLSX_UNSAFE' });
    expect(big.message).toMatch(/over the 97\.7 KiB accepted/);
  });

  test('DOCTYPE and entity declarations in any XML part are refused', async () => {
    const laughs = edited('xl/sharedStrings.xml', (x) => x.replace(/^(<\?xml[^>]*\?>)/, '$1<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'));
    const e = await ingestRejection(readTable(bufferSource('laughs.xlsx', laughs)));
    expect(e).toMatchObject({ code: 'XLSX_UNSAFE', file: 'laughs.xlsx' });
    expect(e.message).toMatch(/xl\/sharedStrings\.xml declares a DOCTYPE/);
    const xxe = edited('xl/workbook.xml', (x) => `${'<!-- c -->'.repeat(3000)}${x.replace(/^<\?xml[^>]*\?>/, '<!doctype workbook SYSTEM "http://example.com/x.dtd">')}`);
    expect((await ingestRejection(readTable(bufferSource('xxe.xlsx', xxe)))).code).toBe('XLSX_UNSAFE');
  });

  test('a ZIP that is not a workbook says what it is', async () => {
    const zipOfCsv = zipArchive([{ name: 'data.csv', data: Buffer.from('id,spend\n1,2\n') }]);
    const e = await ingestRejection(readTable(bufferSource('data.xlsx', zipOfCsv)));
    expect(e).toMatchObject({ code: 'WRONG_FORMAT', file: 'data.xlsx' });
    expect(e.message).toMatch(/ZIP archive, but not an Excel workbook/);
    const ods = zipArchive([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), store: true }, { name: 'content.xml', data: Buffer.from('<x/>') }]);
    expect((await ingestRejection(readTable(bufferSource('sheet.xlsx', ods)))).message).toMatch(/OpenDocument/);
  });

  test('encrypted parts, a damaged directory and a stream-only workbook over the buffer limit', async () => {
    expect((await ingestRejection(readTable(bufferSource('enc.xlsx', zipArchive(parts.map((p) => ({ ...p, encryptedFlag: true }))))))).code).toBe('XLSX_ENCRYPTED');
    const whole = await workbook();
    const cut = await ingestRejection(readTable(bufferSource('cut.xlsx', whole.subarray(0, whole.length - 30))));
    expect(cut).toMatchObject({ code: 'XLSX_CORRUPT', file: 'cut.xlsx' });
    expect((await ingestRejection(readTable(streamOnly('big.xlsx', whole), { maxBufferedXlsxBytes: 1000 }))).code).toBe('FILE_TOO_LARGE');
  });

  test('a damaged archive that stalls the workbook reader ends in XLSX_CORRUPT, not a hang', async () => {
    // A deleted chunk leaves the streaming zip parser waiting for bytes that never come.
    const whole = await workbook(400);
    const damaged = Buffer.concat([whole.subarray(0, 3000), whole.subarray(5000)]);
    const e = await ingestRejection(readXlsx('stall.xlsx', Readable.from([damaged]), { maxColumns: 100, stallMs: 300 }));
    expect(e).toMatchObject({ code: 'XLSX_CORRUPT', file: 'stall.xlsx' });
  });
});

describe('cells, lines and nesting have limits that end in a clear IngestError', () => {
  const csv = (name: string, text: string) => bufferSource(name, Buffer.from(text, 'utf8'));

  test('a long cell names its row and column in CSV, XLSX and JSONL; the limit is an option', async () => {
    const long = 'x'.repeat(40_000);
    const e = await ingestRejection(readTable(csv('a.csv', `id,spend,note\n1,2,ok\n2,3,${long}\n`)));
    expect(e).toMatchObject({ code: 'CELL_TOO_LONG', file: 'a.csv', row: 3, column: 'note' });
    expect(e.message.length).toBeLessThan(300);
    expect((await readTable(csv('a.csv', `id,spend,note\n1,2,ok\n2,3,${long}\n`), { maxCellChars: 50_000 })).rowCount).toBe(2);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('d');
    ws.addRow(['id', 'spend', 'note']);
    ws.addRow([1, 2, 'ok']);
    ws.addRow([2, 3, long]);
    const x = await ingestRejection(readTable(bufferSource('a.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))));
    expect(x).toMatchObject({ code: 'CELL_TOO_LONG', file: 'a.xlsx', row: 3, column: 'note' });

    const j = await ingestRejection(readTable(csv('e.jsonl', `{"customer_id":1,"ts":1,"event":"view"}\n{"customer_id":2,"ts":2,"event":"${long}"}\n`)));
    expect(j).toMatchObject({ code: 'CELL_TOO_LONG', file: 'e.jsonl', row: 2, column: 'event' });
  });

  test('a quote that never closes stops at the record limit instead of swallowing the file', async () => {
    const text = 'id,spend,note\n1,2,"opens\n' + '3,4,more\n'.repeat(1_000_000);
    const e = await ingestRejection(readTable(csv('q.csv', text)));
    expect(e).toMatchObject({ code: 'CELL_TOO_LONG', file: 'q.csv' });
    expect(e.hint).toMatch(/quote/);
  });

  test('JSON Lines: a line without breaks, deep nesting; CRLF and a last line without break still read', async () => {
    const oneLine = await ingestRejection(readTable(csv('l.jsonl', `{"customer_id":1,"ts":1,"x":"${'a'.repeat(9_000_000)}"}`)));
    expect(oneLine).toMatchObject({ code: 'JSONL_MALFORMED', row: 1 });
    const deep = await ingestRejection(readTable(csv('d.jsonl', `{"customer_id":1,"ts":1,"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}\n`)));
    expect(deep).toMatchObject({ code: 'JSONL_MALFORMED', row: 1 });
    expect(deep.message).toMatch(/32 levels/);
    const t = await readTable(csv('ok.jsonl', '{"customer_id":1,"ts":1}\r\n\r\n{"customer_id":2,"ts":2}\r\n{"customer_id":3,"ts":3}'));
    expect(t.rowCount).toBe(3);
    expect(t.columns.map((c) => c.name)).toEqual(['customer_id', 'ts']);
  });
});
