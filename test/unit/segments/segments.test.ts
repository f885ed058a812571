import { rfmScores, rfmSegmentName, findRfmColumns } from '../../../shared/segments/rfmScores';
import { fitHeuristicChurnRisk, heuristicChurnRisk } from '../../../shared/segments/heuristicChurnRisk';
import { profileSegments } from '../../../shared/segments/profileSegments';
import { nameSegment } from '../../../shared/segments/nameSegment';
import { matchSegments, segmentDrift } from '../../../shared/segments/matchSegments';

describe('RFM', () => {
  test('quintile scores and classic names', () => {
    const n = 10;
    const recency = Array.from({ length: n }, (_, i) => i * 10); // row 0 most recent
    const frequency = Array.from({ length: n }, (_, i) => n - i); // row 0 most frequent
    const monetary = Array.from({ length: n }, (_, i) => 100 - i);
    const s = rfmScores(recency, frequency, monetary);
    expect(s[0]).toMatchObject({ r: 5, f: 5, m: 5, code: '555', segment: 'Champions' });
    expect(s[9]).toMatchObject({ r: 1, f: 1, segment: 'Hibernating' });
    expect(rfmSegmentName(1, 5)).toBe("Can't lose them");
    expect(rfmSegmentName(2, 3)).toBe('At risk');
    expect(rfmSegmentName(5, 1)).toBe('New customers');
    expect(findRfmColumns(['id', 'recency_days', 'order_count', 'total_revenue'])).toEqual({ recency: 'recency_days', frequency: 'order_count', monetary: 'total_revenue' });
    expect(findRfmColumns(['id', 'age'])).toBeUndefined();
  });
});

describe('heuristic churn risk', () => {
  test('ranks lapsed, declining, disengaged customers highest', () => {
    const signals = { recency: [1, 5, 90, 60], recentActivity: [10, 8, 1, 2], earlierActivity: [10, 8, 10, 4], engagement: [30, 20, 2, 5] };
    const state = fitHeuristicChurnRisk(signals);
    const r = heuristicChurnRisk(JSON.parse(JSON.stringify(state)), signals, 4);
    expect(r[2]).toBeGreaterThan(r[3]);
    expect(r[3]).toBeGreaterThan(r[1]);
    expect(r[1]).toBeGreaterThan(r[0]);
    expect(() => fitHeuristicChurnRisk({})).toThrow(/no recency/);
  });
});

describe('segment profiles', () => {
  test('size, centroid in original units, distinguishing z, churn, value, priority, name, action', () => {
    // segment 0: big spenders at risk; segment 1: small, safe
    const rows = [[900, 1], [950, 2], [1000, 1], [100, 20], [120, 25], [110, 22]];
    const unscaled = { data: Float64Array.from(rows.flat()), rows: 6, cols: 2 };
    const p = profileSegments({
      labels: [0, 0, 0, 1, 1, 1], k: 2, unscaled, featureNames: ['monthly_spend', 'minutes_on_site'],
      risk: [0.8, 0.7, 0.9, 0.1, 0.2, 0.1], churnLabel: [1, 1, 0, 0, 0, 0], value: [900, 950, 1000, 100, 120, 110],
      silhouetteByCluster: [0.5, 0.6],
    });
    expect(p[0]).toMatchObject({ segment: 0, size: 3, share: 0.5, churnRate: 0.6667, meanChurnProbability: 0.8, value: 950, priority: 1, silhouette: 0.5 });
    expect(p[0].centroid.monthly_spend).toBe(950);
    expect(p[0].distinguishing[0].feature).toBe('monthly_spend');
    expect(p[0].distinguishing[0].z).toBeGreaterThan(0.9);
    expect(p[0].name).toBe('High-value at risk');
    expect(p[1].priority).toBe(2);
    // Segment 1 is safe (risk 0.13 against 0.47); what sets it apart most in business terms is that it
    // spends far less (spend theme, low).
    expect(p[1].name).toBe('Steady customers: light spenders');
    expect(p[0].suggestedAction).toMatch(/^Retention offer/);
  });
  test('names from themes', () => {
    expect(nameSegment({ distinguishing: [{ feature: 'promo_share', z: 1.2 }, { feature: 'minutes_on_site', z: 0.9 }] })).toBe('Bargain hunters, engaged');
    expect(nameSegment({ distinguishing: [{ feature: 'x', z: 0.1 }], riskRatio: 1.5, valueZ: -1 })).toBe('Low-value drifting away');
  });
});

describe('stable segment identity', () => {
  test('Hungarian matching keeps segment numbers across runs; drift report', () => {
    const previous = [{ segment: 0, centroid: [0, 0] }, { segment: 1, centroid: [10, 10] }, { segment: 2, centroid: [0, 10] }];
    const next = [[0.5, 9.5], [9.8, 10.1], [0.1, -0.2], [20, 20]];
    expect(matchSegments(previous, next)).toEqual([2, 1, 0, 3]);
    const drift = segmentDrift(
      { runId: 'a', segments: [{ segment: 0, centroid: [0, 0], size: 10 }], assignments: new Map([['x', 0], ['y', 0], ['z', 1]]), rocAuc: 0.8 },
      { runId: 'b', segments: [{ segment: 0, centroid: [3, 4], size: 12 }], assignments: new Map([['x', 5], ['y', 5], ['z', 6]]), rocAuc: 0.82 },
    );
    expect(drift).toMatchObject({ previousRunId: 'a', ari: 1, sizeShift: [{ segment: 0, before: 10, after: 12 }], centroidShift: [{ segment: 0, distance: 5 }], metricChange: { rocAuc: [0.8, 0.82] } });
  });
});
