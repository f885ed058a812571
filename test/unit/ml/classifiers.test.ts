import { LogisticRegression } from '../../../shared/ml/LogisticRegression';
import { HistGradientBoostingClassifier } from '../../../shared/ml/HistGradientBoostingClassifier';
import { rocAuc } from '../../../shared/ml/rocAuc';
import { createRng } from '../../../shared/ml/createRng';
import type { DenseMatrix } from '../../../shared/ml/DenseMatrix';

function linearData(n: number, seed: number): { X: DenseMatrix; y: number[]; p: number[] } {
  const rng = createRng(seed);
  const data = new Float64Array(n * 3), y: number[] = [], p: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.normal() * 5 + 10, b = rng.normal(), c = rng.normal();
    data.set([a, b, c], i * 3);
    const prob = 1 / (1 + Math.exp(-(0.8 * (a - 10) - 1.5 * b)));
    p.push(prob);
    y.push(rng.next() < prob ? 1 : 0);
  }
  return { X: { data, rows: n, cols: 3 }, y, p };
}

describe('LogisticRegression', () => {
  test('recovers the true coefficients on standardized features', () => {
    const { X, y } = linearData(20000, 1);
    const m = new LogisticRegression({ C: 1e6 }).fit(X, y);
    const s = m.state!;
    expect(Math.abs(s.coef[0] / s.scale[0] - 0.8)).toBeLessThan(0.06);
    expect(Math.abs(s.coef[1] / s.scale[1] + 1.5)).toBeLessThan(0.1);
    expect(Math.abs(s.coef[2])).toBeLessThan(0.05);
  });
  test('contributions add up to the log-odds; state round-trips', () => {
    const { X, y } = linearData(500, 2);
    const m = new LogisticRegression().fit(X, y);
    const p = m.predictProba(X), c = m.contributions(X);
    for (const i of [0, 17, 499]) {
      const z = m.state!.intercept + c[i * 3] + c[i * 3 + 1] + c[i * 3 + 2];
      expect(1 / (1 + Math.exp(-z))).toBeCloseTo(p[i], 12);
    }
    expect(Array.from(LogisticRegression.fromJSON(JSON.parse(JSON.stringify(m))).predictProba(X))).toEqual(Array.from(p));
  });
});

describe('HistGradientBoostingClassifier', () => {
  test('learns an interaction a linear model cannot, and Saabas contributions add up', () => {
    const rng = createRng(3);
    const n = 4000, data = new Float64Array(n * 2), y: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = rng.next() * 2 - 1, b = rng.next() * 2 - 1;
      data.set([a, b], i * 2);
      y.push((a > 0) !== (b > 0) ? (rng.next() < 0.9 ? 1 : 0) : (rng.next() < 0.1 ? 1 : 0));
    }
    const X = { data, rows: n, cols: 2 };
    const gbt = new HistGradientBoostingClassifier().fit(X, y);
    const lin = new LogisticRegression().fit(X, y);
    expect(rocAuc(y, gbt.predictProba(X))).toBeGreaterThan(0.85);
    expect(rocAuc(y, lin.predictProba(X))).toBeLessThan(0.6);
    const raw = gbt.decisionFunction(X), { bias, values } = gbt.contributions(X);
    for (const i of [0, 5, 3999]) expect(bias + values[i * 2] + values[i * 2 + 1]).toBeCloseTo(raw[i], 9);
    const back = HistGradientBoostingClassifier.fromJSON(JSON.parse(JSON.stringify(gbt)));
    expect(Array.from(back.predictProba(X))).toEqual(Array.from(gbt.predictProba(X)));
    expect(gbt.featureImportance().reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
  test('missing values go right and still score', () => {
    const X = { data: Float64Array.from([NaN, 1, 2, 3, NaN, 5, 6, 7, 8, 9].flatMap((v) => Array(10).fill(v))), rows: 100, cols: 1 };
    const y = Array.from(X.data, (v) => (Number.isNaN(v) ? 1 : v > 5 ? 1 : 0));
    const p = new HistGradientBoostingClassifier({ minSamplesLeaf: 5 }).fit(X, y).predictProba(X);
    expect(p.every((v) => Number.isFinite(v))).toBe(true);
    expect(rocAuc(y, p)).toBeGreaterThan(0.9);
  });
  test('stops early above 10,000 rows as scikit-learn does, once held-out loss stops improving', () => {
    // A linear signal: trees gain nothing after a few dozen rounds, and held-out loss says so.
    const { X, y } = linearData(30000, 7);
    const auto = new HistGradientBoostingClassifier().fit(X, y);
    const full = new HistGradientBoostingClassifier({ earlyStopping: false }).fit(X, y);
    expect(auto.state!.trees.length).toBeLessThan(100);
    expect(auto.state!.trees.length).toBeGreaterThan(10);
    expect(full.state!.trees.length).toBe(100);
    const test = linearData(5000, 8);
    expect(rocAuc(test.y, auto.predictProba(test.X))).toBeGreaterThan(rocAuc(test.y, full.predictProba(test.X)) - 0.005);
    // At or below 10,000 rows every round runs, unless asked otherwise.
    const small = linearData(5000, 9);
    expect(new HistGradientBoostingClassifier().fit(small.X, small.y).state!.trees.length).toBe(100);
    expect(new HistGradientBoostingClassifier({ earlyStopping: true }).fit(small.X, small.y).state!.trees.length).toBeLessThan(100);
  });
});
