import { kmeans } from 'ml-kmeans';
import { fitKMeans, kMeansPlusPlus, meanVariance, nearestCenters, shutdownKMeansWorkers } from '../../../shared/ml/fitKMeans';
import { adjustedRandIndex } from '../../../shared/ml/adjustedRandIndex';
import { assignAndSum } from '../../../shared/ml/assignAndSum';
import { combinePartialSums } from '../../../shared/ml/combinePartialSums';
import { centersFromSums } from '../../../shared/ml/centersFromSums';
import { partitionRows } from '../../../shared/ml/partitionRows';
import { lloydStep, maxLloydIterations } from '../../../shared/pipeline/lloydStep';
import { miniBatchKMeans } from '../../../shared/ml/miniBatchKMeans';
import { matrixToRows } from '../../../shared/ml/DenseMatrix';
import { makeBlobs } from './blobs';

afterAll(() => shutdownKMeansWorkers());

/**
 * Plain Lloyd as the pipeline runs it: assignAndSum per row partition (one activity each), then the
 * orchestrator's lloydStep on the sums, until it converges; labels from the final centres.
 */
async function lloydThroughSteps(X: { data: Float64Array; rows: number; cols: number }, init: Float64Array, partitions = 1) {
  const tolAbs = 1e-4 * meanVariance(X);
  let centers = Array.from(init);
  let iterations = 0;
  while (iterations < maxLloydIterations) {
    iterations++;
    const parts = await Promise.all(partitionRows(X.rows, partitions).map(async ([s, e]) => {
      const p = await assignAndSum(X, s, e, Float64Array.from(centers));
      return { k: p.k, d: p.d, sums: Array.from(p.sums), counts: Array.from(p.counts), inertia: p.inertia };
    }));
    const step = lloydStep(parts, centers, tolAbs);
    centers = step.centers;
    if (step.converged) break;
  }
  const C = Float64Array.from(centers);
  const labels = nearestCenters(X, C);
  const k = C.length / X.cols;
  const rows = Array.from({ length: k }, (_, c) => Array.from(C.subarray(c * X.cols, (c + 1) * X.cols)));
  return { centers: C, labels, iterations, inertia: inertiaOf(X, rows, labels) };
}

function inertiaOf(X: { data: Float64Array; rows: number; cols: number }, centers: number[][], labels: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) s += (X.data[i * X.cols + j] - centers[labels[i]][j]) ** 2;
  return s;
}

