/** One cell of the RFM classes × segments table: how many customers of a segment fall in an RFM class. */
export interface RfmCrossCell {
  rfmSegment: string;
  segment: number;
  customers: number;
}

/**
 * RFM classes beside the k-means segments: the customers counted per (RFM class, segment), cells
 * with nobody left out, classes in the order of the RFM grid and segments by number. A marketer who
 * knows RFM sees at once which segments hold the champions and which the hibernating.
 */
export function rfmCrossTable(rfmSegment: ArrayLike<string>, segment: ArrayLike<number>, classOrder: readonly string[]): RfmCrossCell[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < segment.length; i++) {
    const key = `${rfmSegment[i]}\u0000${segment[i]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rank = (c: string) => (classOrder.indexOf(c) + classOrder.length + 1) % (classOrder.length + 1);
  return [...counts]
    .map(([key, customers]) => {
      const [rfm, s] = key.split('\u0000');
      return { rfmSegment: rfm!, segment: Number(s), customers };
    })
    .sort((a, b) => rank(a.rfmSegment) - rank(b.rfmSegment) || a.rfmSegment.localeCompare(b.rfmSegment) || a.segment - b.segment);
}
