import { campaignLift } from '../campaign/campaignLift';
import type { LiftDocument } from '../campaign/LiftDocument';
import type { CampaignGroups } from '../campaign/measureLift';
import { bestUplift, runTreatmentArms } from '../campaign/treatmentUplift';
import { numericValues } from '../features/tableColumns';
import type { CustomerResults } from './customerResults';
import type { RunOutputs } from './RunOutputs';

/**
 * lift.json of a run: earlier holdouts matched to this run's customers by id, the target as the
 * outcome, the value column as spend, the treatment column's arms and the uplift model's figures.
 * Every run writes it, so a budget plan always finds the effect it uses (a stated assumption when
 * there is no campaign in the data).
 */
export function runCampaignLift(outputs: RunOutputs, customers: CustomerResults): LiftDocument {
  const { schema, table, churn, profiles, run } = outputs;
  const target = schema.target && !schema.target.oneVsRest && churn.labels ? schema.target : undefined;
  const outcome = target
    ? { column: target.column, positive: target.positive, values: Float64Array.from(churn.labels!, (v) => (v === null ? NaN : v)) }
    : undefined;
  const spendValues = profiles.valueColumn ? numericValues(table, profiles.valueColumn) : undefined;
  const history = outputs.campaignHistory;
  let groups: CampaignGroups | undefined;
  if (history) {
    const rowOf = new Map<string, number>();
    customers.ids.forEach((id, i) => {
      if (id !== null && !rowOf.has(id)) rowOf.set(id, i);
    });
    const treated: number[] = [], treatedVariant: string[] = [], control: number[] = [];
    for (const [id, variant] of history.messaged) {
      const row = rowOf.get(id);
      if (row !== undefined) {
        treated.push(row);
        treatedVariant.push(variant);
      }
    }
    for (const id of history.holdout) {
      const row = rowOf.get(id);
      if (row !== undefined) control.push(row);
    }
    groups = { treated, control, treatedVariant };
  }
  const fit = outputs.uplift?.work.fit;
  const best = outputs.uplift?.matrix ? bestUplift(outputs.uplift.matrix) : undefined;
  const experiment = outputs.uplift ? runTreatmentArms(table, schema, run.manifest?.control) : undefined;
  return campaignLift(
    {
      runId: run.runId,
      goal: schema.goal,
      ...(outcome ? { outcome } : {}),
      ...(spendValues && profiles.valueColumn ? { spend: { column: profiles.valueColumn, values: spendValues } } : {}),
      segment: customers.segment,
      segmentNames: customers.segmentNames,
      ...(history && groups ? { history: { requests: history.requests, groups } } : {}),
      ...(experiment ? { experiment } : {}),
      ...(fit && best && fit.arms.length ? { uplift: { ...fit, best } } : {}),
    },
    run.options.seed ?? 0,
  );
}
