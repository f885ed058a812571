import { formatNumber } from '../../../shared/results/formatNumber';

describe('formatNumber: numbers in assignments.csv (docs/CONTRACTS.md)', () => {
  test.each([
    [0.25426350256419644, '0.254264'],
    [0.2542634999, '0.254263'],
    [0.1 + 0.2, '0.3'],
    [0.5, '0.5'],
    [1 / 3, '0.333333'],
    [2 / 3, '0.666667'],
    [-42.125, '-42.125'],
    [1234567.891234567, '1234567.891235'],
    [1e-7, '0'],
    [-1e-7, '0'],
    [1.5e-6, '0.000002'],
    [12, '12'],
    [20000000, '20000000'],
  ])('%p → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  test('each written number is the value rounded once to 6 decimals: within half a unit of the 6th decimal', () => {
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const value = (seed / 2 ** 32) * 10 ** ((i % 7) - 2);
      const text = formatNumber(value);
      expect({ value, text, ok: /^-?\d+(\.\d{1,6})?$/.test(text) && Math.abs(Number(text) - value) <= 5e-7 + 1e-12 * Math.abs(value) }).toEqual({ value, text, ok: true });
    }
  });

  test('the text is the number the value rounds to at 6 decimals, written as JavaScript writes that number', () => {
    let seed = 5;
    const mismatches: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const value = ((seed / 2 ** 32) - 0.5) * 10 ** ((i % 19) - 8);
      const rounded = i % 5 === 0 ? Number(value.toFixed(i % 8)) : value;
      if (formatNumber(rounded) !== String(Number(rounded.toFixed(6)))) mismatches.push(rounded);
    }
    expect(mismatches).toEqual([]);
  });

  test('what is not a number is left empty', () => {
    expect([NaN, Infinity, -Infinity].map(formatNumber)).toEqual(['', '', '']);
  });
});
