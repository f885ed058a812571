import { countAbove, countBelow, priorityAmong, priorityScale, quintileAmong, rfmSegmentAmong, sortedValues } from '../../../shared/model/populationRanks';
import { createRng } from '../../../shared/ml/createRng';
import { customerPriority } from '../../../shared/segments/customerPriority';
import { rfmScores } from '../../../shared/segments/rfmScores';

/**
 * A new customer ranked against the run's population gets what the run gave a customer with the same
 * score: priority as segments/customerPriority.ts, RFM quintiles as segments/rfmScores.ts.
 */
function population(n: number, seed: number) {
  const rng = createRng(seed);
  const random = () => rng.next();
  const risk = Float64Array.from({ length: n }, () => random());
  const value = Float64Array.from({ length: n }, (_, i) => (i % 17 === 0 ? NaN : Math.round(random() * 50_000) / 100 - 20));
  return { risk, value };
}

describe('priorityAmong', () => {
  test('every run customer with a score of its own gets its run priority back (risk × value, risk, value)', () => {
    const { risk, value } = population(2_000, 3);
    for (const [r, v] of [[risk, value], [risk, undefined], [undefined, value]] as const) {
      const run = customerPriority(2_000, r, v);
      const scale = priorityScale(2_000, r, v, v ? 'spend' : null);
      const scores = Array.from({ length: 2_000 }, (_, i) => (r ? r[i]! * (v && Number.isFinite(v[i]) ? Math.max(0, v[i]!) : 1) : Number.isFinite(v![i]) ? v![i]! : -Infinity));
      const count = new Map<number, number>();
      for (const s of scores) count.set(s, (count.get(s) ?? 0) + 1);
      let unique = 0;
      for (let i = 0; i < 2_000; i++) {
        if (count.get(scores[i]!)! > 1) continue;
        unique++;
        expect([i, priorityAmong(scale, r?.[i], v?.[i], 1)]).toEqual([i, run[i]]);
      }
      expect(unique).toBeGreaterThan(100);
    }
  });

  test('a tie takes the first place among equals; without risk or value the place in the request', () => {
    const scale = priorityScale(4, Float64Array.of(0.9, 0.5, 0.5, 0.1), undefined, null);
    expect([0.95, 0.9, 0.5, 0.2, 0].map((r) => priorityAmong(scale, r, undefined, 1))).toEqual([1, 1, 2, 4, 5]);
    const none = priorityScale(4, undefined, undefined, null);
    expect(none.basis).toBe('order');
    expect(priorityAmong(none, undefined, undefined, 7)).toBe(7);
  });
});

describe('quintileAmong and rfmSegmentAmong', () => {
  test('a run customer with a value of its own gets its run quintiles and segment', () => {
    const rng = createRng(5);
  const random = () => rng.next();
    const n = 1_000;
    const recency = Float64Array.from({ length: n }, () => random() * 365);
    const frequency = Float64Array.from({ length: n }, () => 1 + random() * 40);
    const monetary = Float64Array.from({ length: n }, () => random() * 9_000);
    const run = rfmScores(recency, frequency, monetary);
    const scale = { columns: { recency: 'r', frequency: 'f', monetary: 'm' }, recency: sortedValues(recency), frequency: sortedValues(frequency), monetary: sortedValues(monetary) };
    for (let i = 0; i < n; i++) {
      expect([i, quintileAmong(scale.recency, recency[i]!, true), quintileAmong(scale.frequency, frequency[i]!, false), quintileAmong(scale.monetary, monetary[i]!, false)]).toEqual([
        i, run[i]!.r, run[i]!.f, run[i]!.m,
      ]);
      expect(rfmSegmentAmong(scale, recency[i]!, frequency[i]!)).toBe(run[i]!.segment);
    }
    expect(quintileAmong(scale.recency, NaN, true)).toBe(1);
  });

  test('beyond 50,000 values a sample with ranks keeps counts within one sampling step', () => {
    const values = Float64Array.from({ length: 120_000 }, (_, i) => (i * 7919) % 120_000);
    const s = sortedValues(values);
    expect(s.count).toBe(120_000);
    expect(s.values.length).toBe(50_000);
    for (const v of [0, 17.5, 60_000, 119_999, 200_000]) {
      const below = Array.from(values).filter((x) => x < v).length;
      const above = Array.from(values).filter((x) => x > v).length;
      expect(Math.abs(countBelow(s, v) - below)).toBeLessThanOrEqual(3);
      expect(Math.abs(countAbove(s, v) - above)).toBeLessThanOrEqual(3);
    }
  });
});
