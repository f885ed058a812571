/** Per-row weights; 'balanced' gives each class the same total weight (scikit-learn's class_weight). */
export function classWeights(y: ArrayLike<number>, mode: 'balanced' | 'none' = 'none'): Float64Array {
  const w = new Float64Array(y.length).fill(1);
  if (mode === 'none') return w;
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  const neg = y.length - pos;
  if (pos === 0 || neg === 0) return w;
  const wPos = y.length / (2 * pos), wNeg = y.length / (2 * neg);
  for (let i = 0; i < y.length; i++) w[i] = y[i] === 1 ? wPos : wNeg;
  return w;
}
