import type { ThemeId } from './featureThemes';

/**
 * One entry of segments.json (docs/CONTRACTS.md). profileSegments writes it, and the report and the
 * message writer read it as written, so this is the only declaration of its fields.
 */
export interface SegmentProfile {
  segment: number;
  name: string;
  size: number;
  /** 0..1 of all customers. */
  share: number;
  /** Mean of each feature in original units (one-hot columns: share of the category). */
  centroid: Record<string, number>;
  /** Features whose segment mean differs most from the population, in population standard deviations. */
  distinguishing: { feature: string; z: number }[];
  /** Observed churn rate (when a label exists). */
  churnRate?: number;
  /** One model per class: the observed share of each class among the segment's labelled customers. */
  classShares?: Record<string, number>;
  /**
   * Mean churn probability (or heuristic risk); null when the run has no churn score (no churn signal,
   * or one model per class). Every reader must treat null as "no figure", never as 0.
   */
  meanChurnProbability: number | null;
  /** Mean of the value column (revenue/profit) when present. */
  value?: number;
  /**
   * 1 = act first: highest Σ risk × value (Σ risk without a value column); without any risk score,
   * highest Σ value (segment number order without a value column either).
   */
  priority: number;
  silhouette?: number;
  suggestedAction: string;
  /**
   * What is at stake in the segment per period of the value column: Σ risk × value over its customers
   * (expected revenue lost for churn, gained for conversion); Σ risk (expected customers) without a
   * value column; Σ value without a risk score. Priority orders segments by it. Absent when the run
   * has neither.
   */
  valueAtStake?: number;
  /** The suggested action led by each theme a customer's own drivers may point to (segments/customerAction.ts). */
  actionsByDriver?: Partial<Record<ThemeId, string>>;
}
