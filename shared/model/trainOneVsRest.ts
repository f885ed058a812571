import type { DenseMatrix } from '../ml/DenseMatrix';
import { trainChurnModel, type TrainChurnOptions, type TrainedChurnModel } from './trainChurnModel';

export interface TrainedClassModel {
  /** The class as it reads in the target column. */
  class: string;
  trained: TrainedChurnModel;
}

/**
 * One binary model per class, each trained on "this class" against all the others with the churn
 * trainer and its own seeded stratified hold-out (the same rule a binary target gets), so every
 * class's ROC AUC is measured on customers its model did not train on. `classOf` is the class of
 * each row of `X`; rows without a class are left out by the caller.
 */
export async function trainOneVsRest(
  X: DenseMatrix,
  classOf: readonly string[],
  classes: readonly string[],
  options: Pick<TrainChurnOptions, 'seed' | 'candidates' | 'classWeight' | 'crossValidateUpTo'> = {},
): Promise<TrainedClassModel[]> {
  if (classOf.length !== X.rows) throw new RangeError(`${classOf.length} classes given for ${X.rows} rows`);
  const out: TrainedClassModel[] = [];
  // One class after another: each fit already keeps every core busy.
  for (const value of classes) {
    const y = Float64Array.from(classOf, (c) => (c === value ? 1 : 0));
    out.push({ class: value, trained: await trainChurnModel(X, y, options) });
  }
  return out;
}
