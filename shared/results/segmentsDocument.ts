import type { Goal } from '../ingest/Schema';
import { numericValues } from '../features/tableColumns';
import { rfmCrossTable, type RfmCrossCell } from '../segments/rfmCrossTable';
import { findRfmColumns, rfmScores, rfmSegmentNames } from '../segments/rfmScores';
import { segmentLanguage, type SegmentLanguage } from '../segments/segmentLanguage';
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
  /** The language the names and actions are written in (the manifest's, else the columns', else English). */
  language?: SegmentLanguage;
  /** Where recency, frequency and monetary columns exist: customers per RFM class and segment. */
  rfmCrossTable?: RfmCrossCell[];
}

export function segmentsDocument({ run, clustering, profiles, schema, table, labels }: RunOutputs): SegmentsDocument {
  const rfm = findRfmColumns(schema.numeric);
  const segmentOf = Int32Array.from(labels, (cluster) => profiles.segmentIds[cluster]!);
  return {
    runId: run.runId,
    k: clustering.k,
    silhouette: clustering.silhouette,
    segments: profiles.segments,
    valueColumn: profiles.valueColumn ?? null,
    goal: schema.goal,
    language: segmentLanguage(run.manifest?.language, table.columns.map((c) => c.name)),
    ...(rfm
      ? {
          rfmCrossTable: rfmCrossTable(
            rfmScores(numericValues(table, rfm.recency)!, numericValues(table, rfm.frequency)!, numericValues(table, rfm.monetary)!).map((r) => r.segment),
            segmentOf,
            rfmSegmentNames,
          ),
        }
      : {}),
  };
}
