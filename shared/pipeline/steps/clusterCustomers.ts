import { denseMatrix } from '../../ml/DenseMatrix';
import { assignAndSum } from '../../ml/assignAndSum';
import { fitKMeans } from '../../ml/fitKMeans';
import { sharedForKernels } from '../../ml/kMeansPool';
import { miniBatchKMeans } from '../../ml/miniBatchKMeans';
import { silhouette } from '../../ml/silhouette';
import { BlobStore } from '../../storage/BlobStore';
import { evaluationSample } from '../evaluationSample';
import { RunInput } from '../RunInput';
import { PartitionSums, lloydStep, maxLloydIterations } from '../lloydStep';
import type { ClusteringAlgorithm } from './prepareFeatures';
import { WorkFiles, type ClusteringWork } from './workFiles';

export interface Clustering {
  k: number;
  inertia: number;
  iterations: number;
  sizes: number[];
  silhouette: number;
  silhouetteByCluster: number[];
}

/**
 * Starting centres: the best of several seeded k-means++ restarts (run to convergence) on the
 * evaluation sample, the rows k was chosen on: the fit refined on every row is then one of the kind
 * that was scored, and the restarts stay cheap enough to explore several starts on a large table.
 * Both clustering paths start from these, so the full-data Lloyd that follows needs few iterations.
 */
export async function initCenters(store: BlobStore, input: RunInput, k: number): Promise<number[]> {
  const f = await new WorkFiles(store, input).readClusterMatrix();
  const { X } = evaluationSample(f.data, f.rows, f.cols, input.options.seed);
  return Array.from((await fitKMeans(X, { k: Math.min(k, X.rows), nInit: 4, seed: input.options.seed })).centers);
}

/** One partition's contribution to a Lloyd iteration (an activity in the distributed path). */
export async function lloydPartition(store: BlobStore, input: RunInput, start: number, end: number, centers: number[]): Promise<PartitionSums> {
  const f = await new WorkFiles(store, input).readClusterMatrix();
  const p = await assignAndSum(denseMatrix(f.data, f.rows, f.cols), start, end, Float64Array.from(centers));
  return { k: p.k, d: p.d, sums: Array.from(p.sums), counts: Array.from(p.counts), inertia: p.inertia };
}

/** The whole Lloyd loop in this process: the same steps the distributed path runs, with one partition. */
export async function lloydInProcess(store: BlobStore, input: RunInput, init: number[], tolAbs: number): Promise<{ centers: number[]; iterations: number }> {
  const f = await new WorkFiles(store, input).readClusterMatrix();
  // one shared copy for every pass the threads make over the rows
  const X = denseMatrix(sharedForKernels(f.data), f.rows, f.cols);
  let centers = init;
  let iterations = 0;
  while (iterations < maxLloydIterations) {
    iterations++;
    const p = await assignAndSum(X, 0, X.rows, Float64Array.from(centers));
    const step = lloydStep([{ k: p.k, d: p.d, sums: Array.from(p.sums), counts: Array.from(p.counts), inertia: p.inertia }], centers, tolAbs);
    centers = step.centers;
    if (step.converged) break;
  }
  return { centers, iterations };
}

/**
 * Mini-batch k-means (scikit-learn's MiniBatchKMeans: its own k-means++ start, batches of 4,096 rows)
 * for tables above SEGMENTWISE_MINIBATCH_ROWS, where full Lloyd passes over every row cost more than
 * the small loss of fit; `iterations` counts its batches.
 */
export async function miniBatchInProcess(store: BlobStore, input: RunInput, k: number): Promise<{ centers: number[]; iterations: number }> {
  const f = await new WorkFiles(store, input).readClusterMatrix();
  const fitted = await miniBatchKMeans(denseMatrix(f.data, f.rows, f.cols), { k: Math.min(k, f.rows), seed: input.options.seed });
  return { centers: Array.from(fitted.centers), iterations: fitted.batches };
}

/** The clustering activity: full Lloyd from the starting centres, or mini-batch k-means for k. */
export function clusterInProcess(
  store: BlobStore,
  input: RunInput,
  job: { init: number[]; tolAbs: number; algorithm?: ClusteringAlgorithm; k?: number },
): Promise<{ centers: number[]; iterations: number }> {
  return job.algorithm === 'minibatch' ? miniBatchInProcess(store, input, job.k!) : lloydInProcess(store, input, job.init, job.tolAbs);
}

/**
 * Final labels: every customer to its nearest final centre (so the stored model scores a customer to
 * the same segment), plus sizes, inertia and the sampled silhouette per cluster for the profiles, all
 * in the space customers are clustered on; and each segment's mean of the model features, which
 * model.json's centroids and the next run's segment matching read.
 */
export async function assignLabels(store: BlobStore, input: RunInput, centers: number[], iterations: number, algorithm: ClusteringAlgorithm = 'lloyd'): Promise<Clustering> {
  const work = new WorkFiles(store, input);
  const [f, features, space] = await Promise.all([work.readClusterMatrix(), work.readFeatures(), work.readJson('clusterSpace.json')]);
  const X = denseMatrix(f.data, f.rows, f.cols);
  const C = Float64Array.from(centers);
  const { labels } = await assignAndSum(X, 0, X.rows, C);
  const k = C.length / f.cols;
  const sizes = new Array<number>(k).fill(0);
  let inertia = 0;
  for (let i = 0; i < X.rows; i++) {
    const c = labels[i]!;
    sizes[c]!++;
    for (let j = 0; j < f.cols; j++) inertia += (X.data[i * f.cols + j]! - C[c * f.cols + j]!) ** 2;
  }
  // Measured on the rows candidate k was scored on, whose pair distances this worker may hold already.
  const sample = evaluationSample(f.data, f.rows, f.cols, input.options.seed);
  const sampleLabels = sample.rows ? Int32Array.from(sample.rows, (r) => labels[r]!) : labels;
  const sil = silhouette(sample.X, sampleLabels, k, { sampleSize: 4000, seed: input.options.seed });
  await work.writeLabels(labels);
  const silhouetteByCluster = sil.perCluster.map((v) => (Number.isNaN(v) ? null : v));
  const document: ClusteringWork = {
    centers: segmentMeans(features.data, features.rows, features.cols, labels, sizes), clusterCenters: centers, space, algorithm,
    k, inertia, iterations, sizes, silhouette: sil.score, silhouetteByCluster,
  };
  await work.writeJson('clustering.json', document);
  return { k, inertia, iterations, sizes, silhouette: sil.score, silhouetteByCluster: sil.perCluster.map((v) => (Number.isNaN(v) ? 0 : v)) };
}

/** k × d means of the rows of each cluster (row-major); a cluster left empty gets the all-zero row, the standardized mean. */
function segmentMeans(data: Float64Array, rows: number, d: number, labels: Int32Array, sizes: number[]): number[] {
  const sums = new Float64Array(sizes.length * d);
  for (let i = 0; i < rows; i++) {
    const o = labels[i]! * d;
    for (let j = 0; j < d; j++) sums[o + j] += data[i * d + j]!;
  }
  return Array.from(sums, (v, t) => (sizes[Math.floor(t / d)]! > 0 ? v / sizes[Math.floor(t / d)]! : 0));
}
