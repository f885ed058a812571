import { compareGroups, type GroupComparison } from './compareGroups';

/** Who was treated and who was held back, by row of the run's customer table. */
export interface CampaignGroups {
  treated: number[];
  control: number[];
  /** The variant (message variant, offer or arm) of each treated row, in `treated` order; absent when there is one. */
  treatedVariant?: string[];
}

export interface LiftBreakdown {
  overall: GroupComparison;
  /** Treated against control customers of the same segment (the segment this run gave them). */
  bySegment: ({ segment: number } & GroupComparison)[];
  /** Each variant's treated customers against every control customer. */
  byVariant: ({ variant: string } & GroupComparison)[];
}

/**
 * The measured effect of a campaign on a 0/1 outcome (and spend): overall, per segment and per
 * variant, each with its interval or the statement that the data is too thin.
 */
export function measureLift(groups: CampaignGroups, segment: Int32Array, outcome: Float64Array, spend?: Float64Array, seed = 0): LiftBreakdown {
  const overall = compareGroups(groups.treated, groups.control, outcome, spend, seed);
  const segments = [...new Set([...groups.treated, ...groups.control].map((i) => segment[i]!))].sort((a, b) => a - b);
  const bySegment = segments.map((s) => ({
    segment: s,
    ...compareGroups(groups.treated.filter((i) => segment[i] === s), groups.control.filter((i) => segment[i] === s), outcome, spend, seed + s + 1),
  }));
  const variants = groups.treatedVariant ? [...new Set(groups.treatedVariant)].sort() : [];
  const byVariant = variants.map((v, k) => ({
    variant: v,
    ...compareGroups(groups.treated.filter((_, j) => groups.treatedVariant![j] === v), groups.control, outcome, spend, seed + 1000 + k),
  }));
  return { overall, bySegment, byVariant };
}
