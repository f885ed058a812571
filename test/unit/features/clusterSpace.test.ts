import { ClusterSpace, pcaMinFeatures, pcaVarianceShare } from '../../../shared/features/ClusterSpace';
import { flagGap } from '../../../shared/features/clusterWeights';
import { createRng } from '../../../shared/ml/createRng';
import { fitKMeans, nearestCenters, shutdownKMeansWorkers } from '../../../shared/ml/fitKMeans';
import { buildModelArtifact } from '../../../shared/model/ModelArtifact';
import { FeaturePipeline } from '../../../shared/model/FeaturePipeline';
import { score } from '../../../shared/model/score';

afterAll(() => shutdownKMeansWorkers());

/** Spend and tenure without groups of their own, a flag held by 30 %, a rare 0/1 column, a plan with three values, a constant. */
function customers(n: number, seed: number): Record<string, unknown>[] {
  const rng = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Array.from({ length: n }, (_, i) => ({
    id: `C${i}`,
    spend: 50 + 15 * normal(),
    tenure: 24 + 8 * normal(),
    paperless: rng.next() < 0.3 ? 'yes' : 'no',
    complained: rng.next() < 0.05 ? 1 : 0,
    plan: ['basic', 'plus', 'pro'][Math.floor(rng.next() * 3)],
    country: 'PT',
  }));
}

const description = { numeric: ['spend', 'tenure', 'complained'], boolean: ['paperless'], categorical: ['plan', 'country'] };

function column(X: { data: Float64Array; cols: number; rows: number }, j: number): number[] {
  return Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + j]!);
}

describe('ClusterSpace: what segments are clustered on', () => {
  const rows = customers(2000, 7);
  const pipeline = new FeaturePipeline(description);
  const { X, featureNames } = pipeline.fitTransform(rows);
  const space = new ClusterSpace().fit(X, pipeline.toJSON());
  const Z = space.transform(X);

  test('numeric columns count in full; a flag, a 0/1 column and a category column each span flagGap; a constant column nothing', () => {
    expect(featureNames.slice(0, 4)).toEqual(['spend', 'tenure', 'complained', 'paperless']);
    expect(featureNames.slice(4, 7).sort()).toEqual(['plan=basic', 'plan=plus', 'plan=pro']);
    expect(featureNames[7]).toBe('country=PT');
    const w = space.toJSON().weights;
    expect(w.slice(0, 2)).toEqual([1, 1]);
    const spread = (j: number) => Math.max(...column(Z, j)) - Math.min(...column(Z, j));
    // A flag's two values lie flagGap apart however rare it is (the 0/1 number at 5 % as the boolean at 30 %).
    expect(spread(2)).toBeCloseTo(flagGap, 12);
    expect(spread(3)).toBeCloseTo(flagGap, 12);
    // Two customers of different plans lie flagGap apart: the plan weighs like one flag.
    const planOf = (i: number) => [4, 5, 6].map((j) => Z.data[i * Z.cols + j]!);
    const a = rows.findIndex((r) => r.plan === 'basic'), b = rows.findIndex((r) => r.plan === 'pro');
    expect(Math.hypot(...planOf(a).map((v, t) => v - planOf(b)[t]!))).toBeCloseTo(flagGap, 12);
    expect(w[7]).toBe(0);
    expect(space.toJSON().pca).toBeNull();
    expect(Z.cols).toBe(X.cols);
  });

  test('k-means on the plain features makes a flag a segment; on the cluster space no flag is one', async () => {
    // The closest any segment comes to being the holders of one value of a flag (Jaccard of the two sets).
    const closestFlag = (labels: Int32Array, k: number) => {
      let best = 0;
      for (const j of [2, 3, 4, 5, 6]) {
        for (const v of new Set(column(X, j))) {
          for (let c = 0; c < k; c++) {
            let both = 0, either = 0;
            for (let i = 0; i < X.rows; i++) {
              const inSegment = labels[i] === c, holds = X.data[i * X.cols + j] === v;
              if (inSegment && holds) both++;
              if (inSegment || holds) either++;
            }
            best = Math.max(best, both / either);
          }
        }
      }
      return best;
    };
    for (const k of [2, 3]) {
      // Standardized, the flags' values lie 2.2 (30 %) and 4.6 (5 %) apart, wider than spend or tenure spread: k-means splits on them.
      expect(closestFlag((await fitKMeans(X, { k, nInit: 4, seed: 1 })).labels, k)).toBeGreaterThan(0.95);
      expect(closestFlag((await fitKMeans(Z, { k, nInit: 4, seed: 1 })).labels, k)).toBeLessThan(0.7);
    }
  });

  test('a wide table is clustered on the fewest principal components keeping the stated share of variance', () => {
    const rng = createRng(3);
    const wide = Array.from({ length: 600 }, () => {
      const activity = rng.next(), value = rng.next();
      return Object.fromEntries(Array.from({ length: pcaMinFeatures }, (_, j) => [`m${j}`, (j % 2 ? activity : value) * (1 + j / 10) + 0.05 * rng.next()]));
    });
    const names = Object.keys(wide[0]!);
    const p = new FeaturePipeline({ numeric: names });
    const { X: W } = p.fitTransform(wide);
    const s = new ClusterSpace().fit(W, p.toJSON()).toJSON();
    expect(s.pca).not.toBeNull();
    expect(s.varianceKept!).toBeGreaterThanOrEqual(pcaVarianceShare);
    // Two underlying measures: two components carry them.
    expect(s.pca!.nComponents).toBe(2);
    const narrower = new FeaturePipeline({ numeric: names.slice(0, pcaMinFeatures - 1) });
    const { X: N } = narrower.fitTransform(wide);
    expect(new ClusterSpace().fit(N, narrower.toJSON()).toJSON().pca).toBeNull();
  });

  test('model.json keeps the space: scoring the run\'s customers puts each in the segment the run gave it', async () => {
    const fitted = await fitKMeans(Z, { k: 3, nInit: 4, seed: 2 });
    const labels = nearestCenters(Z, fitted.centers);
    const model = JSON.parse(JSON.stringify(buildModelArtifact({
      runId: 'r1',
      pipeline,
      centers: new Float64Array(3 * X.cols),
      segments: [0, 1, 2].map((c) => ({ segment: c + 1, name: `S${c + 1}` })),
      clustering: { algorithm: 'lloyd', space: space.toJSON(), centers: fitted.centers },
    })));
    expect(model.clustering.centers).toHaveLength(3);
    const scored = score(model, rows);
    expect(scored.map((s) => s.segment)).toEqual(Array.from(labels, (c) => c + 1));
  });
});
