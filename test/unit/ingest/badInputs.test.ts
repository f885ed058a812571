import * as ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { bufferSource } from '../../../shared/ingest/fileSource';
import { IngestError } from '../../../shared/ingest/IngestError';
import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { parseManifest } from '../../../shared/ingest/parseManifest';
import { filesNamedBy } from '../../../shared/ingest/filesNamedBy';
import { readTable } from '../../../shared/ingest/readTable';

async function rejection(p: Promise<unknown>): Promise<IngestError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    const e = err as IngestError;
    expect(e.message.length).toBeGreaterThan(10);
    expect(e.hint.length).toBeGreaterThan(10);
    return e;
  }
  throw new Error('expected an IngestError');
}

async function workbook(rows = 2000): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(['id', 'spend', 'city']);
  for (let i = 0; i < rows; i++) ws.addRow([i, i * 1.5, `city ${i % 7}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (name: string, text: string) => bufferSource(name, Buffer.from(text, 'utf8'));

describe('bad inputs give a clear IngestError, never a crash or a hang', () => {
  test('truncated XLSX', async () => {
    const whole = await workbook();
    const e = await rejection(readTable(bufferSource('cut.xlsx', whole.subarray(0, Math.floor(whole.length * 0.6)))));
    expect(e).toMatchObject({ code: 'XLSX_CORRUPT', file: 'cut.xlsx' });
  });

  test('random bytes named .xlsx', async () => {
    const e = await rejection(readTable(bufferSource('random.xlsx', randomBytes(5000))));
    expect(e).toMatchObject({ code: 'WRONG_FORMAT', file: 'random.xlsx' });
  });

  test('a password-protected workbook (an OLE2 container) is named as such', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(4000)]);
    const e = await rejection(readTable(bufferSource('secret.xlsx', ole)));
    expect(e.code).toBe('XLSX_ENCRYPTED');
    expect(e.hint).toMatch(/password/);
  });

  test('an XLSX named .csv', async () => {
    const e = await rejection(readTable(bufferSource('export.csv', await workbook(5))));
    expect(e.code).toBe('WRONG_FORMAT');
    expect(e.hint).toMatch(/\.xlsx/);
  });

  test('CSV with ragged rows names the line', async () => {
    const e = await rejection(readTable(csv('ragged.csv', 'id,spend,city\n1,2.5,Oslo\n2,3.5\n3,4,Rome\n')));
    expect(e).toMatchObject({ code: 'CSV_RAGGED_ROW', file: 'ragged.csv', row: 3 });
  });

  test('an unclosed quote', async () => {
    const e = await rejection(readTable(csv('quote.csv', 'id,spend,city\n1,2.5,"Oslo\n2,3.5,Rome\n')));
    expect(e.code).toBe('CSV_MALFORMED');
  });

  test('empty file, blank lines only, header only', async () => {
    expect((await rejection(readTable(csv('empty.csv', '')))).code).toBe('EMPTY_FILE');
    expect((await rejection(readTable(csv('blank.csv', '\n\n  \n')))).code).toBe('EMPTY_FILE');
    expect((await rejection(readTable(csv('header.csv', 'id,spend,city\n')))).code).toBe('HEADER_ONLY');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('empty');
    expect((await rejection(readTable(bufferSource('empty.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))))).code).toBe('EMPTY_FILE');
  });

  test('size and column limits', async () => {
    const e = await rejection(readTable(csv('big.csv', 'a,b\n1,2\n'.repeat(100)), { maxFileBytes: 200 }));
    expect(e.code).toBe('FILE_TOO_LARGE');
    // Past the sniffed head, while the parser is already streaming.
    const bigCsv = 'id,spend\n' + Array.from({ length: 20000 }, (_, i) => `${i},${i * 2}`).join('\n');
    const late = await rejection(readTable({ name: 'late.csv', open: () => Readable.from([Buffer.from(bigCsv)].flatMap((b) => [b.subarray(0, 70000), b.subarray(70000)])) }, { maxFileBytes: 100_000 }));
    expect(late.code).toBe('FILE_TOO_LARGE');
    const xlsx = await workbook(20000);
    const lateX = await rejection(readTable({ name: 'late.xlsx', open: () => Readable.from([xlsx.subarray(0, 70000), xlsx.subarray(70000)]) }, { maxFileBytes: 100_000 }));
    expect(lateX.code).toBe('FILE_TOO_LARGE');
    const jsonl = Buffer.from(Array.from({ length: 5000 }, (_, i) => JSON.stringify({ customer_id: i, event: 'view', ts: 1700000000 + i })).join('\n'));
    const lateJ = await rejection(readTable({ name: 'late.jsonl', open: () => Readable.from([jsonl.subarray(0, 70000), jsonl.subarray(70000)]) }, { maxFileBytes: 100_000 }));
    expect(lateJ.code).toBe('FILE_TOO_LARGE');
    const wide = Array.from({ length: 30 }, (_, i) => `c${i}`).join(',') + '\n' + Array.from({ length: 30 }, () => '1').join(',') + '\n';
    expect((await rejection(readTable(csv('wide.csv', wide), { maxColumns: 20 }))).code).toBe('TOO_MANY_COLUMNS');
  });

  test('unknown extension, bad JSONL line, corrupt parquet, missing sheet', async () => {
    expect((await rejection(readTable(csv('data.docx', 'x')))).code).toBe('UNSUPPORTED_FORMAT');
    const j = await rejection(readTable(csv('e.jsonl', '{"customer_id":1,"ts":1}\n{oops\n')));
    expect(j).toMatchObject({ code: 'JSONL_MALFORMED', row: 2 });
    expect((await rejection(readTable(bufferSource('x.parquet', randomBytes(3000))))).code).toBe('PARQUET_CORRUPT');
    const s = await rejection(readTable(bufferSource('w.xlsx', await workbook(3)), { sheet: 'Nope' }));
    expect(s.code).toBe('SHEET_NOT_FOUND');
    expect(s.message).toContain('"data"');
  });

  test('no numeric column left', async () => {
    const e = await rejection(buildCustomerTable([csv('names.csv', 'id,name,city\n1,Ann,Oslo\n2,Bob,Rome\n3,Cy,Oslo\n')]));
    expect(e.code).toBe('NO_NUMERIC_COLUMN');
  });

  test('manifest problems: invalid JSON, wrong field, missing file, missing key', async () => {
    expect((await rejection(Promise.resolve().then(() => parseManifest('{"files": [}')))).code).toBe('MANIFEST_INVALID');
    const bad = await rejection(Promise.resolve().then(() => parseManifest({ files: [{ name: 'a.csv', role: 'sideways' }], k: 1 })));
    expect(bad.message).toMatch(/files\.0\.role/);
    expect(bad.message).toMatch(/\bk\b/);
    const m = parseManifest({ files: [{ name: 'a.csv' }, { name: 'b.csv' }], id: 'id' });
    expect(filesNamedBy(m)).toEqual(['a.csv', 'b.csv']);
    const a = csv('a.csv', 'id,spend\n1,2\n2,3\n');
    const missing = await rejection(buildCustomerTable([a], m));
    expect(missing).toMatchObject({ code: 'MANIFEST_FILE_MISSING' });
    expect(missing.message).toContain('b.csv');
    const noKey = await rejection(buildCustomerTable([a, csv('b.csv', 'customer,visits\n1,5\n')], m));
    expect(noKey).toMatchObject({ code: 'MANIFEST_KEY_MISSING', file: 'b.csv' });
    const noTarget = await rejection(buildCustomerTable([csv('a.csv', 'id,spend\n1,2\n2,3\n')], parseManifest({ target: 'churn' })));
    expect(noTarget).toMatchObject({ code: 'MANIFEST_KEY_MISSING', column: 'churn' });
  });

  test('error.json shape', () => {
    const e = new IngestError({ code: 'CSV_RAGGED_ROW', file: 'a.csv', row: 3, message: 'm', hint: 'h' });
    expect(e.toErrorJson({ dataset: 'shop', runId: 'abc', at: '2026-01-01T00:00:00Z' })).toEqual({
      dataset: 'shop', runId: 'abc', file: 'a.csv', row: 3, code: 'CSV_RAGGED_ROW', message: 'm', hint: 'h', at: '2026-01-01T00:00:00Z',
    });
  });
});
