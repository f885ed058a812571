/** Adjusted Rand index of two labelings (scikit-learn's adjusted_rand_score): 1 = same partition, ~0 = chance. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`labelings differ in length: ${n} vs ${b.length}`);
  if (n < 2) return 1;
  const ia = new Map<number, number>(), ib = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!ia.has(a[i])) ia.set(a[i], ia.size);
    if (!ib.has(b[i])) ib.set(b[i], ib.size);
  }
  const ra = ia.size, rb = ib.size;
  const table = new Float64Array(ra * rb), rowSum = new Float64Array(ra), colSum = new Float64Array(rb);
  for (let i = 0; i < n; i++) {
    const x = ia.get(a[i])!, y = ib.get(b[i])!;
    table[x * rb + y]++; rowSum[x]++; colSum[y]++;
  }
  const pairs = (v: number): number => (v * (v - 1)) / 2;
  let sumIJ = 0, sumA = 0, sumB = 0;
  for (const v of table) sumIJ += pairs(v);
  for (const v of rowSum) sumA += pairs(v);
  for (const v of colSum) sumB += pairs(v);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1; // both labelings put everything in one cluster (or each row alone)
  return (sumIJ - expected) / (max - expected);
}
