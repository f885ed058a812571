import { ByteWriter, expectedBytes } from '../../../shared/results/ByteWriter';

/** Result files are encoded into blocks; what comes out is the text as UTF-8, whatever the blocks. */
test('text past the first block comes out whole, with each piece measured in UTF-8 bytes', () => {
  const pieces = Array.from({ length: 5000 }, (_, i) => `${i}: Ünïcode ✓ 𝄞 ${'x'.repeat(i % 37)}\n`);
  const out = new ByteWriter(1024);
  const lengths = pieces.map((p) => out.write(p));
  const expected = Buffer.from(pieces.join(''), 'utf8');
  expect(lengths).toEqual(pieces.map((p) => Buffer.byteLength(p, 'utf8')));
  expect(out.length).toBe(expected.length);
  expect(out.toBuffer().equals(expected)).toBe(true);
});

test('a file of the expected size is one block, and a small one is copied out of its block', () => {
  const line = 'a line of the file\n';
  const big = new ByteWriter(expectedBytes(line, 1000));
  for (let i = 0; i < 1000; i++) big.write(line);
  expect(big.toBuffer().toString('utf8')).toBe(line.repeat(1000));

  const small = new ByteWriter();
  small.write('tiny');
  const buffer = small.toBuffer();
  expect(buffer.toString()).toBe('tiny');
  expect(buffer.buffer.byteLength).toBeLessThan(64 * 1024);
});

test('bytes and text written in turn come out in order, past the first block too', () => {
  const long = Buffer.from(`${'Ünïcode ✓ '.repeat(40)}\n`, 'utf8');
  const out = new ByteWriter(1024);
  const expected: Buffer[] = [];
  for (let i = 0; i < 3000; i++) {
    const text = `${i},`;
    expect(out.write(text)).toBe(Buffer.byteLength(text));
    expect(out.writeBytes(long)).toBe(long.length);
    expected.push(Buffer.from(text), long);
  }
  expect(out.toBuffer().equals(Buffer.concat(expected))).toBe(true);
});
