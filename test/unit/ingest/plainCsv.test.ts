import { Readable } from 'node:stream';
import { IngestError } from '../../../shared/ingest/IngestError';
import { cellTexts } from '../../../shared/ingest/PlainCells';
import { readCsv } from '../../../shared/ingest/readCsv';
import { splitPlainCsv } from '../../../shared/ingest/splitPlainCsv';
import type { Table } from '../../../shared/ingest/Table';

/** Chunks of 1 to 7 bytes, so line ends, BOMs and UTF-8 characters fall across chunk boundaries. */
function chunked(bytes: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = 1 + (k % 7);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** The table (or the error) as a comparable value. */
async function read(name: string, bytes: Buffer, withSplitting: boolean): Promise<unknown> {
  const stream = () => Readable.from(chunked(bytes));
  try {
    const table: Table = withSplitting
      ? await readCsv(name, bytes, stream(), { maxColumns: 100 }, async () => stream())
      : await readCsv(name, bytes, stream(), { maxColumns: 100 });
    return { ...table, columns: table.columns.map((c) => ({ ...c, values: Array.from(c.values as ArrayLike<unknown>), texts: 'texts' in c && c.texts ? [...c.texts] : undefined })) };
  } catch (err) {
    return err instanceof IngestError ? { error: err.toJSON() } : { thrown: String(err) };
  }
}

async function splits(bytes: Buffer, delimiter = ','): Promise<{ plain: boolean; records: string[][] }> {
  const records: string[][] = [];
  const plain = await splitPlainCsv(Readable.from(chunked(bytes)), delimiter, (cells) => records.push(cellTexts(cells)));
  return { plain, records };
}

const plainTexts: Record<string, string> = {
  'LF line ends': 'customer_id,spend,plan\n0001,12.5,basic\n0002,-3,pro\n',
  'CRLF line ends, empty lines skipped': 'id,spend\r\n\r\n7,1.234\r\n8,4.5\r\n\r\n',
  'UTF-8 BOM and text in several scripts': '\uFEFFid;Имя клиента;Выручка\n1;Zoë Ångström;1,5\n2;顧客 🙂;2,25\n',
  'last line without a line end, spaces kept': 'a,b\n 1 ,x\n2, y ',
  'tab-separated with empty cells': 'a\tb\tc\n1\t\t3\n\t\t\n',
  'quoted values, doubled quotes and empty quoted cells': 'id,name,n\r\n1,"Smith, JJ","7"\r\n2,"a ""quote""",""\r\n"3","",""\r\n"","",""\r\n',
  'number cells of every shape, read from their bytes or their text':
    'id,whole,dec,amb,big,when,mixed\n' +
    '007,+5,.5,1.234,12345678901234567,2024-01-31,1\n' +
    '8,15291.0,5.,4.800,1e5,2024-02-01,2.50\n' +
    '-0,42,-12.125,"1,250.50",-1.5E-3,NA,x\n' +
    '10,0,0.1,999.999,1234567890.12345,,3\n',
  'quoted header and last line': '"id";"plan"\n1;"pro"\n2;"basic ""b"""',
};

const needCsvParse: Record<string, string> = {
  'a quoted value over two lines': 'id,name\n1,"Smith\nJJ"\n',
  'text after a closing quote': 'id,name\n1,"Smith" JJ\n',
  'a quote that never closes': 'id,name\n1,"Smith\n2,x\n',
  'a quote inside a value': 'id,name\n1,5" screen\n',
  'a ragged line': 'a,b,c\n1,2,3\n4,5\n',
  'a lone carriage return as the line end': 'a,b\r1,2\r3,4\r',
  'a lone line feed in a CRLF file': 'a,b\r\n1,2\n3,4\r\n',
  'a carriage return inside an LF file': 'a,b\n1,2\r\n3,4\n',
};

describe('splitPlainCsv beside csv-parse', () => {
  it.each(Object.entries(plainTexts))('splits %s itself, into the records csv-parse gives', async (_, text) => {
    const bytes = Buffer.from(text);
    const own = await splits(bytes, text.includes('\t') ? '\t' : text.includes(';') ? ';' : ',');
    expect(own.plain).toBe(true);
    expect(own.records.length).toBeGreaterThan(1);
    expect(await read('f.csv', bytes, true)).toEqual(await read('f.csv', bytes, false));
  });

  it.each(Object.entries(needCsvParse))('hands %s to csv-parse, with the same table or error as csv-parse alone', async (_, text) => {
    const bytes = Buffer.from(text);
    expect((await splits(bytes)).plain).toBe(false);
    expect(await read('f.csv', bytes, true)).toEqual(await read('f.csv', bytes, false));
  });

  it('hands bytes that are not UTF-8 to csv-parse', async () => {
    const bytes = Buffer.concat([Buffer.from('id,name\n1,'), Buffer.from([0xe2, 0x28]), Buffer.from('\n')]);
    expect((await splits(bytes)).plain).toBe(false);
    expect(await read('f.csv', bytes, true)).toEqual(await read('f.csv', bytes, false));
  });

  it('reads a generated table with numbers, ids and missing cells the same both ways', async () => {
    const lines = ['customer_id,f1,f2,plan,churn'];
    for (let i = 0; i < 3000; i++) lines.push(`C${String(i).padStart(5, '0')},${((i * 7919) % 2000) / 1000 - 1},${i % 13 === 0 ? 'NA' : (i % 97) * 1.5},${['basic', 'pro'][i % 2]},${i % 5 === 0 ? 1 : 0}`);
    const bytes = Buffer.from(lines.join('\r\n'));
    expect((await splits(bytes)).plain).toBe(true);
    const own = await read('f.csv', bytes, true);
    expect(own).toEqual(await read('f.csv', bytes, false));
    expect((own as Table).rowCount).toBe(3000);
  });
});
