import { FeaturePipeline } from '../model/FeaturePipeline';
import { buildModelArtifact, type ModelArtifact } from '../model/ModelArtifact';
import { priorityScale, sortedValues } from '../model/populationRanks';
import { numericValues } from '../features/tableColumns';
import { findRfmColumns } from '../segments/rfmScores';
import { customerValue } from '../segments/customerValue';
import type { RunOutputs } from './RunOutputs';

/** model.json (docs/CONTRACTS.md): everything POST /api/score needs to score a new customer as this run did. */
export function modelDocument({ run, schema, clustering, profiles, churn, featurePipeline, pca, recipe, table, risk, customerValue: predicted }: RunOutputs): ModelArtifact {
  const segmentOf = (cluster: number) => profiles.segmentIds[cluster]!;
  const nameOf = new Map(profiles.segments.map((s) => [s.segment, s.name]));
  const profileOf = new Map(profiles.segments.map((s) => [s.segment, s]));
  // The populations priority and rfm_segment rank customers in (results/customerResults.ts), kept to rank new ones.
  const rfmColumns = findRfmColumns(schema.numeric);
  const rank = (name: string) => sortedValues(numericValues(table, name)!);
  const classes = churn.model?.type === 'oneVsRest' ? churn.summary.classes : undefined;
  return buildModelArtifact({
    runId: run.runId,
    roles: {
      goal: schema.goal,
      valueColumn: schema.value,
      ...(schema.roles.referenceDate ? { referenceDate: schema.roles.referenceDate } : {}),
      dates: schema.roles.dates.map((d) => ({ column: d.column, format: d.format })),
    },
    pipeline: FeaturePipeline.fromJSON(featurePipeline),
    idColumn: schema.id ?? undefined,
    pca: pca.state,
    centers: Float64Array.from(clustering.centers),
    clustering: { algorithm: clustering.algorithm, space: clustering.space, centers: Float64Array.from(clustering.clusterCenters) },
    segments: Array.from({ length: clustering.k }, (_, c) => ({
      segment: segmentOf(c),
      name: nameOf.get(segmentOf(c)) ?? `Segment ${segmentOf(c)}`,
      action: profileOf.get(segmentOf(c))?.suggestedAction ?? '',
      ...(profileOf.get(segmentOf(c))?.actionsByDriver ? { actionsByDriver: profileOf.get(segmentOf(c))!.actionsByDriver } : {}),
    })),
    churnModel: churn.model,
    ...(recipe ? { recipe } : {}),
    ...(predicted ? { customerValue: predicted.model } : {}),
    population: {
      priority: priorityScale(table.rowCount, risk, customerValue(table, profiles.valueColumn, predicted?.columns), profiles.valueColumn ?? null),
      ...(rfmColumns
        ? { rfm: { columns: rfmColumns, recency: rank(rfmColumns.recency), frequency: rank(rfmColumns.frequency), monetary: rank(rfmColumns.monetary) } }
        : {}),
    },
    metrics: {
      silhouette: clustering.silhouette,
      k: clustering.k,
      ...(churn.metrics ? { churn: churn.metrics } : {}),
      ...(classes ? { classes } : {}),
      ...(churn.summary.rocAuc !== undefined ? { rocAuc: churn.summary.rocAuc } : {}),
    },
  });
}
