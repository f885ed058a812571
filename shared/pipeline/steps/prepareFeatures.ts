import { getSettings } from '../../config/settings';
import { ClusterSpace } from '../../features/ClusterSpace';
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
  /** scikit-learn's k-means tolerance is relative to this (mean per-column variance of cluster.bin). */
  meanVariance: number;
  /** Full Lloyd k-means, or mini-batch above SEGMENTWISE_MINIBATCH_ROWS customers. */
  algorithm: ClusteringAlgorithm;
}

export type ClusteringAlgorithm = 'lloyd' | 'minibatch';

/** Points of the PCA map in the report, at most this many. */
const mapPoints = 5000;

/**
 * The feature matrix: numeric columns median-imputed and standard-scaled, booleans as 0/1, categories
 * one-hot with an "other" bucket (the id, target, consent and excluded columns never enter). Also the
 * same columns unscaled (profiles in original units), a 2-D PCA of the scaled matrix for the report's
 * map, and the matrix segments are clustered on (features/ClusterSpace.ts: flags and categories
 * weighted down, principal components for a wide table); the churn model keeps the plain features.
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
  const space = new ClusterSpace();
  const Z = space.fitTransform(X, pipeline.toJSON());
  const pca = new PCA(Math.min(2, X.cols)).fit(X);
  const projected = pca.transform(X);
  const sample = X.rows <= mapPoints ? null : shuffledIndices(X.rows, createRng(input.options.seed), mapPoints);
  const rowsForMap = sample ? Array.from(sample).sort((a, b) => a - b) : Array.from({ length: X.rows }, (_, i) => i);
  await Promise.all([
    work.writeFeatures({ rows: X.rows, cols: X.cols, data: X.data, meta: { featureNames } }),
    work.writeMatrix('unscaled.bin', { rows: unscaled.rows, cols: unscaled.cols, data: unscaled.data, meta: { featureNames } }),
    work.writeJson('pipeline.json', pipeline.toJSON()),
    work.writeMatrix('cluster.bin', { rows: Z.rows, cols: Z.cols, data: Z.data, meta: { featureNames: space.columnNames(featureNames) } }),
    work.writeJson('clusterSpace.json', space.toJSON()),
    work.writeJson('pca.json', {
      state: pca.toJSON(),
      rows: rowsForMap,
      points: rowsForMap.map((i) => [projected.data[i * projected.cols]!, projected.cols > 1 ? projected.data[i * projected.cols + 1]! : 0]),
    }),
  ]);
  const algorithm: ClusteringAlgorithm = X.rows > getSettings().SEGMENTWISE_MINIBATCH_ROWS ? 'minibatch' : 'lloyd';
  return { ok: true, rows: X.rows, cols: X.cols, featureNames, meanVariance: meanVariance(Z), algorithm };
}
