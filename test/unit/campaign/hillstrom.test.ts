import { fitUplift } from '../../../shared/campaign/fitUplift';
import { measureLift } from '../../../shared/campaign/measureLift';
import { rowsOfArm } from '../../../shared/campaign/treatmentArms';
import { loadHillstrom, type HillstromData } from '../../../tools/datasets/hillstrom';
import { describeWithData, sharedDataDir } from '../../helpers/sharedData';

// Skipped with its reason when ../shared/data is absent (describeWithData).
describeWithData('Hillstrom e-mail experiment (64,000 customers, randomized)', () => {
  let data: HillstromData;
  beforeAll(() => {
    data = loadHillstrom(sharedDataDir);
  });

  const rate = (outcome: Float64Array, rows: number[]) => rows.reduce((s, i) => s + outcome[i]!, 0) / rows.length;

  test.each([
    ['visit', 'Mens E-Mail', 1, 0.1828, 0.1062],
    ['visit', 'Womens E-Mail', 2, 0.1514, 0.1062],
    ['conversion', 'Mens E-Mail', 1, 0.0125, 0.0057],
    ['conversion', 'Womens E-Mail', 2, 0.0088, 0.0057],
  ] as const)('measured lift on %s for %s equals the experiment\'s own difference in rates, with its interval', (outcomeName, _arm, a, publishedArm, publishedControl) => {
    const outcome = data[outcomeName];
    const treated = rowsOfArm(data.armOf, a), control = rowsOfArm(data.armOf, 0);
    const lift = measureLift({ treated, control }, new Int32Array(data.rows), outcome, data.spend);
    expect(lift.overall.status).toBe('measured');
    if (lift.overall.status !== 'measured') return;
    const own = rate(outcome, treated) - rate(outcome, control);
    expect(lift.overall.outcome.difference).toBeCloseTo(own, 12);
    // The rates SOURCE.md states, to their printed precision.
    expect(lift.overall.outcome.treated.rate).toBeCloseTo(publishedArm, 4);
    expect(lift.overall.outcome.control.rate).toBeCloseTo(publishedControl, 4);
    expect(lift.overall.outcome.low).toBeLessThan(own);
    expect(lift.overall.outcome.high).toBeGreaterThan(own);
    // Every arm raised both rates: the interval excludes no effect.
    expect(lift.overall.outcome.low).toBeGreaterThan(0);
    expect(lift.overall.spend!.difference).toBeCloseTo(rate(data.spend, treated) - rate(data.spend, control), 10);
  });

  test("two-model uplift on visits: on held-out customers the women's arm beats random targeting on every split, and each arm on average over five", () => {
    const qini = new Map<string, number[]>();
    for (let seed = 0; seed < 5; seed++) {
      const fit = fitUplift(data.X, data.visit, data.armOf, data.arms, 1, { seed });
      expect(fit.arms.map((a) => a.arm)).toEqual(['Mens E-Mail', 'Womens E-Mail']);
      for (const arm of fit.arms) {
        expect(arm.heldOut.customers).toBeGreaterThan(12_000);
        qini.set(arm.arm, [...(qini.get(arm.arm) ?? []), arm.heldOut.qini]);
      }
      const womens = fit.arms[1]!.heldOut;
      expect(womens.auuc).toBeGreaterThan(womens.randomAuuc);
    }
    // The men's e-mail lifted visits almost uniformly, so its ranking is weak: positive on average, not on every split.
    for (const [, values] of qini) expect(values.reduce((a, b) => a + b, 0) / values.length).toBeGreaterThan(0);
  }, 400_000);
});
