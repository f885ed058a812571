/**
 * Area under the ROC curve (scikit-learn's roc_auc_score for binary labels): the probability that
 * a random positive scores above a random negative, ties counting half (Mann–Whitney U).
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0, rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) if (yTrue[order[t]] === 1) { pos++; rankSum += avgRank; }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Points of the ROC curve (false-positive rate, true-positive rate), one per distinct threshold. */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>): { fpr: number[]; tpr: number[]; thresholds: number[] } {
  const n = yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let P = 0;
  for (let i = 0; i < n; i++) P += yTrue[i] === 1 ? 1 : 0;
  const N = n - P;
  const fpr = [0], tpr = [0], thresholds = [Infinity];
  let tp = 0, fp = 0;
  for (let i = 0; i < n; i++) {
    if (yTrue[order[i]] === 1) tp++; else fp++;
    if (i === n - 1 || scores[order[i + 1]] !== scores[order[i]]) {
      fpr.push(N ? fp / N : 0); tpr.push(P ? tp / P : 0); thresholds.push(scores[order[i]]);
    }
  }
  return { fpr, tpr, thresholds };
}
