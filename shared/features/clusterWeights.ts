import type { DenseMatrix } from '../ml/DenseMatrix';
import type { FeaturePipelineState } from '../model/FeaturePipeline';

/**
 * How far apart, in standard deviations of a numeric feature, a flag's two values are placed for
 * clustering, and likewise any two categories of one categorical column. Standardized, a flag held by
 * p of the customers has its values 1/√(p(1−p)) apart (2 at p = ½, 4.6 at p = 5 %): a wider gap than
 * any numeric feature's spread, so k-means splits on it and the flag becomes the segment. At 0.5 a
 * flag moves a customer no more than half a typical spread of spend or tenure, however rare it is.
 */
export const flagGap = 0.5;

/**
 * The weight of each model feature (featureNames order) when customers are clustered; scaled
 * features are multiplied by it. The rule:
 * - a numeric column keeps its standardization (weight 1): behaviour and value (activity, recency,
 *   frequency, spend, tenure, engagement) decide the segments;
 * - a column with two values in the data (a flag: a boolean, or a 0/1 number) is scaled so its two
 *   values lie `flagGap` apart, whatever its share;
 * - the one-hot columns of a categorical column are each scaled by flagGap/√2, so any two customers
 *   of different categories lie `flagGap` apart: the whole column weighs like one flag, however many
 *   categories it has (a column with a single one-hot column is a flag);
 * - a column with one value in the data cannot describe a segment: weight 0.
 * Segments are still profiled on every column, in original units.
 */
export function clusterWeights(X: DenseMatrix, pipeline: Pick<FeaturePipelineState, 'numeric' | 'boolean' | 'encoder'>): Float64Array {
  const d = X.cols;
  const weights = new Float64Array(d);
  const plain = pipeline.numeric.length + pipeline.boolean.length;
  for (let j = 0; j < plain; j++) {
    const [low, high, distinct] = twoValues(X, j);
    weights[j] = distinct === 1 ? 0 : distinct === 2 ? flagGap / (high - low) : 1;
  }
  let j = plain;
  for (const c of pipeline.encoder.columns) {
    const width = c.categories.length + (c.other ? 1 : 0);
    const w = width === 1 ? flagGap : flagGap / Math.SQRT2;
    for (let t = 0; t < width; t++, j++) weights[j] = twoValues(X, j)[2] === 1 ? 0 : w;
  }
  if (j !== d) throw new RangeError(`the pipeline describes ${j} features, the matrix has ${d}`);
  return weights;
}

/** A column's smallest and largest value, and how many distinct values it has (1, 2, or 3 for more). */
function twoValues(X: DenseMatrix, j: number): [number, number, 1 | 2 | 3] {
  const n = X.rows, d = X.cols, data = X.data;
  if (n === 0) return [0, 0, 1];
  const a = data[j]!;
  let b = a;
  for (let i = 1; i < n; i++) {
    const v = data[i * d + j]!;
    if (v === a || v === b) continue;
    if (b === a) b = v;
    else return [Math.min(a, b), Math.max(a, b), 3];
  }
  return b === a ? [a, a, 1] : [Math.min(a, b), Math.max(a, b), 2];
}
