/** PR-AUC as scikit-learn's average_precision_score: Σ (R_n − R_{n−1}) P_n over distinct thresholds. */
export function averagePrecision(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let P = 0;
  for (let i = 0; i < n; i++) P += yTrue[i] === 1 ? 1 : 0;
  if (P === 0) return NaN;
  let tp = 0, fp = 0, prevRecall = 0, ap = 0;
  for (let i = 0; i < n; i++) {
    if (yTrue[order[i]] === 1) tp++; else fp++;
    if (i === n - 1 || scores[order[i + 1]] !== scores[order[i]]) {
      const recall = tp / P, precision = tp / (tp + fp);
      ap += (recall - prevRecall) * precision;
      prevRecall = recall;
    }
  }
  return ap;
}
