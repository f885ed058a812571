/**
 * Area under the ROC curve (scikit-learn's roc_auc_score for binary labels): the probability that
 * a random positive scores above a random negative, ties counting half (Mann–Whitney U).
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = yTrue.length;
  let P = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === 1) P++;
  const N = n - P;
  if (P === 0 || N === 0) return NaN;
  // Positives' and negatives' scores sorted apart (typed arrays sort natively), then counted in one
  // merge: for each positive, the negatives below it plus half those tied. Same sums as the rank form.
  const pos = new Float64Array(P), neg = new Float64Array(N);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (yTrue[i] === 1) pos[a++] = scores[i]!;
    else neg[b++] = scores[i]!;
  }
  pos.sort();
  neg.sort();
  let below = 0, upTo = 0, sum = 0;
  for (let i = 0; i < P; i++) {
    const p = pos[i]!;
    while (below < N && neg[below]! < p) below++;
    if (upTo < below) upTo = below;
    while (upTo < N && neg[upTo]! <= p) upTo++;
    sum += below + (upTo - below) / 2;
  }
  return sum / (P * N);
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
