import { centerShift, centersFromSums } from '../ml/centersFromSums';
import { combinePartialSums } from '../ml/combinePartialSums';

/** What one partition of the rows contributes to a Lloyd iteration (what its activity returns). */
export interface PartitionSums {
  k: number;
  d: number;
  sums: number[];
  counts: number[];
  inertia: number;
}

export interface LloydStep {
  centers: number[];
  /** Inertia of the assignment to the previous centres. */
  inertia: number;
  shift: number;
  converged: boolean;
}

/**
 * One Lloyd update from partition sums, added in partition order. Pure and deterministic, so the
 * orchestrator can run it between fan-outs, and the in-process path runs exactly the same rule.
 */
export function lloydStep(parts: PartitionSums[], previous: number[], tolAbs: number): LloydStep {
  const combined = combinePartialSums(
    parts.map((p) => ({ k: p.k, d: p.d, sums: Float64Array.from(p.sums), counts: Float64Array.from(p.counts), inertia: p.inertia })),
  );
  const prev = Float64Array.from(previous);
  const next = centersFromSums(combined.sums, combined.counts, parts[0]!.d, prev);
  const shift = centerShift(prev, next);
  return { centers: Array.from(next), inertia: combined.inertia, shift, converged: shift <= tolAbs };
}

/** Lloyd iterations at most (scikit-learn's default max_iter). */
export const maxLloydIterations = 300;
