import { argsortFloat64 } from '../../../shared/ml/argsortFloat64';
import { binFeatures } from '../../../shared/ml/binFeatures';
import { HistGradientBoostingClassifier } from '../../../shared/ml/HistGradientBoostingClassifier';
import { createRng } from '../../../shared/ml/createRng';

describe('argsortFloat64', () => {
  test('orders values as TypedArray sort does, ties kept in input order', () => {
    const rng = createRng(11);
    const special = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1, -1, 1e300, -1e300];
    const kinds: (() => number)[] = [
      () => rng.normal(),
      () => Math.round(rng.normal() * 2), // many ties
      () => special[rng.int(special.length)]!,
      () => Math.exp(rng.normal() * 40) * (rng.next() < 0.5 ? -1 : 1),
    ];
    for (const draw of kinds) {
      for (const m of [0, 1, 2, 31, 5000]) {
        const values = Float64Array.from({ length: m }, draw);
        const order = argsortFloat64(values);
        const expected = values.slice().sort();
        for (let k = 0; k < m; k++) {
          expect(Object.is(values[order[k]!], expected[k])).toBe(true);
          if (k > 0 && Object.is(values[order[k]!], values[order[k - 1]!])) expect(order[k]!).toBeGreaterThan(order[k - 1]!);
        }
      }
    }
  });
});

describe('binFeatures', () => {
  test('codes are column-major, each the number of edges below the value, missing values in their own bin', () => {
    const rng = createRng(5);
    const n = 3000, F = 3;
    const data = new Float64Array(n * F);
    for (let i = 0; i < n; i++) {
      data[i * F] = rng.normal() * 10; // many distinct values: quantile edges
      data[i * F + 1] = rng.int(4); // four values: midpoints
      data[i * F + 2] = rng.next() < 0.1 ? NaN : rng.next();
    }
    const { edges, codes, offsets, totalBins } = binFeatures({ data, rows: n, cols: F }, 255);
    expect(Array.from(edges[1]!)).toEqual([0.5, 1.5, 2.5]);
    expect(edges[0]!.length).toBeLessThanOrEqual(254);
    for (let f = 0; f < F; f++) {
      const e = edges[f]!;
      expect(offsets[f + 1]! - offsets[f]!).toBe(e.length + 2);
      for (let i = 0; i < n; i++) {
        const v = data[i * F + f]!;
        const expected = Number.isNaN(v) ? e.length + 1 : e.filter((edge) => edge < v).length;
        expect(codes[f * n + i]).toBe(expected);
      }
    }
    expect(totalBins).toBe(offsets[F]);
  });
});

describe('HistGradientBoostingClassifier training', () => {
  test('the same rows and seed give the same model, tree for tree', () => {
    const rng = createRng(9);
    const n = 12000, data = new Float64Array(n * 4), y: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = rng.normal(), b = rng.normal(), c = rng.int(3), d = rng.next() < 0.05 ? NaN : rng.normal();
      data.set([a, b, c, d], i * 4);
      y.push(rng.next() < 1 / (1 + Math.exp(-(a - 0.5 * b + (c === 2 ? 1 : 0)))) ? 1 : 0);
    }
    const X = { data, rows: n, cols: 4 };
    const first = JSON.stringify(new HistGradientBoostingClassifier({ seed: 3 }).fit(X, y));
    const second = JSON.stringify(new HistGradientBoostingClassifier({ seed: 3 }).fit(X, y));
    expect(second).toBe(first);
    expect(JSON.parse(first).trees.length).toBeGreaterThan(5);
  });
});
