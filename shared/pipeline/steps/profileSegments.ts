import { denseMatrix } from '../../ml/DenseMatrix';
import type { ModelArtifact } from '../../model/ModelArtifact';
import { matchSegments } from '../../segments/matchSegments';
import { profileSegments as buildProfiles } from '../../segments/profileSegments';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput } from '../RunInput';
import { runPaths } from '../runPaths';
import { alignCentroid } from '../alignCentroid';
import { customerValue } from '../../segments/customerValue';
import { segmentLanguage } from '../../segments/segmentLanguage';
import { WorkFiles, type ProfilesWork } from './workFiles';

/**
 * Segment profiles in original units, with churn, value, priority, a name and an action. Segment
 * numbers are matched to the previous run's (optimal assignment on centroids), so a retrain keeps
 * "segment 2" meaning the same kind of customer.
 */
export async function profileSegments(store: BlobStore, input: RunInput): Promise<{ segments: number }> {
  const work = new WorkFiles(store, input);
  const [{ table, schema }, labels, unscaled, clustering, churn, predictedValue] = await Promise.all([
    work.readTable(),
    work.readLabels(),
    work.readMatrix('unscaled.bin'),
    work.readJson('clustering.json'),
    work.readJson('churn.json'),
    work.readCustomerValue(),
  ]);
  // No label and no heuristic signals: no risk at all, rather than a risk of 0 for everyone.
  // One model per class has no single probability: profiles carry the class shares instead.
  const risk = churn.model && churn.model.type !== 'oneVsRest' ? await work.readFloat64('churn.bin') : undefined;
  const d = unscaled.cols;
  const centers: number[][] = [];
  for (let c = 0; c < clustering.k; c++) centers.push(clustering.centers.slice(c * d, (c + 1) * d));

  let segmentIds = centers.map((_, c) => c);
  if (input.previousRunId) {
    const previous = await store.readJson<ModelArtifact>(store.resultsContainer, runPaths.file(input.dataset, input.previousRunId, 'model.json'));
    if (previous) {
      const names = unscaled.meta.featureNames;
      segmentIds = matchSegments(
        previous.centroids.map((c) => ({ segment: c.segment, centroid: alignCentroid(c.center, previous.schema.featureNames, names) })),
        centers,
      );
    }
  }

  // Decided, with its evidence, when the data was read (roles/inferValueColumn.ts); null = none.
  const value = schema.value ?? undefined;
  const churnLabel = churn.labels ? Float64Array.from(churn.labels, (l) => (l === null ? NaN : l)) : undefined;
  const segments = buildProfiles({
    labels,
    k: clustering.k,
    unscaled: denseMatrix(unscaled.data, unscaled.rows, unscaled.cols),
    featureNames: unscaled.meta.featureNames,
    risk,
    // Without a target the only risk is the heuristic churn risk, whatever the goal says.
    outcome: schema.target
      ? { goal: schema.goal, target: schema.target.column, ...(schema.target.oneVsRest ? {} : { positive: schema.target.positive }) }
      : { goal: 'churn' },
    churnLabel: churnLabel && !churnLabel.some(Number.isNaN) ? churnLabel : undefined,
    ...(churn.classLabels && churn.summary.classes
      ? { classes: { names: churn.summary.classes.map((c) => c.class), classOf: Float64Array.from(churn.classLabels, (t) => t ?? NaN) } }
      : {}),
    value: customerValue(table, value, predictedValue?.columns),
    silhouetteByCluster: clustering.silhouetteByCluster.map((v) => v ?? 0),
    segmentIds,
    language: segmentLanguage(input.manifest?.language, table.columns.map((c) => c.name)),
    ...(input.manifest?.labels ? { displayLabels: input.manifest.labels } : {}),
  });
  await work.writeJson('profiles.json', { segments, segmentIds, ...(value ? { valueColumn: value } : {}) } satisfies ProfilesWork);
  return { segments: segments.length };
}
