import { rocAuc, rocCurve } from '../../../shared/ml/rocAuc';
import { averagePrecision } from '../../../shared/ml/averagePrecision';
import { calibrationBins } from '../../../shared/ml/calibrationBins';
import { adjustedRandIndex } from '../../../shared/ml/adjustedRandIndex';
import { silhouette } from '../../../shared/ml/silhouette';
import { linearSumAssignment } from '../../../shared/ml/linearSumAssignment';
import { findKnee } from '../../../shared/ml/findKnee';
import { stratifiedKFold, stratifiedTrainTestSplit } from '../../../shared/ml/stratifiedSplit';
import { matrixFromRows } from '../../../shared/ml/DenseMatrix';

describe('ranking metrics, hand-checked', () => {
  test('ROC-AUC of the scikit-learn doc example is 0.75', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });
  test('ROC-AUC counts ties as half', () => {
    // pairs (pos, neg): (0.5,0.5) ½, (0.5,0.2) 1, (0.9,0.5) 1, (0.9,0.2) 1 → 3.5 / 4
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 12);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });
  test('ROC curve runs from (0,0) to (1,1)', () => {
    const c = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect([c.fpr[0], c.tpr[0]]).toEqual([0, 0]);
    expect([c.fpr.at(-1), c.tpr.at(-1)]).toEqual([1, 1]);
    expect(c.tpr).toEqual([0, 0.5, 0.5, 1, 1]);
  });
  test('average precision of the doc example is 0.8333', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.8333333333, 8);
  });
  test('calibration bins and Brier score', () => {
    const c = calibrationBins([0, 1, 1, 0], [0.05, 0.95, 0.85, 0.15], 10);
    expect(c.bins.map((b) => b.count)).toEqual([1, 1, 1, 1]);
    expect(c.brier).toBeCloseTo((0.05 ** 2 + 0.05 ** 2 + 0.15 ** 2 + 0.15 ** 2) / 4, 12);
  });
});

describe('clustering metrics', () => {
  test('adjusted Rand index matches scikit-learn', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2])).toBeCloseTo(0.4444444444, 9);
    expect(adjustedRandIndex([0, 0, 1, 1], [5, 5, 3, 3])).toBe(1);
  });
  test('silhouette matches scikit-learn exactly on a small case', () => {
    const X = matrixFromRows([[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5], [10, 0]]);
    const s = silhouette(X, [0, 0, 0, 1, 1, 1, 1], 2);
    expect(s.score).toBeCloseTo(0.6438483120696906, 12);
    expect(s.perCluster[0]).toBeCloseTo((0.87764429 + 0.84290222 + 0.83734616) / 3, 7);
  });
  test('Hungarian assignment finds the minimum-cost matching', () => {
    const cost = [[4, 1, 3], [2, 0, 5], [3, 2, 2]];
    const a = linearSumAssignment(cost);
    expect(a.reduce((s, c, r) => s + cost[r][c], 0)).toBe(5);
    expect(new Set(a).size).toBe(3);
    expect(linearSumAssignment([[1, 9], [9, 1], [5, 5]]).filter((c) => c >= 0).length).toBe(2);
  });
  test('kneedle finds the elbow of an inertia curve', () => {
    expect(findKnee([1, 2, 3, 4, 5, 6, 7], [1000, 400, 150, 120, 100, 90, 85])).toBe(2);
    expect(findKnee([1, 2], [3, 1])).toBe(-1);
  });
});

describe('stratified splits', () => {
  const y = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0));
  test('hold-out keeps the class ratio', () => {
    const { train, test } = stratifiedTrainTestSplit(y, 0.2, 1);
    expect(test.length).toBe(20);
    expect(test.filter((r) => y[r] === 1).length).toBe(5);
    expect(new Set([...train, ...test]).size).toBe(100);
  });
  test('folds are balanced', () => {
    const f = stratifiedKFold(y, 5, 1);
    for (let k = 0; k < 5; k++) {
      const rows = y.map((_, i) => i).filter((i) => f[i] === k);
      expect(rows.length).toBe(20);
      expect(rows.filter((r) => y[r] === 1).length).toBe(5);
    }
  });
});

describe('silhouette on a sample', () => {
  test('scores every labelling of one matrix as a fresh computation would, cached pair distances or not', () => {
    let seed = 5;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const rows = Array.from({ length: 900 }, (_, i) => [next() + (i % 3) * 2, next() * 3, next()]);
    const X = matrixFromRows(rows);
    for (const k of [2, 3, 4]) {
      const labels = rows.map((_, i) => (i * 7 + k) % k);
      const cached = silhouette(X, labels, k, { sampleSize: 500, seed: 1 });
      // A copy lives in another buffer, so nothing cached for X applies to it.
      const fresh = silhouette(matrixFromRows(rows), labels, k, { sampleSize: 500, seed: 1 });
      expect(cached).toEqual(fresh);
      // A view over X's buffer with other rows is a different matrix, not a cache hit.
      const view = { data: X.data.subarray(0, 600 * 3), rows: 600, cols: 3 };
      const freshView = silhouette(matrixFromRows(rows.slice(0, 600)), labels.slice(0, 600), k, { sampleSize: 500, seed: 1 });
      expect(silhouette(view, labels.slice(0, 600), k, { sampleSize: 500, seed: 1 })).toEqual(freshView);
    }
  });
});
