import { robustSpread } from '../../../shared/features/describeColumns';
import { median } from '../../../shared/ml/median';
import { robustZScores } from '../../../shared/features/robustZScores';

describe('robustSpread', () => {
  it('reads off sorted values the median and MAD that robustZScores selects', () => {
    let s = 3;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x80000000);
    let compared = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const n = 1 + Math.floor(next() * 40);
      const kind = trial % 4;
      const values = Float64Array.from({ length: n }, () =>
        kind === 0 ? Math.floor(next() * 5) : kind === 1 ? next() * 10 - 5 : kind === 2 ? Math.round(next() * 1000) / 10 : Math.floor(next() * 3) * 0.1,
      );
      const sorted = values.slice().sort();
      const spread = robustSpread(sorted);
      const expectedMedian = median(values);
      const expectedMad = median(Float64Array.from(values, (v) => Math.abs(v - expectedMedian)));
      expect(spread.median).toBe(expectedMedian);
      expect(spread.mad).toBe(expectedMad);
      if (expectedMad > 0) {
        expect(robustZScores(values).mad).toBe(spread.mad);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('leaves the MAD undecided with no values or infinite ones', () => {
    expect(robustSpread(new Float64Array(0)).median).toBeNaN();
    expect(robustSpread(Float64Array.from([1, 2, Infinity])).mad).toBeNaN();
    expect(robustSpread(Float64Array.from([1, 2, Infinity])).median).toBe(2);
  });
});
