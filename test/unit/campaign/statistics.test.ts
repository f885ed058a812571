import { meanDifference } from '../../../shared/campaign/meanDifference';
import { qiniCurve } from '../../../shared/campaign/qiniCurve';
import { treatmentArms } from '../../../shared/campaign/treatmentArms';
import { mulberry32 } from '../../../tools/random/mulberry32';

describe('spend difference', () => {
  const rand = mulberry32(4);
  // Mostly zeros with a long tail, as spend is; treated spend 0.5 higher on average.
  const spend = (n: number, extra: number) => Float64Array.from({ length: n }, () => (rand() < 0.1 ? 5 + extra * 10 - 10 * Math.log(1 - rand()) : 0));

  test('small groups get a seeded bootstrap interval around the difference; large groups the Welch interval, which holds the true difference', () => {
    const treated = spend(3000, 0.5), control = spend(3000, 0);
    const boot = meanDifference(treated, control, 1);
    expect(boot.method).toBe('bootstrap');
    expect(boot.low).toBeLessThan(boot.difference);
    expect(boot.high).toBeGreaterThan(boot.difference);
    const welch = meanDifference(spend(15_000, 0.5), spend(15_000, 0), 1);
    expect(welch.method).toBe('welch');
    expect(welch.low).toBeLessThanOrEqual(0.5);
    expect(welch.high).toBeGreaterThanOrEqual(0.5);
    // Same seed, same interval: a run repeats.
    expect(meanDifference(treated, control, 1)).toEqual(boot);
  });
});

describe('Qini curve', () => {
  // 100 treated and 100 control; treatment adds a desired outcome exactly for the first 50 of each group's ids.
  const n = 200;
  const treated = Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0));
  const responsive = (i: number) => Math.floor(i / 2) < 50;
  const desired = Float64Array.from({ length: n }, (_, i) => (treated[i] && responsive(i) ? 1 : 0));

  test('ranking the responsive customers first beats random; the reverse order falls below it', () => {
    const good = qiniCurve(Float64Array.from({ length: n }, (_, i) => (responsive(i) ? 1 : 0) + i * 1e-9), desired, treated);
    const bad = qiniCurve(Float64Array.from({ length: n }, (_, i) => (responsive(i) ? 0 : 1)), desired, treated);
    expect(good.curve.at(-1)!.gain).toBe(50);
    expect(good.qini).toBeGreaterThan(0.05);
    expect(bad.qini).toBeLessThan(0);
    expect(good.randomAuuc).toBeCloseTo(bad.randomAuuc, 12);
  });
});

describe('treatment arms', () => {
  const column = { name: 'segment', kind: 'string' as const, values: ['Mens E-Mail', 'No E-Mail', 'Womens E-Mail', null, 'No E-Mail'] };

  test('the control is recognised from the values, every other value is an arm, missing is neither', () => {
    const arms = treatmentArms(column, undefined)!;
    expect(arms).toMatchObject({ control: 'No E-Mail', controlFrom: 'values', arms: ['Mens E-Mail', 'Womens E-Mail'] });
    expect(Array.from(arms.armOf)).toEqual([1, 0, 2, -1, 0]);
  });

  test('a control that cannot be told is not guessed', () => {
    expect(treatmentArms({ ...column, values: ['A', 'B', 'C'] }, undefined)).toBeUndefined();
    expect(treatmentArms({ ...column, values: ['A', 'B', 'C'] }, 'B')!.arms).toEqual(['A', 'C']);
  });
});
