import { campaignLift } from '../../../shared/campaign/campaignLift';
import { compareGroups } from '../../../shared/campaign/compareGroups';
import { fitUplift } from '../../../shared/campaign/fitUplift';
import { measureLift } from '../../../shared/campaign/measureLift';
import { planTargeting, type PlanCustomer } from '../../../shared/campaign/planTargeting';
import { proportionDifference } from '../../../shared/campaign/proportionDifference';
import { denseMatrix } from '../../../shared/ml/DenseMatrix';
import { simulateCampaign, type SimulatedCustomer } from '../../../tools/datasets/simulatedCampaign';

const trueEffect = 0.15;
const customers = simulateCampaign({ customers: 9000, seed: 11, effect: trueEffect, effectSegment: 1 });
const n = customers.length;
const segment = Int32Array.from(customers, (c) => c.trueSegment);
const churned = Float64Array.from(customers, (c) => c.churned);
const treated = customers.flatMap((c, i) => (c.treated ? [i] : []));
const control = customers.flatMap((c, i) => (c.treated ? [] : [i]));
const features = (c: SimulatedCustomer) => [c.monthly_spend, c.tenure_months, c.support_calls, c.contract === 'annual' ? 1 : 0];
const X = denseMatrix(Float64Array.from(customers.flatMap(features)), n, 4);
const arm = Int32Array.from(customers, (c) => (c.treated ? 1 : 0));
let fitted: ReturnType<typeof fitUplift> | undefined;
/** One fit shared by the tests that read it (fitted on first use, not while tests are collected). */
const upliftFit = () => (fitted ??= fitUplift(X, churned, arm, ['email'], -1, { seed: 3 }));

/** The true saved value of contacting these customers: the churn probability treatment removes × monthly spend. */
const trueSaved = (ids: Iterable<string>) => {
  const byId = new Map(customers.map((c) => [c.id, c]));
  let s = 0;
  for (const id of ids) {
    const c = byId.get(id)!;
    s += (c.baseChurn - c.treatedChurn) * c.monthly_spend;
  }
  return s;
};

describe('two proportions', () => {
  test("Newcombe's method 10 gives the published interval for 56/70 against 48/80", () => {
    const d = proportionDifference(56, 70, 48, 80);
    expect(d.difference).toBeCloseTo(0.2, 6);
    expect(d.low).toBeCloseTo(0.0524, 3);
    expect(d.high).toBeCloseTo(0.3339, 3);
  });

  test('too few customers is said as such, with no figure', () => {
    const comparison = compareGroups([0, 1, 2, 3, 4], [5, 6, 7, 8, 9], churned);
    expect(comparison.status).toBe('too-little-data');
    expect(comparison).not.toHaveProperty('outcome');
    if (comparison.status === 'too-little-data') expect(comparison.reason).toMatch(/at least 30/);
  });
});

describe('measured lift on a simulated campaign (treatment lowers churn by 0.15 in segment 1 only)', () => {
  const lift = measureLift({ treated, control }, segment, churned, Float64Array.from(customers, (c) => c.monthly_spend));

  test('segment 1: the interval holds the true effect and excludes no effect', () => {
    const s1 = lift.bySegment.find((s) => s.segment === 1)!;
    expect(s1.status).toBe('measured');
    if (s1.status !== 'measured') return;
    expect(s1.outcome.low).toBeLessThanOrEqual(-trueEffect);
    expect(s1.outcome.high).toBeGreaterThanOrEqual(-trueEffect);
    expect(s1.outcome.high).toBeLessThan(0);
  });

  test('the other segments: the interval holds zero', () => {
    for (const s of lift.bySegment.filter((s) => s.segment !== 1)) {
      expect(s.status).toBe('measured');
      if (s.status !== 'measured') continue;
      expect(s.outcome.low).toBeLessThanOrEqual(0);
      expect(s.outcome.high).toBeGreaterThanOrEqual(0);
    }
  });

  test('overall: the interval holds the true average effect over the treated', () => {
    const truth = treated.reduce((s, i) => s + customers[i]!.treatedChurn - customers[i]!.baseChurn, 0) / treated.length;
    expect(lift.overall.status).toBe('measured');
    if (lift.overall.status !== 'measured') return;
    expect(lift.overall.outcome.low).toBeLessThanOrEqual(truth);
    expect(lift.overall.outcome.high).toBeGreaterThanOrEqual(truth);
  });
});

describe('uplift (two-model) on the same campaign', () => {
  test("segment 1's mean estimate lies within the measured interval and near the true effect; elsewhere near zero", () => {
    const fit = upliftFit();
    const lift = measureLift({ treated, control }, segment, churned);
    for (const s of [0, 1, 2]) {
      const rows = customers.flatMap((c, i) => (c.trueSegment === s ? [i] : []));
      const mean = rows.reduce((t, i) => t + fit.best[i]!, 0) / rows.length;
      const measured = lift.bySegment.find((b) => b.segment === s)!;
      if (measured.status !== 'measured') throw new Error('segment not measured');
      expect(mean).toBeGreaterThanOrEqual(measured.outcome.low);
      expect(mean).toBeLessThanOrEqual(measured.outcome.high);
      expect(Math.abs(mean - (s === 1 ? -trueEffect : 0))).toBeLessThan(0.05);
    }
  });

  test('on held-out customers the Qini curve beats random targeting', () => {
    const fit = upliftFit();
    expect(fit.arms).toHaveLength(1);
    const heldOut = fit.arms[0]!.heldOut;
    expect(heldOut.customers).toBeGreaterThan(0.25 * n);
    expect(heldOut.auuc).toBeGreaterThan(heldOut.randomAuuc);
    expect(heldOut.qini).toBeGreaterThan(0);
  });

  test('segments are ranked by persuadables: the treated-on segment first', () => {
    const document = campaignLift({
      runId: 'sim',
      goal: 'churn',
      outcome: { column: 'churned', positive: 'Yes', values: churned },
      segment,
      segmentNames: new Map([[0, 'a'], [1, 'b'], [2, 'c']]),
      uplift: upliftFit(),
    });
    expect(document.uplift!.segments[0]!.segment).toBe(1);
    expect(document.uplift!.segments[0]!.rank).toBe(1);
    expect(document.effect.source).toBe('assumption');
  });
});

