import { denseMatrix } from '../../ml/DenseMatrix';
import { fitKMeans } from '../../ml/fitKMeans';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput } from '../RunInput';
import { WorkFiles } from './workFiles';

export interface Clustering {
  k: number;
  inertia: number;
  sizes: number[];
}

/** Final k-means with restarts; labels go to a work file. */
export async function clusterCustomers(store: BlobStore, input: RunInput, k: number): Promise<Clustering> {
  const work = new WorkFiles(store, input);
  const features = await work.readFeatures();
  const X = denseMatrix(features.data, features.rows, features.cols);
  const result = fitKMeans(X, { k: Math.min(k, X.rows), nInit: 4, seed: input.options.seed });
  await work.writeLabels(result.labels);
  const sizes = new Array<number>(result.k).fill(0);
  for (const label of result.labels) sizes[label]!++;
  return { k: result.k, inertia: result.inertia, sizes };
}
