import type { PartialSums } from './assignAndSum';

/** Totals of partition sums, added strictly in the order given so every caller gets the same bits. */
export function combinePartialSums(parts: readonly Pick<PartialSums, 'k' | 'd' | 'sums' | 'counts' | 'inertia'>[]): {
  k: number; d: number; sums: Float64Array; counts: Float64Array; inertia: number;
} {
  if (parts.length === 0) throw new RangeError('no partial sums to combine');
  const { k, d } = parts[0];
  const sums = new Float64Array(k * d), counts = new Float64Array(k);
  let inertia = 0;
  for (const p of parts) {
    if (p.k !== k || p.d !== d) throw new RangeError(`partial sums disagree on shape: ${p.k}×${p.d} vs ${k}×${d}`);
    for (let i = 0; i < k * d; i++) sums[i] += p.sums[i];
    for (let c = 0; c < k; c++) counts[c] += p.counts[c];
    inertia += p.inertia;
  }
  return { k, d, sums, counts, inertia };
}