describe('budgeted plan', () => {
  const budget = 600, costPerContact = 1;
  const history = { requests: [{ runId: 'r0', requestId: 'q0', messaged: treated.length, holdout: control.length }], groups: { treated, control } };
  // Scores as a churn model gives them: the untreated probability.
  const planCustomers: PlanCustomer[] = customers.map((c) => ({ id: c.id, segment: c.trueSegment, probability: c.baseChurn, value: c.monthly_spend }));

  test('with measured lift, the plan saves more than random and than highest risk first', () => {
    const document = campaignLift({ runId: 'sim', goal: 'churn', outcome: { column: 'churned', positive: 'Yes', values: churned }, segment, segmentNames: new Map(), history });
    expect(document.measured.status).toBe('measured');
    expect(document.effect).toMatchObject({ source: 'measured', assumption: false });
    const plan = planTargeting(planCustomers, { budget, costPerContact, effect: document.effect, direction: -1 });
    expect(plan.contacts).toBeGreaterThan(0);
    expect(plan.contacts).toBeLessThanOrEqual(budget / costPerContact);
    expect(plan.spent).toBeLessThanOrEqual(budget);
    const k = plan.contacts;
    const planned = trueSaved(plan.customers.map((c) => c.customerId));
    const randomSaved = (trueSaved(customers.map((c) => c.id)) / n) * k;
    const byRisk = [...customers].sort((a, b) => b.baseChurn - a.baseChurn).slice(0, k);
    const riskSaved = trueSaved(byRisk.map((c) => c.id));
    expect(planned).toBeGreaterThan(1.5 * randomSaved);
    expect(planned).toBeGreaterThan(1.5 * riskSaved);
    expect(plan.expectedReturn.low).toBeLessThanOrEqual(plan.expectedReturn.value);
    expect(plan.expectedReturn.high).toBeGreaterThanOrEqual(plan.expectedReturn.value);
  });

  test('with per-customer uplift, the plan also beats both', () => {
    const fit = upliftFit();
    const experiment = { column: 'campaign', control: 'control', controlFrom: 'manifest' as const, arms: ['email'], armOf: arm };
    const document = campaignLift({ runId: 'sim', goal: 'churn', outcome: { column: 'churned', positive: 'Yes', values: churned }, segment, segmentNames: new Map(), experiment, uplift: fit });
    expect(document.effect.source).toBe('uplift');
    const plan = planTargeting(
      planCustomers.map((c, i) => ({ ...c, uplift: fit.best[i]! })),
      { budget, costPerContact, effect: document.effect, direction: -1 },
    );
    const k = plan.contacts;
    expect(k).toBeGreaterThan(0);
    const planned = trueSaved(plan.customers.map((c) => c.customerId));
    const randomSaved = (trueSaved(customers.map((c) => c.id)) / n) * k;
    const riskSaved = trueSaved([...customers].sort((a, b) => b.baseChurn - a.baseChurn).slice(0, k).map((c) => c.id));
    expect(planned).toBeGreaterThan(randomSaved);
    expect(planned).toBeGreaterThan(riskSaved);
  });

  test('without any campaign the effect is a stated assumption, and a cost above every gain contacts nobody', () => {
    const document = campaignLift({ runId: 'sim', goal: 'churn', outcome: { column: 'churned', positive: 'Yes', values: churned }, segment, segmentNames: new Map() });
    expect(document.measured.status).toBe('no-campaign');
    expect(document.effect).toMatchObject({ source: 'assumption', assumption: true, relative: { value: 0.1 } });
    const plan = planTargeting(planCustomers, { budget, costPerContact: 1e6, effect: document.effect, direction: -1 });
    expect(plan.contacts).toBe(0);
    expect(plan.stoppedBecause).toBe('no-positive-return');
  });

  test('offers: each customer gets the offer with the best net gain', () => {
    const document = campaignLift({ runId: 'sim', goal: 'churn', outcome: { column: 'churned', positive: 'Yes', values: churned }, segment, segmentNames: new Map(), history });
    const plan = planTargeting(planCustomers, {
      budget: 1000,
      costPerContact,
      offers: [{ id: 'note', costPerContact: 0.5, effect: 0.5 }, { id: 'discount', costPerContact: 3, effect: 2 }],
      effect: document.effect,
      direction: -1,
    });
    expect(new Set(plan.customers.map((c) => c.offer))).toEqual(new Set(['note', 'discount']));
    expect(plan.spent).toBeLessThanOrEqual(1000);
  });
});
