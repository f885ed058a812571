import { stratifiedTrainTestSplit } from '../ml/stratifiedSplit';

/** Share of the labelled rows the churn model holds out to measure itself on. */
export const churnTestShare = 0.2;

/**
 * The churn model's hold-out: a seeded stratified 20 % of the labelled rows (indices into `y`).
 * The leakage guard judges features on the same training rows the model later learns from, so a
 * column is never judged on customers the model is then measured on.
 */
export function churnHoldout(y: ArrayLike<number>, seed = 0): { train: number[]; test: number[] } {
  return stratifiedTrainTestSplit(y, churnTestShare, seed);
}

/**
 * Training rows as table row numbers, ascending, for a label per row (null = unlabelled): the rows
 * the churn step trains on when it is given the same labels and seed.
 */
export function churnTrainingRows(labels: ArrayLike<0 | 1 | null>, seed = 0): number[] {
  const labelled: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] !== null) labelled.push(i);
  const y = Float64Array.from(labelled, (i) => labels[i]!);
  return churnHoldout(y, seed).train.map((r) => labelled[r]!);
}
