import { describeWithData, sharedDataDir, sharedAnchorsDir } from '../../helpers/sharedData';
import { loadOneClick } from '../../../bench/lib/churnDatasets';
import { buildSegmentation, toLabels } from '../../../shared/model/buildSegmentation';
import { score } from '../../../shared/model/score';
import { shutdownKMeansWorkers } from '../../../shared/ml/fitKMeans';
import { createRng } from '../../../shared/ml/createRng';

afterAll(() => shutdownKMeansWorkers());

describeWithData('buildSegmentation on «В один клик»', () => {
  test('segments, churn, drivers, stable numbers and a model that scores like the run', () => {
    const ds = loadOneClick(sharedDataDir, sharedAnchorsDir);
    const rows = ds.rows.map((r) => ({ ...r }));
    const r = buildSegmentation(rows, {
      runId: 'run1', description: ds.description, idColumn: 'id', kRange: [2, 6],
      target: { column: 'Покупательская активность', positive: 'Снизилась' }, valueColumn: 'Прибыль', createdAt: '2026-01-01T00:00:00Z',
    });
    expect(r.k).toBeGreaterThanOrEqual(2);
    expect(r.evaluations.map((e) => e.k)).toEqual([2, 3, 4, 5, 6]);
    expect(r.segments.reduce((s, p) => s + p.size, 0)).toBe(1300);
    expect(r.segments.every((p) => p.name.length > 0 && p.suggestedAction.length > 0 && p.churnRate !== undefined && p.value !== undefined)).toBe(true);
    expect(new Set(r.segments.map((p) => p.priority)).size).toBe(r.k);
    expect(r.churnMetrics!.cvRocAuc).toBeGreaterThan(0.88);
    expect(r.drivers[0].length).toBe(3);
    expect(r.projection.length).toBe(2600);
    const scored = score(JSON.parse(JSON.stringify(r.model)), rows.slice(0, 100));
    expect(scored.map((s) => s.segment)).toEqual(Array.from(r.segment.subarray(0, 100)));
    for (let i = 0; i < 100; i++) expect(scored[i].churnProbability).toBeCloseTo(r.churnProbability![i], 12);
    // a retrain with the previous centroids keeps segment numbers
    const again = buildSegmentation(rows, {
      runId: 'run2', description: ds.description, k: r.k, seed: 5,
      previous: r.model.centroids.map((c) => ({ segment: c.segment, centroid: c.center })),
    });
    let same = 0;
    for (let i = 0; i < 1300; i++) same += again.segment[i] === r.segment[i] ? 1 : 0;
    expect(same / 1300).toBeGreaterThan(0.8);
  });
});

describe('buildSegmentation without a label', () => {
  test('heuristic risk and RFM segments', () => {
    const rng = createRng(4);
    const rows = Array.from({ length: 600 }, (_, i) => ({
      customer: `C${i}`, recency_days: Math.floor(rng.next() * 300), order_count: 1 + Math.floor(rng.next() * 20),
      total_revenue: Math.round(rng.next() * 5000), minutes: rng.next() * 60,
    }));
    const r = buildSegmentation(rows, {
      runId: 'x', description: { numeric: ['recency_days', 'order_count', 'total_revenue', 'minutes'] }, kRange: [2, 4],
      heuristic: { recency: 'recency_days', engagement: 'minutes' }, valueColumn: 'total_revenue',
    });
    expect(r.rfm).toHaveLength(600);
    expect(r.churnProbability!.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(r.model.churnModel!.type).toBe('heuristic');
    expect(r.segmentsJson).toMatchObject({ runId: 'x', k: r.k });
  });
  test('labels from a target column', () => {
    expect(toLabels(['Yes', 'No', 'yes'])).toEqual([1, 0, 1]);
    expect(toLabels(['a', 'b', 'b'])).toEqual([1, 0, 0]);
    expect(toLabels(['Снизилась', 'Прежний уровень'], 'Снизилась')).toEqual([1, 0]);
  });
});
