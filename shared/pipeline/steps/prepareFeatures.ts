import { PCA } from '../../ml/PCA';
import { meanVariance } from '../../ml/fitKMeans';
import { FeaturePipeline } from '../../model/FeaturePipeline';
import { createRng, shuffledIndices } from '../../ml/createRng';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput, StepResult } from '../RunInput';
import { tableColumns } from '../../features/tableColumns';
import { WorkFiles } from './workFiles';

export interface PreparedFeatures {
  rows: number;
  cols: number;
  featureNames: string[];
  /** scikit-learn's k-means tolerance is relative to this (mean per-feature variance). */
  meanVariance: number;
}

/** Points of the PCA map in the report, at most this many. */
const mapPoints = 5000;

/**
 * The feature matrix: numeric columns median-imputed and standard-scaled, booleans as 0/1, categories
 * one-hot with an "other" bucket (the id, target, consent and excluded columns never enter). Also the
 * same columns unscaled (profiles in original units) and a 2-D PCA of the scaled matrix.
 */
export async function prepareFeatures(store: BlobStore, input: RunInput): Promise<StepResult<PreparedFeatures>> {
  const work = new WorkFiles(store, input);
  const { table, schema } = await work.readTable();
  if (schema.numeric.length + schema.boolean.length + schema.categorical.length === 0) {
    return {
      ok: false,
      problem: {
        code: 'NO_FEATURES',
        file: input.files[0]?.file,
        message: 'No column is left to build segments from: every column is an id, the target, consent, excluded, free text or was dropped.',
        hint: 'Include numeric or categorical columns (spend, orders, tenure, plan…); quality.json lists why each column was set aside.',
      },
    };
  }
  const pipeline = new FeaturePipeline({ numeric: schema.numeric, boolean: schema.boolean, categorical: schema.categorical });
  const { X, unscaled, featureNames } = pipeline.fitTransform(tableColumns(table));
  const pca = new PCA(Math.min(2, X.cols)).fit(X);
  const projected = pca.transform(X);
  const sample = X.rows <= mapPoints ? null : shuffledIndices(X.rows, createRng(input.options.seed), mapPoints);
  const rowsForMap = sample ? Array.from(sample).sort((a, b) => a - b) : Array.from({ length: X.rows }, (_, i) => i);
  await Promise.all([
    work.writeFeatures({ rows: X.rows, cols: X.cols, data: X.data, meta: { featureNames } }),
    work.writeMatrix('unscaled.bin', { rows: unscaled.rows, cols: unscaled.cols, data: unscaled.data, meta: { featureNames } }),
    work.writeJson('pipeline.json', pipeline.toJSON()),
    work.writeJson('pca.json', {
      state: pca.toJSON(),
      rows: rowsForMap,
      points: rowsForMap.map((i) => [projected.data[i * projected.cols]!, projected.cols > 1 ? projected.data[i * projected.cols + 1]! : 0]),
    }),
  ]);
  return { ok: true, rows: X.rows, cols: X.cols, featureNames, meanVariance: meanVariance(X) };
}