describe('fitKMeans', () => {
  test('recovers known clusters (ARI ≥ 0.95)', async () => {
    const { X, truth } = makeBlobs(3000, 6, 5, 7);
    const r = await fitKMeans(X, { k: 5, seed: 3, nInit: 3 });
    expect(adjustedRandIndex(truth, r.labels)).toBeGreaterThanOrEqual(0.95);
    expect(r.converged).toBe(true);
  });

  test('inertia within 0.5 % of the best of several ml-kmeans runs, or better', async () => {
    const { X } = makeBlobs(2000, 5, 6, 11, 3, 1.2);
    const rows = matrixToRows(X);
    let mlBest = Infinity;
    for (let seed = 1; seed <= 5; seed++) {
      const r = kmeans(rows, 6, { initialization: 'kmeans++', seed, maxIterations: 300 });
      mlBest = Math.min(mlBest, inertiaOf(X, r.centroids, r.clusters));
    }
    const ours = await fitKMeans(X, { k: 6, seed: 0, nInit: 3 });
    expect(ours.inertia).toBeLessThanOrEqual(mlBest * 1.005);
    const centers = Array.from({ length: 6 }, (_, c) => Array.from(ours.centers.subarray(c * 5, c * 5 + 5)));
    expect(ours.inertia).toBeCloseTo(inertiaOf(X, centers, ours.labels), 6);
  });

  test('same seed, same result; worker threads give the single-thread labels', async () => {
    const { X } = makeBlobs(40000, 8, 6, 5, 2, 1);
    const single = await fitKMeans(X, { k: 6, seed: 9, threads: 1 });
    const again = await fitKMeans(X, { k: 6, seed: 9, threads: 1 });
    const threaded = await fitKMeans(X, { k: 6, seed: 9, threads: 2 });
    expect(Array.from(again.labels)).toEqual(Array.from(single.labels));
    expect(adjustedRandIndex(single.labels, threaded.labels)).toBe(1);
    expect(threaded.inertia).toBeCloseTo(single.inertia, 3);
  });

  test('Hamerly and Elkan bounds give the same clustering as plain Lloyd', async () => {
    const { X } = makeBlobs(6000, 6, 5, 13, 1.5, 1);
    const init = await kMeansPlusPlus(X, 5, 4);
    const plain = await lloydThroughSteps(X, init);
    for (const algorithm of ['elkan', 'hamerly'] as const) {
      for (const threads of [1, 2]) {
        const r = await fitKMeans(X, { k: 5, init, algorithm, threads });
        expect(adjustedRandIndex(plain.labels, r.labels)).toBe(1);
        expect(r.inertia).toBeCloseTo(plain.inertia, 4);
      }
    }
    // bounds seeded from k-means++ bookkeeping (the default path) agree too
    const seeded = await fitKMeans(X, { k: 5, seed: 4 });
    expect(adjustedRandIndex(plain.labels, seeded.labels)).toBe(1);
  });

  test('repairs an empty cluster', async () => {
    const { X } = makeBlobs(500, 2, 3, 2);
    const init = new Float64Array([0, 0, 1e6, 1e6, 1e6, 1e6]); // two centres far away: both start empty
    const r = await fitKMeans(X, { k: 3, init });
    const counts = [0, 0, 0];
    for (const l of r.labels) counts[l]++;
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  test('the fitted centres give back the fitted labels (what scoring a stored model relies on)', async () => {
    const { X } = makeBlobs(800, 3, 4, 4);
    const r = await fitKMeans(X, { k: 4, seed: 1 });
    const stored = Float64Array.from(JSON.parse(JSON.stringify(Array.from(r.centers))) as number[]);
    expect(Array.from(nearestCenters(X, stored))).toEqual(Array.from(r.labels));
  });
});

describe('distributed Lloyd pieces', () => {
  test('partition sums equal the whole-data sums and give the same centres', async () => {
    const { X } = makeBlobs(1000, 4, 3, 8);
    const init = await kMeansPlusPlus(X, 3, 1);
    const whole = await assignAndSum(X, 0, 1000, init);
    const parts = await Promise.all([assignAndSum(X, 0, 333, init), assignAndSum(X, 333, 700, init), assignAndSum(X, 700, 1000, init)]);
    const total = combinePartialSums(parts);
    expect(Array.from(total.counts)).toEqual(Array.from(whole.counts));
    const a = centersFromSums(total.sums, total.counts, 4), b = centersFromSums(whole.sums, whole.counts, 4);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 10);
  });

  test('the orchestrator\'s Lloyd steps over 4 partitions give the centres of one partition and the in-process labels', async () => {
    const { X } = makeBlobs(5000, 5, 4, 12, 3);
    const init = await kMeansPlusPlus(X, 4, 2);
    const distributed = await lloydThroughSteps(X, init, 4);
    const single = await lloydThroughSteps(X, init, 1);
    expect(distributed.iterations).toBe(single.iterations);
    for (let i = 0; i < single.centers.length; i++) expect(distributed.centers[i]).toBeCloseTo(single.centers[i]!, 10);
    const inProcess = await fitKMeans(X, { k: 4, init });
    expect(adjustedRandIndex(inProcess.labels, distributed.labels)).toBe(1);
  });
});

describe('miniBatchKMeans', () => {
  test('lands near full k-means inertia', async () => {
    const { X, truth } = makeBlobs(20000, 4, 4, 21, 6);
    const full = await fitKMeans(X, { k: 4, seed: 0 });
    const mb = await miniBatchKMeans(X, { k: 4, seed: 0, batchSize: 1024 });
    expect(mb.inertia).toBeLessThanOrEqual(full.inertia * 1.02);
    expect(adjustedRandIndex(truth, mb.labels)).toBeGreaterThan(0.95);
  });
});
