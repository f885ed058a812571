/**
 * Campaign evidence: on Hillstrom's randomized e-mail experiment, the measured lift of each arm on
 * visit, conversion and spend (with 95 % intervals) and the two-model uplift's Qini/AUUC on a
 * held-out 30 % against random targeting; on a simulated campaign with a known effect, the budget
 * plan's true saved value against random and highest-risk-first targeting.
 *
 *   npm run bench -- campaign
 */
import * as fs from 'node:fs';
import { campaignLift } from '../shared/campaign/campaignLift';
import { fitUplift, type UpliftModel } from '../shared/campaign/fitUplift';
import { measureLift } from '../shared/campaign/measureLift';
import { planTargeting } from '../shared/campaign/planTargeting';
import { rowsOfArm } from '../shared/campaign/treatmentArms';
import { hillstromFile, loadHillstrom } from '../tools/datasets/hillstrom';
import { simulateCampaign } from '../tools/datasets/simulatedCampaign';
import { dataDir } from './lib/benchEnv';

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const pts = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)} pts`;

function hillstrom(): void {
  if (!fs.existsSync(hillstromFile(dataDir()))) {
    console.log(`hillstrom: skipped (${hillstromFile(dataDir())} not found)`);
    return;
  }
  const data = loadHillstrom(dataDir());
  console.log(`hillstrom: ${data.rows} customers; control "${data.control}"`);
  console.log('measured lift per arm against control (Newcombe–Wilson 95 % interval; spend: Welch):');
  data.arms.forEach((arm, a) => {
    for (const outcome of ['visit', 'conversion'] as const) {
      const lift = measureLift({ treated: rowsOfArm(data.armOf, a + 1), control: rowsOfArm(data.armOf, 0) }, new Int32Array(data.rows), data[outcome], data.spend);
      if (lift.overall.status !== 'measured') continue;
      const o = lift.overall.outcome;
      const s = lift.overall.spend!;
      console.log(
        `  ${arm.padEnd(14)} ${outcome.padEnd(10)} ${pct(o.treated.rate)} vs ${pct(o.control.rate)}: ${pts(o.difference)} [${pts(o.low)}, ${pts(o.high)}] p=${o.pValue.toExponential(1)}` +
          (outcome === 'visit' ? `; spend ${s.difference.toFixed(4)} [${s.low.toFixed(4)}, ${s.high.toFixed(4)}] per customer` : ''),
      );
    }
  });
  for (const model of ['HistGradientBoosting', 'LogisticRegression'] as UpliftModel[]) {
    for (const outcome of ['visit', 'conversion'] as const) {
      const started = performance.now();
      const fit = fitUplift(data.X, data[outcome], data.armOf, data.arms, 1, { seed: 1, model });
      const seconds = (performance.now() - started) / 1000;
      for (const arm of fit.arms) {
        const h = arm.heldOut;
        console.log(
          `  uplift ${model.padEnd(20)} ${outcome.padEnd(10)} ${arm.arm.padEnd(14)} held-out ${h.customers}: AUUC ${h.auuc.toFixed(5)} vs random ${h.randomAuuc.toFixed(5)} → Qini ${h.qini.toFixed(5)} (${h.qini > 0 ? 'beats' : 'does not beat'} random)` +
            `; top 30 % gain ${h.curve[6]!.gain.toFixed(1)} vs random ${h.curve[6]!.random.toFixed(1)}`,
        );
      }
      console.log(`    fitted in ${seconds.toFixed(1)} s`);
    }
  }
  // One split's Qini is noisy where an arm's effect hardly varies between customers: five splits show how much.
  const bySplit = new Map<string, number[]>();
  for (let seed = 0; seed < 5; seed++) {
    for (const arm of fitUplift(data.X, data.visit, data.armOf, data.arms, 1, { seed }).arms) bySplit.set(arm.arm, [...(bySplit.get(arm.arm) ?? []), arm.heldOut.qini]);
  }
  for (const [arm, q] of bySplit) {
    console.log(`  uplift HistGradientBoosting visit ${arm} over 5 held-out splits: Qini mean ${(q.reduce((a, b) => a + b, 0) / q.length).toFixed(5)}, min ${Math.min(...q).toFixed(5)}, max ${Math.max(...q).toFixed(5)} (${q.filter((x) => x > 0).length} of 5 beat random)`);
  }
}

function simulated(): void {
  const customers = simulateCampaign({ customers: 20_000, seed: 5, effect: 0.15, effectSegment: 1 });
  const n = customers.length;
  const segment = Int32Array.from(customers, (c) => c.trueSegment);
  const churned = Float64Array.from(customers, (c) => c.churned);
  const treated = customers.flatMap((c, i) => (c.treated ? [i] : []));
  const control = customers.flatMap((c, i) => (c.treated ? [] : [i]));
  const document = campaignLift({
    runId: 'bench',
    goal: 'churn',
    outcome: { column: 'churned', positive: 'Yes', values: churned },
    segment,
    segmentNames: new Map(),
    history: { requests: [{ runId: 'r', requestId: 'q', messaged: treated.length, holdout: control.length }], groups: { treated, control } },
  });
  const saved = (ids: string[]) => {
    const byId = new Map(customers.map((c) => [c.id, c]));
    return ids.reduce((s, id) => s + (byId.get(id)!.baseChurn - byId.get(id)!.treatedChurn) * byId.get(id)!.monthly_spend, 0);
  };
  console.log(`simulated campaign: ${n} customers, churn lowered by 0.15 in segment 1 only`);
  for (const budget of [500, 2000, 5000]) {
    const plan = planTargeting(
      customers.map((c) => ({ id: c.id, segment: c.trueSegment, probability: c.baseChurn, value: c.monthly_spend })),
      { budget, costPerContact: 1, effect: document.effect, direction: -1 },
    );
    const k = plan.contacts;
    const planned = saved(plan.customers.map((c) => c.customerId));
    const random = (saved(customers.map((c) => c.id)) / n) * k;
    const risk = saved([...customers].sort((a, b) => b.baseChurn - a.baseChurn).slice(0, k).map((c) => c.id));
    console.log(
      `  budget ${budget}: ${k} contacts; true saved value ${planned.toFixed(0)} vs random ${random.toFixed(0)} (×${(planned / random).toFixed(2)}) vs highest risk first ${risk.toFixed(0)} (${risk > 1 ? `×${(planned / risk).toFixed(2)}` : "it saves almost nothing: the riskiest are not the persuadable"}); ` +
        `plan expected return ${plan.expectedReturn.value.toFixed(0)} [${plan.expectedReturn.low.toFixed(0)}, ${plan.expectedReturn.high.toFixed(0)}]`,
    );
  }
}

export async function main(): Promise<void> {
  hillstrom();
  simulated();
}
