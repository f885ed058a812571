/** Row ranges [start, end) splitting n rows into `parts` near-equal partitions, in order. */
export function partitionRows(n: number, parts: number): Array<[number, number]> {
  const p = Math.max(1, Math.min(parts, n || 1));
  const out: Array<[number, number]> = [];
  for (let t = 0; t < p; t++) out.push([Math.floor((t * n) / p), Math.floor(((t + 1) * n) / p)]);
  return out;
}
