import type { Goal } from '../ingest/Schema';
import type { SegmentProfile } from '../segments/SegmentProfile';
import type { RunOutputs } from './RunOutputs';

/** segments.json (docs/CONTRACTS.md): what the API, the report and messaging read of a run's segments. */
export interface SegmentsDocument {
  runId: string;
  k: number;
  silhouette: number;
  segments: SegmentProfile[];
  /** The column behind value and priority; null when the run has none. */
  valueColumn: string | null;
  goal: Goal;
}

export function segmentsDocument({ run, clustering, profiles, schema }: RunOutputs): SegmentsDocument {
  return {
    runId: run.runId,
    k: clustering.k,
    silhouette: clustering.silhouette,
    segments: profiles.segments,
    valueColumn: profiles.valueColumn ?? null,
    goal: schema.goal,
  };
}
