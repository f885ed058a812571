export interface RfmScore {
  r: number;
  f: number;
  m: number;
  /** "545": R, F, M digits. */
  code: string;
  segment: RfmSegmentName;
}

/** The classes of the R×F grid, best first: the order tables list them in. */
export const rfmSegmentNames = [
  'Champions', 'Loyal customers', 'Potential loyalists', 'New customers', 'Promising',
  'Need attention', 'About to sleep', "Can't lose them", 'At risk', 'Hibernating',
] as const;

export type RfmSegmentName = (typeof rfmSegmentNames)[number];

/**
 * Quintile scores 1–5 (5 = best: most recent, most frequent, highest spend), ties split by row
 * order as pandas' qcut(rank(method="first"), 5) does, and the classic R×F segment map.
 */
export function rfmScores(recency: ArrayLike<number>, frequency: ArrayLike<number>, monetary: ArrayLike<number>): RfmScore[] {
  const r = quintiles(recency, true), f = quintiles(frequency, false), m = quintiles(monetary, false);
  return Array.from(r, (_, i) => ({ r: r[i], f: f[i], m: m[i], code: `${r[i]}${f[i]}${m[i]}`, segment: rfmSegmentName(r[i], f[i]) }));
}

/** The widely used R×F grid (recency score, frequency score → name). */
export function rfmSegmentName(r: number, f: number): RfmSegmentName {
  if (r <= 2) return f <= 2 ? 'Hibernating' : f <= 4 ? 'At risk' : "Can't lose them";
  if (r === 3) return f <= 2 ? 'About to sleep' : f === 3 ? 'Need attention' : 'Loyal customers';
  if (f === 1) return r === 4 ? 'Promising' : 'New customers';
  if (f <= 3) return 'Potential loyalists';
  return r === 5 ? 'Champions' : 'Loyal customers';
}

/** Scores 1..5 by rank; lowerIsBetter flips (recency in days: fewer is better). Missing values score 1. */
function quintiles(values: ArrayLike<number>, lowerIsBetter: boolean): Int32Array {
  const n = values.length;
  const idx = Array.from({ length: n }, (_, i) => i).filter((i) => !Number.isNaN(values[i]));
  idx.sort((a, b) => (lowerIsBetter ? values[b] - values[a] : values[a] - values[b]) || a - b);
  const out = new Int32Array(n).fill(1);
  const m = idx.length;
  idx.forEach((row, rank) => { out[row] = Math.min(5, Math.floor((rank * 5) / m) + 1); });
  return out;
}

const PATTERNS = {
  recency: /recen|days?_?since|daysincelast|last_?(order|purchase|visit)|давност|дней_с/i,
  frequency: /frequen|order_?count|orders|purchases|num_?orders|частот|покупок|заказ/i,
  monetary: /monetary|revenue|spend|amount|sales|total_?(paid|spent)|выручк|сумм/i,
};

/** Recency / frequency / monetary columns recognised by name, when all three exist. */
export function findRfmColumns(columns: string[]): { recency: string; frequency: string; monetary: string } | undefined {
  const find = (re: RegExp): string | undefined => columns.find((c) => re.test(c));
  const recency = find(PATTERNS.recency), frequency = find(PATTERNS.frequency), monetary = find(PATTERNS.monetary);
  return recency && frequency && monetary ? { recency, frequency, monetary } : undefined;
}
