import { linearSumAssignment } from '../ml/linearSumAssignment';
import { adjustedRandIndex } from '../ml/adjustedRandIndex';

/**
 * Stable segment numbers across retrains: the new run's centroids are matched to the previous
 * run's by minimum total squared distance (Hungarian algorithm), so "segment 2" keeps meaning the
 * same customers. Returns, per new cluster index, its segment number; clusters beyond the previous
 * count get fresh numbers after the largest previous one.
 */
export function matchSegments(previous: { segment: number; centroid: number[] }[], next: number[][]): number[] {
  if (previous.length === 0) return next.map((_, c) => c);
  const cost = next.map((a) => previous.map((b) => a.reduce((s, v, j) => s + (v - b.centroid[j]) ** 2, 0)));
  const match = linearSumAssignment(cost);
  let fresh = Math.max(...previous.map((p) => p.segment)) + 1;
  return match.map((col) => (col >= 0 ? previous[col].segment : fresh++));
}

/** drift.json (docs/CONTRACTS.md) between two runs. */
export interface SegmentDrift {
  previousRunId: string;
  /** Agreement of the two segmentations on customers present in both (NaN when none). */
  ari: number;
  sizeShift: { segment: number; before: number; after: number }[];
  centroidShift: { segment: number; distance: number }[];
  metricChange: { rocAuc?: [number, number] };
}

export interface RunSegments {
  runId: string;
  /** Segment number → centroid (model space) and size. */
  segments: { segment: number; centroid: number[]; size: number }[];
  /** Customer id → segment number. */
  assignments?: Map<string, number>;
  rocAuc?: number;
}

export function segmentDrift(previous: RunSegments, next: RunSegments): SegmentDrift {
  const prevBy = new Map(previous.segments.map((s) => [s.segment, s]));
  const nextBy = new Map(next.segments.map((s) => [s.segment, s]));
  const ids = [...new Set([...prevBy.keys(), ...nextBy.keys()])].sort((a, b) => a - b);
  let ari = NaN;
  if (previous.assignments && next.assignments) {
    const a: number[] = [], b: number[] = [];
    for (const [id, s] of next.assignments) {
      const p = previous.assignments.get(id);
      if (p !== undefined) { a.push(p); b.push(s); }
    }
    if (a.length > 1) ari = adjustedRandIndex(a, b);
  }
  return {
    previousRunId: previous.runId,
    ari,
    sizeShift: ids.map((segment) => ({ segment, before: prevBy.get(segment)?.size ?? 0, after: nextBy.get(segment)?.size ?? 0 })),
    centroidShift: ids.filter((s) => prevBy.has(s) && nextBy.has(s)).map((segment) => ({
      segment,
      distance: Math.sqrt(prevBy.get(segment)!.centroid.reduce((acc, v, j) => acc + (v - nextBy.get(segment)!.centroid[j]) ** 2, 0)),
    })),
    metricChange: previous.rocAuc !== undefined && next.rocAuc !== undefined ? { rocAuc: [previous.rocAuc, next.rocAuc] } : {},
  };
}
