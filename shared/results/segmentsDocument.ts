import type { RunOutputs } from './RunOutputs';

/** segments.json (docs/CONTRACTS.md). */
export function segmentsDocument({ run, clustering, profiles, schema }: RunOutputs) {
  return {
    runId: run.runId,
    k: clustering.k,
    silhouette: clustering.silhouette,
    segments: profiles.segments,
    valueColumn: profiles.valueColumn ?? null,
    goal: schema.goal,
  };
}
