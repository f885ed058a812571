import { denseMatrix } from '../../ml/DenseMatrix';
import { assignAndSum } from '../../ml/assignAndSum';
import { fitKMeans, nearestCenters } from '../../ml/fitKMeans';
import { createRng, shuffledIndices } from '../../ml/createRng';
import { silhouette } from '../../ml/silhouette';
import { BlobStore } from '../../storage/BlobStore';
import { evaluationSample } from '../evaluationSample';
import { RunInput } from '../RunInput';
import { PartitionSums, lloydStep, maxLloydIterations } from '../lloydStep';
import { WorkFiles } from './workFiles';

/** Rows the starting centres are searched on: k-means++ with restarts on a seeded sample of this size. */
const initRows = 100_000;

export interface Clustering {
  k: number;
  inertia: number;
  iterations: number;
  sizes: number[];
  silhouette: number;
  silhouetteByCluster: number[];
}

/**
 * Starting centres: the best of several seeded k-means++ restarts (run to convergence) on a sample.
 * Both clustering paths start from these, so the full-data Lloyd that follows needs few iterations.
 */
export async function initCenters(store: BlobStore, input: RunInput, k: number): Promise<number[]> {
  const f = await new WorkFiles(store, input).readFeatures();
  let X = denseMatrix(f.data, f.rows, f.cols);
  if (f.rows > initRows) {
    const idx = shuffledIndices(f.rows, createRng(input.options.seed), initRows).sort();
    const data = new Float64Array(initRows * f.cols);
    idx.forEach((row, i) => data.set(f.data.subarray(row * f.cols, (row + 1) * f.cols), i * f.cols));
    X = denseMatrix(data, initRows, f.cols);
  }
  return Array.from(fitKMeans(X, { k: Math.min(k, X.rows), nInit: 4, seed: input.options.seed }).centers);
}

/** One partition's contribution to a Lloyd iteration (an activity in the distributed path). */
export async function lloydPartition(store: BlobStore, input: RunInput, start: number, end: number, centers: number[]): Promise<PartitionSums> {
  const f = await new WorkFiles(store, input).readFeatures();
  const p = assignAndSum(denseMatrix(f.data, f.rows, f.cols), start, end, Float64Array.from(centers));
  return { k: p.k, d: p.d, sums: Array.from(p.sums), counts: Array.from(p.counts), inertia: p.inertia };
}

/** The whole Lloyd loop in this process: the same steps the distributed path runs, with one partition. */
export async function lloydInProcess(store: BlobStore, input: RunInput, init: number[], tolAbs: number): Promise<{ centers: number[]; iterations: number }> {
  const f = await new WorkFiles(store, input).readFeatures();
  const X = denseMatrix(f.data, f.rows, f.cols);
  let centers = init;
  let iterations = 0;
  while (iterations < maxLloydIterations) {
    iterations++;
    const p = assignAndSum(X, 0, X.rows, Float64Array.from(centers));
    const step = lloydStep([{ k: p.k, d: p.d, sums: Array.from(p.sums), counts: Array.from(p.counts), inertia: p.inertia }], centers, tolAbs);
    centers = step.centers;
    if (step.converged) break;
  }
  return { centers, iterations };
}

/**
 * Final labels: every customer to its nearest final centre (so the stored model scores a customer to
 * the same segment), plus sizes, inertia and the sampled silhouette per cluster for the profiles.
 */
export async function assignLabels(store: BlobStore, input: RunInput, centers: number[], iterations: number): Promise<Clustering> {
  const work = new WorkFiles(store, input);
  const f = await work.readFeatures();
  const X = denseMatrix(f.data, f.rows, f.cols);
  const C = Float64Array.from(centers);
  const labels = nearestCenters(X, C);
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
  await work.writeJson('clustering.json', { centers, k, inertia, iterations, sizes, silhouette: sil.score, silhouetteByCluster });
  return { k, inertia, iterations, sizes, silhouette: sil.score, silhouetteByCluster: sil.perCluster.map((v) => (Number.isNaN(v) ? 0 : v)) };
}
