import type { NumericColumn } from '../../../shared/ingest/Table';
import { cachedColumnStats, cachedValueOrder } from '../../../shared/roles/columnStats';
import { sortByValue } from '../../../shared/roles/sortByValue';

/** Deterministic values with ties, -0 and 0, infinities and missing cells. */
function awkward(n: number, seed: number): Float64Array {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x80000000);
  const special = [0, -0, Infinity, -Infinity, NaN, 1e-310, -1e300, 2 ** 53];
  return Float64Array.from({ length: n }, () => {
    const r = next();
    if (r < 0.1) return special[Math.floor(next() * special.length)]!;
    if (r < 0.5) return Math.floor(next() * 7) - 3;
    return Math.round((next() * 200 - 100) * 1e4) / 1e4;
  });
}

describe('sortByValue', () => {
  it.each([0, 1, 2, 50, 3000, 70_000])('orders %i values as Float64Array sort does, each with its row', (n) => {
    const values = awkward(n, n + 1);
    const { sorted, rows } = sortByValue(values, n);
    const expected = Float64Array.from(Array.from(values).filter((v) => !Number.isNaN(v))).sort();
    expect(sorted.length).toBe(expected.length);
    for (let i = 0; i < sorted.length; i++) {
      expect(Object.is(sorted[i], expected[i])).toBe(true);
      expect(Object.is(values[rows[i]!], sorted[i])).toBe(true);
      // Equal values keep their rows in file order.
      if (i > 0 && Object.is(sorted[i], sorted[i - 1])) expect(rows[i]!).toBeGreaterThan(rows[i - 1]!);
    }
  });
});

describe('cachedValueOrder', () => {
  it('keeps the order the stats were counted in: present rows by value, ties in row order', () => {
    const n = 5000;
    const column: NumericColumn = { name: 'x', kind: 'number', values: awkward(n, 9) };
    const order = cachedValueOrder(column, n);
    const stats = cachedColumnStats(column, n);
    expect(order.length).toBe(n - stats.missing);
    let distinct = order.length ? 1 : 0;
    for (let k = 1; k < order.length; k++) {
      const before = column.values[order[k - 1]!]!, v = column.values[order[k]!]!;
      expect(v >= before).toBe(true);
      if (Object.is(v, before)) expect(order[k]!).toBeGreaterThan(order[k - 1]!);
      // 0 and -0 are one value, as the stats count them.
      if (v !== before) distinct++;
    }
    expect(distinct).toBe(stats.distinct);
    expect(cachedValueOrder(column, n)).toBe(order);
  });

  it('refuses a text column', () => {
    expect(() => cachedValueOrder({ name: 'plan', kind: 'string', values: ['a', 'b'] }, 2)).toThrow(/holds text/);
  });
});
