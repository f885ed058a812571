import { customerPriority } from '../../../shared/segments/customerPriority';
import type { Outcome } from '../../../shared/segments/goalWording';
import { nameSegment, type SegmentTraits } from '../../../shared/segments/nameSegment';
import { segmentAction } from '../../../shared/segments/segmentAction';
import { profileSegments } from '../../../shared/segments/profileSegments';

/** Words that cast a customer as someone leaving: never for a conversion target. */
const churnWords = /at risk|win[- ]?back|churn|retention|before they leave|drifting away/i;

/** Every combination of risk, value and feature themes the names and actions branch on. */
function traitGrid(outcome?: Outcome): SegmentTraits[] {
  const features = [
    [],
    [{ feature: 'promo_share', z: 1.2 }, { feature: 'minutes_on_site', z: 0.9 }],
    [{ feature: 'Contract=Month-to-month', z: 1.1 }],
    [{ feature: 'tenure', z: -0.8 }],
  ];
  const out: SegmentTraits[] = [];
  for (const riskRatio of [undefined, 0.5, 1, 1.6])
    for (const valueZ of [undefined, -1, 0, 1])
      for (const distinguishing of features) out.push({ distinguishing, riskRatio, valueZ, ...(outcome ? { outcome } : {}) });
  return out;
}

describe('segment names and actions follow the goal', () => {
  it('a conversion target names likely buyers to invite, never customers at risk to win back', () => {
    const conversion: Outcome = { goal: 'conversion', target: 'y', positive: 'yes' };
    for (const t of traitGrid(conversion)) {
      expect(nameSegment(t)).not.toMatch(churnWords);
      expect(segmentAction(t)).not.toMatch(churnWords);
    }
    expect(nameSegment({ distinguishing: [], riskRatio: 1.6, valueZ: 1, outcome: conversion })).toBe('High-value likely buyers');
    expect(nameSegment({ distinguishing: [{ feature: 'promo_share', z: 1.2 }], riskRatio: 1.6, outcome: conversion })).toBe('Likely buyers: bargain hunters');
    expect(nameSegment({ distinguishing: [], riskRatio: 0.5, outcome: conversion })).toBe('Unlikely to buy now');
    expect(segmentAction({ distinguishing: [], riskRatio: 1.6, valueZ: 1, outcome: conversion })).toMatch(/^Invitation to buy with a personal, tailored offer/);
    expect(segmentAction({ distinguishing: [], riskRatio: 0.5, outcome: conversion })).toMatch(/^Light-touch content, no offer yet/);
  });

  it('a churn target keeps its words', () => {
    const churn: Outcome = { goal: 'churn', target: 'Churn', positive: 'Yes' };
    expect(nameSegment({ distinguishing: [], riskRatio: 1.6, valueZ: 1, outcome: churn })).toBe('High-value at risk');
    expect(nameSegment({ distinguishing: [{ feature: 'x', z: 0.1 }], riskRatio: 1.5, valueZ: -1, outcome: churn })).toBe('Low-value drifting away');
    expect(segmentAction({ distinguishing: [], riskRatio: 1.6, valueZ: -1, outcome: churn })).toMatch(/^Retention offer at low cost/);
    // without an outcome the words are churn's, as before goals existed
    expect(nameSegment({ distinguishing: [], riskRatio: 1.6, valueZ: 1 })).toBe('High-value at risk');
  });

  it('an unknown goal speaks neutrally, never naming the target column or its code', () => {
    const neutral: Outcome = { goal: 'neutral', target: 'Exited', positive: '1' };
    for (const t of traitGrid(neutral)) {
      expect(nameSegment(t)).not.toMatch(churnWords);
      expect(segmentAction(t)).not.toMatch(churnWords);
      expect(nameSegment(t)).not.toMatch(/buyers|buy now/);
    }
    for (const t of traitGrid(neutral)) expect(nameSegment(t)).not.toMatch(/Exited|= 1/);
    expect(nameSegment({ distinguishing: [], riskRatio: 1.6, valueZ: 1, outcome: neutral })).toBe('High-value, higher likelihood');
    expect(nameSegment({ distinguishing: [], riskRatio: 1.6, outcome: neutral })).toBe('Higher likelihood');
    expect(segmentAction({ distinguishing: [], riskRatio: 1.6, outcome: neutral })).toMatch(/^Targeted test action/);
  });
});

describe('profileSegments', () => {
  // segment 0: big spenders who convert; segment 1: small, rarely converting
  const rows = [[900, 1], [950, 2], [1000, 1], [100, 20], [120, 25], [110, 22]];
  const unscaled = { data: Float64Array.from(rows.flat()), rows: 6, cols: 2 };
  const base = { labels: [0, 0, 0, 1, 1, 1], k: 2, unscaled, featureNames: ['monthly_spend', 'minutes_on_site'] };

  it('names and actions of a conversion target invite likely buyers', () => {
    const p = profileSegments({
      ...base, risk: [0.8, 0.7, 0.9, 0.1, 0.2, 0.1], churnLabel: [1, 1, 0, 0, 0, 0], value: [900, 950, 1000, 100, 120, 110],
      outcome: { goal: 'conversion', target: 'Response', positive: '1' },
    });
    expect(p[0]).toMatchObject({ name: 'High-value likely buyers', priority: 1, meanChurnProbability: 0.8 });
    expect(p[0]!.suggestedAction).toMatch(/^Invitation to buy/);
    for (const s of p) {
      expect(s.name).not.toMatch(churnWords);
      expect(s.suggestedAction).not.toMatch(churnWords);
    }
  });

  it('without any churn signal: no mean probability, no risk words, priority by value', () => {
    const p = profileSegments({ ...base, value: [900, 950, 1000, 100, 120, 110] });
    expect(p.map((s) => s.meanChurnProbability)).toEqual([null, null]);
    expect(p.map((s) => s.priority)).toEqual([1, 2]);
    for (const s of p) {
      expect(s.name).not.toMatch(churnWords);
      expect(s.suggestedAction).not.toMatch(churnWords);
    }
    // the smaller-valued segment first when it holds more value
    const flipped = profileSegments({ ...base, value: [1, 1, 1, 500, 500, 500] });
    expect(flipped.map((s) => s.priority)).toEqual([2, 1]);
    // neither risk nor value: segment number order
    const bare = profileSegments({ ...base, labels: [1, 1, 1, 0, 0, 0], segmentIds: [4, 2] });
    expect(bare.map((s) => [s.segment, s.priority])).toEqual([[4, 2], [2, 1]]);
  });
});

describe('customerPriority', () => {
  it('ranks risk × value, risk alone without value', () => {
    expect(Array.from(customerPriority(4, [0.1, 0.9, 0.5, 0.5], [100, 10, 100, NaN]))).toEqual([2, 3, 1, 4]);
    expect(Array.from(customerPriority(3, [0.1, 0.9, 0.5]))).toEqual([3, 1, 2]);
  });

  it('without a risk score: highest value first, missing value last, then input order', () => {
    expect(Array.from(customerPriority(5, undefined, [10, NaN, 300, 10, -5]))).toEqual([2, 5, 1, 3, 4]);
    expect(Array.from(customerPriority(4))).toEqual([1, 2, 3, 4]);
  });
});
