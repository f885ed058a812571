import { evaluateK } from '../../../shared/ml/evaluateK';
import { chooseClusterCount } from '../../../shared/ml/chooseClusterCount';
import { makeBlobs } from './blobs';

describe('choosing k', () => {
  test('evaluateK over a range finds the true k of well-separated blobs', async () => {
    const { X } = makeBlobs(3000, 4, 4, 5, 25);
    const evals = await Promise.all([2, 3, 4, 5, 6, 7].map((k) => evaluateK(X, k, { seed: 0 })));
    for (let i = 1; i < evals.length; i++) expect(evals[i].inertia).toBeLessThan(evals[i - 1].inertia);
    const choice = chooseClusterCount(evals);
    expect(choice.k).toBe(4);
    expect(choice.reason).toMatch(/k=4/);
    expect(evals[2].silhouetteByCluster).toHaveLength(4);
    expect(evals[2].sizes.reduce((a, b) => a + b, 0)).toBe(3000);
  });
  test('prefers the best silhouette when the elbow separates clusters worse', () => {
    const c = chooseClusterCount([
      { k: 2, inertia: 100, silhouette: 0.3 },
      { k: 3, inertia: 40, silhouette: 0.35 },
      { k: 4, inertia: 35, silhouette: 0.5 },
      { k: 5, inertia: 32, silhouette: 0.45 },
    ]);
    expect(c.elbowK).toBe(3);
    expect(c.k).toBe(4);
  });
  test('skips a k whose smallest segment is a crumb', () => {
    const c = chooseClusterCount([
      { k: 2, inertia: 100, silhouette: 0.4, sizes: [500, 500] },
      { k: 3, inertia: 60, silhouette: 0.6, sizes: [600, 395, 5] },
    ]);
    expect(c.k).toBe(2);
  });
});
