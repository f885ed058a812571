import { priorityScores } from '../segments/customerPriority';
import { rfmSegmentName, type RfmSegmentName } from '../segments/rfmScores';

/** Values kept exactly up to this many; beyond, an evenly spaced sample with each value's rank. */
const exactUpTo = 50_000;

/**
 * A population's values in ascending order (missing left out), so a new customer's value can be
 * ranked against the run's customers. `ranks` (0-based positions in the full order) is present
 * when only a sample of `count` values is kept.
 */
export interface SortedValues {
  count: number;
  values: number[];
  ranks?: number[];
}

/** How the run ranked priority, and the run's scores to rank a new customer against. */
export interface PriorityScale {
  /** risk × value, risk alone, value alone, or input order (no risk, no value). */
  basis: 'risk-value' | 'risk' | 'value' | 'order';
  valueColumn: string | null;
  scores: SortedValues;
}

/** The run's recency, frequency and monetary values (rfm_segment quintiles are ranks among them). */
export interface RfmScale {
  columns: { recency: string; frequency: string; monetary: string };
  recency: SortedValues;
  frequency: SortedValues;
  monetary: SortedValues;
}

export function sortedValues(values: ArrayLike<number>): SortedValues {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) present.push(values[i]!);
  present.sort((a, b) => a - b);
  if (present.length <= exactUpTo) return { count: present.length, values: present };
  const step = (present.length - 1) / (exactUpTo - 1);
  const ranks = Array.from({ length: exactUpTo }, (_, k) => Math.round(k * step));
  return { count: present.length, values: ranks.map((r) => present[r]!), ranks };
}

/** How many of the population's values are below `v` (strictly), exactly or from the sample's ranks. */
export function countBelow(s: SortedValues, v: number): number {
  let lo = 0, hi = s.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.values[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  if (!s.ranks) return lo;
  return lo === s.values.length ? s.count : s.ranks[lo]!;
}

/** How many are above `v` (strictly). */
export function countAbove(s: SortedValues, v: number): number {
  let lo = 0, hi = s.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.values[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  if (!s.ranks) return s.values.length - lo;
  return lo === s.values.length ? 0 : s.count - s.ranks[lo]!;
}

export function priorityScale(n: number, risk: ArrayLike<number> | undefined, value: ArrayLike<number> | undefined, valueColumn: string | null): PriorityScale {
  const scores = priorityScores(n, risk, value);
  const basis = risk ? (value ? 'risk-value' : 'risk') : value ? 'value' : 'order';
  return { basis, valueColumn: value ? valueColumn : null, scores: sortedValues(scores ?? []) };
}

/**
 * A new customer's priority among the run's customers: 1 + the run customers whose score is higher
 * (on a tie the new customer comes first among equals; a run customer with a score of its own gets
 * its run priority back). By input order (no risk, no value): `position`, the place in the request.
 */
export function priorityAmong(scale: PriorityScale, risk: number | undefined, value: number | undefined, position: number): number {
  if (scale.basis === 'order') return position;
  const score = priorityScores(1, risk === undefined ? undefined : [risk], scale.basis === 'risk' ? undefined : [value ?? NaN])![0]!;
  // -Infinity (no value) ranks after every run customer with one.
  return 1 + countAbove(scale.scores, score);
}

/**
 * The RFM quintile a value has among the run's customers, as segments/rfmScores.ts scores the run
 * (5 = best; a missing value scores 1). A value tied with run customers takes the first of their
 * places, which the run gave the earliest of them.
 */
export function quintileAmong(s: SortedValues, v: number, lowerIsBetter: boolean): number {
  if (Number.isNaN(v) || s.count === 0) return 1;
  const rank = lowerIsBetter ? countAbove(s, v) : countBelow(s, v);
  return Math.min(5, Math.floor((rank * 5) / s.count) + 1);
}

export function rfmSegmentAmong(scale: RfmScale, recency: number, frequency: number): RfmSegmentName {
  return rfmSegmentName(quintileAmong(scale.recency, recency, true), quintileAmong(scale.frequency, frequency, false));
}
