import { FeaturePipeline } from '../model/FeaturePipeline';
import { buildModelArtifact, type ModelArtifact } from '../model/ModelArtifact';
import type { RunOutputs } from './RunOutputs';

/** model.json (docs/CONTRACTS.md): everything POST /api/score needs to score a new customer as this run did. */
export function modelDocument({ run, schema, clustering, profiles, churn, featurePipeline, pca }: RunOutputs): ModelArtifact {
  const segmentOf = (cluster: number) => profiles.segmentIds[cluster]!;
  const nameOf = new Map(profiles.segments.map((s) => [s.segment, s.name]));
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
    segments: Array.from({ length: clustering.k }, (_, c) => ({ segment: segmentOf(c), name: nameOf.get(segmentOf(c)) ?? `Segment ${segmentOf(c)}` })),
    churnModel: churn.model,
    metrics: {
      silhouette: clustering.silhouette,
      k: clustering.k,
      ...(churn.metrics ? { churn: churn.metrics } : {}),
      ...(classes ? { classes } : {}),
      ...(churn.summary.rocAuc !== undefined ? { rocAuc: churn.summary.rocAuc } : {}),
    },
  });
}
