import type { ModelArtifact } from '../model/ModelArtifact';
import { alignCentroid } from '../pipeline/alignCentroid';
import { runPaths } from '../pipeline/runPaths';
import { segmentDrift, type SegmentDrift } from '../segments/matchSegments';
import type { BlobStore } from '../storage/BlobStore';
import type { CustomerResults } from './customerResults';
import { streamRunAssignments } from './readRunCustomers';

/** What drift.json compares against: the run latest.json pointed to when this run started. */
export interface PreviousRun {
  runId: string;
  model: ModelArtifact;
  sizes: Map<number, number>;
  /** Customer id → segment; empty when that run has no customers.jsonl. */
  assignments: Map<string, number>;
}

/** The previous run's model, segment sizes and assignments; undefined when it has no model.json. */
export async function readPreviousRun(store: BlobStore, dataset: string, runId: string): Promise<PreviousRun | undefined> {
  const container = store.resultsContainer;
  const model = await store.readJson<ModelArtifact>(container, runPaths.file(dataset, runId, 'model.json'));
  if (!model) return undefined;
  const segments = await store.readJson<{ segments: { segment: number; size: number }[] }>(container, runPaths.file(dataset, runId, 'segments.json'));
  const assignments = new Map<string, number>();
  if (await store.info(container, runPaths.file(dataset, runId, 'customers.jsonl'))) {
    for await (const customer of streamRunAssignments(store, dataset, runId)) if (customer.id !== null) assignments.set(customer.id, customer.segment);
  }
  return { runId, model, sizes: new Map((segments?.segments ?? []).map((s) => [s.segment, s.size])), assignments };
}

/**
 * drift.json: adjusted Rand index on the customers both runs share, segment size shifts, centroid
 * movement (the previous centroids aligned to this run's features) and the ROC-AUC change.
 */
export function runDrift(previous: PreviousRun, model: ModelArtifact, sizes: Map<number, number>, customers: CustomerResults): SegmentDrift {
  const assignments = new Map<string, number>();
  customers.ids.forEach((id, i) => {
    if (id !== null) assignments.set(id, customers.segment[i]!);
  });
  const featureNames = model.schema.featureNames;
  const previousRoc = (previous.model.metrics as { rocAuc?: number }).rocAuc;
  const rocAuc = (model.metrics as { rocAuc?: number }).rocAuc;
  return segmentDrift(
    {
      runId: previous.runId,
      segments: previous.model.centroids.map((c) => ({
        segment: c.segment,
        centroid: alignCentroid(c.center, previous.model.schema.featureNames, featureNames),
        size: previous.sizes.get(c.segment) ?? 0,
      })),
      assignments: previous.assignments,
      ...(previousRoc !== undefined ? { rocAuc: previousRoc } : {}),
    },
    {
      runId: model.runId,
      segments: model.centroids.map((c) => ({ segment: c.segment, centroid: c.center, size: sizes.get(c.segment) ?? 0 })),
      assignments,
      ...(rocAuc !== undefined ? { rocAuc } : {}),
    },
  );
}
