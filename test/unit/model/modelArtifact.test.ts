import { FeaturePipeline } from '../../../shared/model/FeaturePipeline';
import { trainChurnModel } from '../../../shared/model/trainChurnModel';
import { predictChurn } from '../../../shared/model/churnModel';
import { takeRows } from '../../../shared/ml/DenseMatrix';
import { buildModelArtifact } from '../../../shared/model/ModelArtifact';
import { score } from '../../../shared/model/score';
import { fitKMeans, shutdownKMeansWorkers } from '../../../shared/ml/fitKMeans';
import { PCA } from '../../../shared/ml/PCA';
import { fitHeuristicChurnRisk } from '../../../shared/segments/heuristicChurnRisk';
import { createRng } from '../../../shared/ml/createRng';

afterAll(() => shutdownKMeansWorkers());

function customers(n: number, seed: number): { rows: Record<string, unknown>[]; y: number[] } {
  const rng = createRng(seed);
  const plans = ['basic', 'plus', 'pro', 'legacy'];
  const rows: Record<string, unknown>[] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const tenure = Math.floor(rng.next() * 60);
    const spend = 20 + rng.next() * 80;
    const plan = plans[Math.min(3, Math.floor(rng.next() ** 2 * 4))];
    const promo = rng.next() < 0.3 ? 'yes' : 'no';
    const logit = -0.06 * tenure + 0.02 * spend + (plan === 'basic' ? 0.8 : 0) - 0.5;
    y.push(rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
    rows.push({ id: `C${i}`, tenure: i % 50 === 0 ? '' : String(tenure), spend, plan: i % 70 === 0 ? null : plan, promo });
  }
  return { rows, y };
}

describe('FeaturePipeline', () => {
  test('imputes, scales, encodes; rows and column arrays give the same matrix', () => {
    const { rows } = customers(300, 1);
    const p = new FeaturePipeline({ numeric: ['tenure', 'spend'], categorical: ['plan'], boolean: ['promo'], maxCategories: 3 });
    const a = p.fitTransform(rows);
    expect(a.featureNames).toEqual(['tenure', 'spend', 'promo', 'plan=basic', 'plan=plus', 'plan=pro', 'plan=__other__']);
    expect(a.X.data.every((v) => Number.isFinite(v))).toBe(true);
    const cols = Object.fromEntries(['tenure', 'spend', 'plan', 'promo'].map((c) => [c, rows.map((r) => r[c])]));
    expect(Array.from(p.transform(cols).X.data)).toEqual(Array.from(a.X.data));
    expect(a.unscaled.data[1]).toBe(rows[0].spend);
    const back = FeaturePipeline.fromJSON(JSON.parse(JSON.stringify(p)));
    expect(Array.from(back.transform(rows).X.data)).toEqual(Array.from(a.X.data));
  });
});

describe('model artifact', () => {
  test('JSON round-trip scores new customers identically, with segments, churn and drivers', async () => {
    const { rows, y } = customers(1500, 2);
    const pipeline = new FeaturePipeline({ numeric: ['tenure', 'spend'], categorical: ['plan'], boolean: ['promo'] });
    const { X } = pipeline.fitTransform(rows);
    const km = await fitKMeans(X, { k: 3, seed: 0, nInit: 2 });
    const churn = await trainChurnModel(X, y, { seed: 0 });
    expect(churn.metrics.rocAuc).toBeGreaterThan(0.65);
    expect(churn.metrics.calibration.length).toBeGreaterThan(3);
    const model = buildModelArtifact({
      runId: 'abc123', pipeline, idColumn: 'id', pca: new PCA(2).fit(X).toJSON(), centers: km.centers,
      segments: [{ segment: 4, name: 'A' }, { segment: 5, name: 'B' }, { segment: 6, name: 'C' }],
      churnModel: { type: 'classifier', state: churn.model }, metrics: { churn: churn.metrics }, createdAt: '2026-01-01T00:00:00Z',
    });
    const reloaded = JSON.parse(JSON.stringify(model));
    expect(reloaded).toMatchObject({ version: 1, runId: 'abc123', createdAt: '2026-01-01T00:00:00Z' });
    const fresh = customers(50, 3).rows;
    const a = score(model, fresh), b = score(reloaded, fresh);
    expect(b).toEqual(a);
    expect(a[0].drivers.length).toBeGreaterThan(0);
    expect(a.every((s) => s.churnProbability! >= 0 && s.churnProbability! <= 1 && [4, 5, 6].includes(s.segment))).toBe(true);
    // training rows score into the segments k-means gave them
    const train = score(model, rows.slice(0, 200));
    expect(train.map((s) => s.segment)).toEqual(Array.from(km.labels.subarray(0, 200), (l) => 4 + l));
  });
  test('without a label, the heuristic risk is stored and applied', async () => {
    const { rows } = customers(200, 4);
    const pipeline = new FeaturePipeline({ numeric: ['tenure', 'spend'] });
    const { X } = pipeline.fitTransform(rows);
    const km = await fitKMeans(X, { k: 2, seed: 0 });
    const spend = rows.map((r) => Number(r.spend));
    const model = buildModelArtifact({
      runId: 'r', pipeline, centers: km.centers, segments: [{ segment: 0, name: 'x' }, { segment: 1, name: 'y' }],
      churnModel: { type: 'heuristic', state: fitHeuristicChurnRisk({ engagement: spend }), columns: { engagement: 'spend' } },
    });
    const s = score(JSON.parse(JSON.stringify(model)), [{ tenure: 5, spend: 21 }, { tenure: 5, spend: 99 }]);
    expect(s[0].churnProbability!).toBeGreaterThan(s[1].churnProbability!);
    expect(s[0].drivers).toEqual([]);
  });
});

describe('trainChurnModel on large tables', () => {
  test('above crossValidateUpTo the hold-out decides and the hold-out model is the one kept', async () => {
    const { rows, y } = customers(3000, 4);
    const pipeline = new FeaturePipeline({ numeric: ['tenure', 'spend'], categorical: ['plan'], boolean: ['promo'] });
    const { X } = pipeline.fitTransform(rows);
    const large = await trainChurnModel(X, y, { seed: 0, crossValidateUpTo: 2000 });
    expect(large.metrics.rule).toMatch(/^highest hold-out ROC-AUC \(3,000 labelled rows/);
    for (const c of large.metrics.candidates) {
      expect(c.cvRocAuc).toBeNull();
      expect(c.foldRocAuc).toEqual([]);
    }
    const best = large.metrics.candidates.reduce((a, b) => (b.holdoutRocAuc > a.holdoutRocAuc ? b : a));
    expect(large.metrics.chosen).toBe(best.kind);
    expect(large.metrics.rocAuc).toBe(best.holdoutRocAuc);
    // The kept model is the hold-out one: its scores on the test rows are the reported hold-out scores.
    const small = await trainChurnModel(X, y, { seed: 0 });
    expect(small.metrics.rule).toBe('highest mean stratified k-fold ROC-AUC');
    expect(small.metrics.candidates.every((c) => c.foldRocAuc.length === 5 && c.cvRocAuc !== null)).toBe(true);
    expect(large.holdout.rows).toEqual(small.holdout.rows);
    const scored = predictChurn(large.model, takeRows(X, large.holdout.rows));
    expect(Array.from(scored)).toEqual(Array.from(large.holdout.probabilities));
  });
});
