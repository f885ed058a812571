import type { LiftDocument, MeasuredRequest, UpliftSegment } from './LiftDocument';
import { measureLift, type CampaignGroups } from './measureLift';
import { planEffect } from './planEffect';
import { rowsOfArm, type TreatmentArms } from './treatmentArms';
import type { UpliftFit } from './fitUplift';

/** What a run knows about campaigns on its customers. */
export interface CampaignInputs {
  runId: string;
  goal: 'churn' | 'conversion' | 'neutral';
  /** The target as 0/1 per row (NaN unknown) with its column and positive value; absent without a target. */
  outcome?: { column: string; positive: string; values: Float64Array };
  spend?: { column: string; values: Float64Array };
  /** Each row's segment number, and the segments' names. */
  segment: Int32Array;
  segmentNames: Map<number, string>;
  /** Earlier message requests with a holdout, their customers mapped to this run's rows. */
  history?: { requests: MeasuredRequest[]; groups: CampaignGroups };
  experiment?: TreatmentArms;
  uplift?: Omit<UpliftFit, 'perArm' | 'bestArm'>;
}

/** Which way the campaign wants the positive outcome: churn down, anything else up. */
export const campaignDirection = (goal: CampaignInputs['goal']): 1 | -1 => (goal === 'churn' ? -1 : 1);

/** lift.json: measured lift from earlier holdouts, the experiment's arms, uplift by segment, and the plan's effect. */
export function campaignLift(inputs: CampaignInputs, seed = 0): LiftDocument {
  const { outcome, spend, segment, history } = inputs;
  const requests = history?.requests ?? [];
  let measured: LiftDocument['measured'];
  if (!history || (!history.groups.treated.length && !history.groups.control.length)) {
    measured = { status: 'no-campaign', requests, reason: 'No earlier message request on this dataset kept a holdout, so there is nothing to compare: send messages with a "holdout" share and upload the data again.' };
  } else if (!outcome) {
    measured = { status: 'no-outcome', requests, reason: 'This data has no target column, so no outcome can be compared between messaged and held-out customers.' };
  } else {
    const breakdown = measureLift(history.groups, segment, outcome.values, spend?.values, seed);
    measured =
      breakdown.overall.status === 'measured'
        ? { status: 'measured', requests, ...breakdown }
        : { status: 'too-little-data', requests, reason: breakdown.overall.reason, overall: breakdown.overall };
  }

  const experiment = inputs.experiment && outcome
    ? {
        column: inputs.experiment.column,
        control: inputs.experiment.control,
        arms: inputs.experiment.arms.map((arm, a) => ({
          arm,
          ...measureLift({ treated: rowsOfArm(inputs.experiment!.armOf, a + 1), control: rowsOfArm(inputs.experiment!.armOf, 0) }, segment, outcome.values, spend?.values, seed + a),
        })),
      }
    : undefined;

  const direction = campaignDirection(inputs.goal);
  const uplift = inputs.uplift
    ? {
        method: inputs.uplift.method,
        model: inputs.uplift.model,
        testShare: inputs.uplift.testShare,
        arms: inputs.uplift.arms,
        skipped: inputs.uplift.skipped,
        segments: upliftSegments(inputs.uplift.best, segment, inputs.segmentNames, direction),
      }
    : undefined;

  const document = {
    runId: inputs.runId,
    goal: inputs.goal,
    outcome: outcome ? { column: outcome.column, positive: outcome.positive } : null,
    spendColumn: spend?.column ?? null,
    measured,
    ...(experiment ? { experiment } : {}),
    ...(uplift ? { uplift } : {}),
  };
  return { ...document, effect: planEffect(document, direction) };
}

/** Segments ranked by the extra desired outcomes their customers' best-arm uplift promises. */
export function upliftSegments(best: Float64Array, segment: Int32Array, names: Map<number, string>, direction: 1 | -1): UpliftSegment[] {
  const stats = new Map<number, { customers: number; sum: number; persuadables: number; benefit: number }>();
  for (let i = 0; i < best.length; i++) {
    const u = best[i]!;
    if (!Number.isFinite(u)) continue;
    const s = stats.get(segment[i]!) ?? { customers: 0, sum: 0, persuadables: 0, benefit: 0 };
    s.customers++;
    s.sum += u;
    s.benefit += direction * u;
    if (direction * u > 0) s.persuadables++;
    stats.set(segment[i]!, s);
  }
  return [...stats]
    .map(([seg, s]) => ({ segment: seg, name: names.get(seg) ?? '', customers: s.customers, meanUplift: s.sum / s.customers, persuadables: s.persuadables, expectedExtra: s.benefit }))
    .sort((a, b) => b.expectedExtra - a.expectedExtra || a.segment - b.segment)
    .map((s, r) => ({ ...s, rank: r + 1 }));
}

