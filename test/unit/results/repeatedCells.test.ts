import { RepeatedCells } from '../../../shared/results/RepeatedCells';

const text = (cell: string | Buffer): string => (typeof cell === 'string' ? cell : cell.toString('utf8'));

test('a repeated text is encoded once per column, a long one comes back as its UTF-8 bytes', () => {
  const calls: string[] = [];
  const cells = new RepeatedCells((t) => {
    calls.push(t);
    return `"${t}"`;
  });
  const action = 'Ünïcode action ✓ '.repeat(8);
  for (let i = 0; i < 1000; i++) {
    expect(cells.cell(0, 'Loyal')).toBe('"Loyal"');
    const long = cells.cell(1, action);
    expect(Buffer.isBuffer(long)).toBe(true);
    expect(text(long)).toBe(`"${action}"`);
  }
  // The same text in another column is that column's own.
  expect(cells.cell(2, 'Loyal')).toBe('"Loyal"');
  expect(calls).toEqual(['Loyal', action, 'Loyal']);
});

test('a column of one-off texts stops being remembered, and every cell is still encoded right', () => {
  let calls = 0;
  const cells = new RepeatedCells((t) => {
    calls++;
    return `<${t}>`;
  });
  for (let i = 0; i < 10_000; i++) expect(text(cells.cell(0, `C${i}`))).toBe(`<C${i}>`);
  expect(calls).toBe(10_000);
  // Past the limit nothing more is kept: an earlier text is encoded again, the same way.
  expect(cells.cell(0, 'C1')).toBe('<C1>');
  expect(calls).toBe(10_001);
});
