import { bufferSource } from '../../../shared/ingest/fileSource';
import { readTable } from '../../../shared/ingest/readTable';
import type { Column } from '../../../shared/ingest/Table';

const read = (text: string) => readTable(bufferSource('n.csv', Buffer.from(text)));
const numbers = (c: Column | undefined) => Array.from(c!.values as Float64Array);

describe('numbers are read by each column\'s own cells, and the decision is recorded', () => {
  test('a US comma-separated file: quoted "4,800" is four thousand eight hundred, not 4.8', async () => {
    const t = await read('id,spend,visits\na,"4,800",3\nb,950,4\nc,"12,000",5\nd,"1,250.50",6\n');
    expect(t.source!.decimal).toBe('.');
    expect(numbers(t.columns[1])).toEqual([4800, 950, 12000, 1250.5]);
    expect(t.source!.numberFormats).toEqual([expect.objectContaining({ column: 'spend', decimal: '.', ambiguousCells: 2, example: '4,800' })]);
  });

  test('quoted "4,800" alone in a comma-separated file: thousands, the file\'s reading, said to be unsettled', async () => {
    const t = await read('id,spend\na,"4,800"\nb,"3,100"\nc,"12,900"\n');
    expect(numbers(t.columns[1])).toEqual([4800, 3100, 12900]);
    expect(t.source!.numberFormats![0]!.evidence).toContain('no cell settles it');
  });

  test('a decimal-comma column settles its own ambiguous cells: "4,800" beside "0,98" is 4.8', async () => {
    const t = await read('id;rate;amount\na;0,98;"4,800"\nb;4,800;"1.234,5"\nc;12,5;"7"\n');
    expect(t.source!.decimal).toBe(',');
    expect(numbers(t.columns[1])).toEqual([0.98, 4.8, 12.5]);
    expect(numbers(t.columns[2])).toEqual([4.8, 1234.5, 7]);
  });

  test('a column that only the other mark can read keeps its numbers: "1,234,567" in a decimal-comma file', async () => {
    const t = await read('id;money;big\na;0,5;"1,234,567"\nb;1,5;"2,000,000"\nc;2,25;"12,000"\n');
    expect(numbers(t.columns[2])).toEqual([1234567, 2000000, 12000]);
    expect(t.source!.numberFormats).toEqual([expect.objectContaining({ column: 'big', decimal: '.' })]);
  });
});
