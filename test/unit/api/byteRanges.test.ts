import { csvRecordRanges, lineRanges, withoutRanges } from '../../../shared/api/byteRanges';

/** Privacy rewrites remove whole records and keep every other byte as it was. */
async function* chunks(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(source: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts).toString('utf8');
}

const csv = '\uFEFFid,name,note\r\n001,Ана,"two\r\nlines"\r\n002,Bob,plain\r\n001,Ана again,"a, comma"\r\n003,Zoë,last';

test.each([1, 3, 7, 4096])('CSV records of one id go, the rest byte for byte (chunks of %i bytes)', async (size) => {
  const ranges = await csvRecordRanges(chunks(csv, size), { delimiter: ',' }, (record, i) => i > 0 && record[0] === '001');
  expect(ranges).toHaveLength(2);
  expect(await collect(withoutRanges(chunks(csv, size), ranges))).toBe('\uFEFFid,name,note\r\n002,Bob,plain\r\n003,Zoë,last');
});

test('an id that only looks like another (leading zeros) is not matched when compared exactly', async () => {
  const ranges = await csvRecordRanges(chunks(csv, 5), { delimiter: ',' }, (record, i) => i > 0 && record[0] === '1');
  expect(ranges).toEqual([]);
});

test('the last record without a line break goes whole', async () => {
  const ranges = await csvRecordRanges(chunks(csv, 4), { delimiter: ',' }, (record) => record[0] === '003');
  expect(await collect(withoutRanges(chunks(csv, 4), ranges))).toBe(csv.slice(0, csv.indexOf('003')));
});

test.each([1, 2, 9, 4096])('JSON lines of one customer go with their line breaks (chunks of %i bytes)', async (size) => {
  const text = '{"customerId":"a","text":"héllo"}\n{"customerId":"b"}\r\n{"customerId":"a"}\n{"customerId":"c"}';
  const ranges = await lineRanges(chunks(text, size), (line) => (JSON.parse(line) as { customerId: string }).customerId === 'a');
  expect(await collect(withoutRanges(chunks(text, size), ranges))).toBe('{"customerId":"b"}\r\n{"customerId":"c"}');
});
