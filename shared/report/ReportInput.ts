import type { LiftDocument } from '../campaign/LiftDocument';
import type { DatasetRoles } from '../roles/DatasetRoles';
import type { RfmCrossCell } from '../segments/rfmCrossTable';
import type { SegmentLanguage } from '../segments/segmentLanguage';
import type { SegmentProfile } from '../segments/SegmentProfile';

/** Everything the report shows; the pipeline fills it from the run's results. */
export interface ReportInput {
  run: ReportRun;
  kSelection: ReportKSelection;
  /** The items of segments.json (docs/CONTRACTS.md). */
  segments: ReportSegment[];
  pca: ReportPca;
  /** Absent when the run has no churn scoring at all. */
  churn?: ReportChurnModel | ReportChurnHeuristic;
  quality: ReportQuality;
  /** drift.json, when the dataset had a previous completed run. */
  drift?: ReportDrift;
  /**
   * What the target's positive class means: churn (risk to act on), conversion (likely buyers to
   * invite) or neutral. Without it the report speaks of churn.
   */
  goal?: 'churn' | 'conversion' | 'neutral';
  /** The column behind value and priority; null when there is none (absent: not stated). */
  valueColumn?: string | null;
  /** The target, its positive value, and how many other classes that value is set against. */
  outcome?: { target: string; positive: string; otherClasses: number };
  /** How the data was read (quality.json roles, excluded, duplicateIds): the report's first section. */
  reading?: ReportReading;
  /** One model per class of a multi-class target (manifest `"multiclass": "one-vs-rest"`); `churn` is then absent. */
  oneVsRest?: ReportOneVsRest;
  /** lift.json: measured lift from earlier holdouts, the experiment's arms, uplift, and the effect a budget plan assumes. */
  campaign?: LiftDocument;
  /** The language of the head, summary and segments (segments.json `language`); English when absent. */
  language?: SegmentLanguage;
  /** The manifest's display labels for columns. */
  labels?: Record<string, string>;
  /** segments.json `rfmCrossTable`: customers per RFM class and segment, where RFM exists. */
  rfmCrossTable?: RfmCrossCell[];
}

export interface ReportOneVsRest {
  target: string;
  /** Each class's model and its figures on customers it did not train on; `share` of the labelled rows. */
  classes: { class: string; model: string; rocAuc: number; prAuc: number; share: number }[];
  /** E.g. a class whose held-out AUC is too good to be true. */
  warnings: string[];
}

export interface ReportReading {
  roles: DatasetRoles;
  excluded: { column: string; reason: string }[];
  duplicateIds: { id: string; rows: number[] }[];
  /** What to check before acting (readingWarnings). */
  warnings: string[];
}

export interface ReportRun {
  dataset: string;
  runId: string;
  /** ISO 8601. */
  createdAt: string;
  sourceFiles: string[];
  rows: number;
  features: number;
  settings: Record<string, unknown>;
  timings: { step: string; seconds: number }[];
}

export interface ReportKSelection {
  evaluations: { k: number; inertia: number; silhouette: number }[];
  chosenK: number;
  /** Plain words, e.g. "highest silhouette among k = 2..10". */
  reason: string;
  /** What the segments were clustered on and how (model.json `clustering`); absent in older inputs. */
  clusteredOn?: ReportClusteredOn;
}

export interface ReportClusteredOn {
  /** Model features (numeric, flags, one-hot columns). */
  features: number;
  /** The gap between a flag's two values, in standard deviations of a numeric feature. */
  flagGap: number;
  /** Principal components clustered on, and the share of the weighted features' variance they keep; absent without PCA. */
  pca?: { components: number; varianceKept: number };
  algorithm: 'lloyd' | 'minibatch';
}

/**
 * A segment as the report reads it: segments.json's item as written. A null mean churn probability
 * (no churn score in the run) is shown as "–" and left out of every sentence and average.
 */
export type ReportSegment = SegmentProfile;

export interface ReportPca {
  explainedVarianceRatio: number[];
  /** Sampled, at most 5,000. */
  points: { x: number; y: number; segment: number }[];
}

export interface ReportChurnModel {
  heuristic?: false;
  model: string;
  target?: string;
  metrics: { rocAuc: number; prAuc: number; [metric: string]: number };
  roc: { fpr: number[]; tpr: number[] };
  calibration: { meanPredicted: number; observed: number; count: number }[];
  importance: { feature: string; importance: number }[];
  /** Plain-language warnings shown in the headline and the model section (e.g. a held-out AUC too good to be true). */
  warnings?: string[];
}

/** Without a churn label the risk is a heuristic score; the report says how it is made. */
export interface ReportChurnHeuristic {
  heuristic: true;
  description: string;
}

export interface ReportQuality {
  rows: number;
  columns: {
    name: string;
    type: string;
    /** 0..1. */
    missingShare: number;
    distinct: number;
    outliers?: number;
    note?: string;
  }[];
  duplicatesRemoved: number;
  droppedColumns: { name: string; reason: string }[];
  findings: string[];
}

/** drift.json (docs/CONTRACTS.md). */
export interface ReportDrift {
  previousRunId: string;
  /** Adjusted Rand index between the previous and the new assignments. */
  ari: number;
  sizeShift: { segment: number; before: number; after: number }[];
  centroidShift: { segment: number; distance: number }[];
  metricChange: Record<string, [number, number]>;
}
