import { jsonNumber } from '../../../shared/results/jsonNumber';

/** customers.jsonl writes numbers itself where it can; the text must be JSON.stringify's, always. */
test.each([
  0, -0, 1, -1, 0.5, -0.0662, 12.5, 0.0001, -0.0001, 1e-4 / 3, 1e-5, 1e-6, 1e-7, 0.1 + 0.2, 1.0005, 9999.9999,
  999_999_999.9999, 1e9, -1e9, 1e12 + 0.5, 2 ** 53, 1e21, 1.7976931348623157e308, 5e-324, NaN, Infinity, -Infinity,
])('%p is written as JSON.stringify writes it', (value) => {
  expect(jsonNumber(value)).toBe(JSON.stringify(value));
});

test('uploaded decimals and full-precision scores alike are written as JSON.stringify writes them', () => {
  let seed = 3;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const mismatches: number[] = [];
  for (let i = 0; i < 200_000; i++) {
    const magnitude = 10 ** Math.floor(random() * 14 - 5);
    const raw = (random() - 0.5) * magnitude;
    const value = i % 3 === 0 ? raw : Number(raw.toFixed(i % 7));
    if (jsonNumber(value) !== JSON.stringify(value)) mismatches.push(value);
  }
  expect(mismatches).toEqual([]);
});
