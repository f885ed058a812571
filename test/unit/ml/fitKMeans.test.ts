import { kmeans } from 'ml-kmeans';
import { fitKMeans, kMeansPlusPlus, shutdownKMeansWorkers } from '../../../shared/ml/fitKMeans';
import { KMeans } from '../../../shared/ml/KMeans';
import { adjustedRandIndex } from '../../../shared/ml/adjustedRandIndex';
import { assignAndSum } from '../../../shared/ml/assignAndSum';
import { combinePartialSums } from '../../../shared/ml/combinePartialSums';
import { centersFromSums } from '../../../shared/ml/centersFromSums';
import { lloydFromSums } from '../../../shared/ml/lloydFromSums';
import { miniBatchKMeans } from '../../../shared/ml/miniBatchKMeans';
import { matrixToRows } from '../../../shared/ml/DenseMatrix';
import { makeBlobs } from './blobs';

afterAll(() => shutdownKMeansWorkers());

function inertiaOf(X: { data: Float64Array; rows: number; cols: number }, centers: number[][], labels: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) s += (X.data[i * X.cols + j] - centers[labels[i]][j]) ** 2;
  return s;
}

describe('fitKMeans', () => {
  test('recovers known clusters (ARI ≥ 0.95)', () => {
    const { X, truth } = makeBlobs(3000, 6, 5, 7);
    const r = fitKMeans(X, { k: 5, seed: 3, nInit: 3 });
    expect(adjustedRandIndex(truth, r.labels)).toBeGreaterThanOrEqual(0.95);
    expect(r.converged).toBe(true);
  });

  test('inertia within 0.5 % of the best of several ml-kmeans runs, or better', () => {
    const { X } = makeBlobs(2000, 5, 6, 11, 3, 1.2);
    const rows = matrixToRows(X);
    let mlBest = Infinity;
    for (let seed = 1; seed <= 5; seed++) {
      const r = kmeans(rows, 6, { initialization: 'kmeans++', seed, maxIterations: 300 });
      mlBest = Math.min(mlBest, inertiaOf(X, r.centroids, r.clusters));
    }
    const ours = fitKMeans(X, { k: 6, seed: 0, nInit: 3 });
    expect(ours.inertia).toBeLessThanOrEqual(mlBest * 1.005);
    const centers = Array.from({ length: 6 }, (_, c) => Array.from(ours.centers.subarray(c * 5, c * 5 + 5)));
    expect(ours.inertia).toBeCloseTo(inertiaOf(X, centers, ours.labels), 6);
  });

  test('same seed, same result; worker threads give the single-thread labels', () => {
    const { X } = makeBlobs(40000, 8, 6, 5, 2, 1);
    const single = fitKMeans(X, { k: 6, seed: 9, threads: 1 });
    const again = fitKMeans(X, { k: 6, seed: 9, threads: 1 });
    const threaded = fitKMeans(X, { k: 6, seed: 9, threads: 2 });
    expect(Array.from(again.labels)).toEqual(Array.from(single.labels));
    expect(adjustedRandIndex(single.labels, threaded.labels)).toBe(1);
    expect(threaded.inertia).toBeCloseTo(single.inertia, 3);
  });

  test('Hamerly and Elkan bounds give the same clustering as plain Lloyd', () => {
    const { X } = makeBlobs(6000, 6, 5, 13, 1.5, 1);
    const init = kMeansPlusPlus(X, 5, 4);
    const plain = lloydFromSums(X, { init });
    for (const algorithm of ['elkan', 'hamerly'] as const) {
      for (const threads of [1, 2]) {
        const r = fitKMeans(X, { k: 5, init, algorithm, threads });
        expect(adjustedRandIndex(plain.labels, r.labels)).toBe(1);
        expect(r.inertia).toBeCloseTo(plain.inertia, 4);
      }
    }
    // bounds seeded from k-means++ bookkeeping (the default path) agree too
    const seeded = fitKMeans(X, { k: 5, seed: 4 });
    expect(adjustedRandIndex(plain.labels, seeded.labels)).toBe(1);
  });

  test('repairs an empty cluster', () => {
    const { X } = makeBlobs(500, 2, 3, 2);
    const init = new Float64Array([0, 0, 1e6, 1e6, 1e6, 1e6]); // two centres far away: both start empty
    const r = fitKMeans(X, { k: 3, init });
    const counts = [0, 0, 0];
    for (const l of r.labels) counts[l]++;
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  test('KMeans state round-trips through JSON and predicts the fitted labels', () => {
    const { X } = makeBlobs(800, 3, 4, 4);
    const m = new KMeans({ k: 4, seed: 1 }).fit(X);
    const back = KMeans.fromJSON(JSON.parse(JSON.stringify(m)));
    expect(Array.from(back.predict(X))).toEqual(Array.from(m.labels!));
  });
});

describe('distributed Lloyd pieces', () => {
  test('partition sums equal the whole-data sums and give the same centres', () => {
    const { X } = makeBlobs(1000, 4, 3, 8);
    const init = kMeansPlusPlus(X, 3, 1);
    const whole = assignAndSum(X, 0, 1000, init);
    const parts = [assignAndSum(X, 0, 333, init), assignAndSum(X, 333, 700, init), assignAndSum(X, 700, 1000, init)];
    const total = combinePartialSums(parts);
    expect(Array.from(total.counts)).toEqual(Array.from(whole.counts));
    const a = centersFromSums(total.sums, total.counts, 4), b = centersFromSums(whole.sums, whole.counts, 4);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 10);
  });

  test('lloydFromSums over 4 partitions gives the labels of the in-process path', () => {
    const { X } = makeBlobs(5000, 5, 4, 12, 3);
    const init = kMeansPlusPlus(X, 4, 2);
    const distributed = lloydFromSums(X, { init, partitions: 4 });
    // what an orchestrator does: activities per partition, sums added in partition order
    let centers = init;
    for (let it = 0; it < distributed.iterations; it++) {
      const parts = [[0, 1250], [1250, 2500], [2500, 3750], [3750, 5000]].map(([s, e]) => assignAndSum(X, s, e, centers));
      const t = combinePartialSums(parts);
      const next = centersFromSums(t.sums, t.counts, 5, centers);
      if (it === distributed.iterations - 1 && next.every((v, i) => v === centers[i])) break;
      centers = next;
    }
    expect(Array.from(centers)).toEqual(Array.from(distributed.centers));
    const inProcess = fitKMeans(X, { k: 4, init });
    expect(adjustedRandIndex(inProcess.labels, distributed.labels)).toBe(1);
  });
});

describe('miniBatchKMeans', () => {
  test('lands near full k-means inertia', () => {
    const { X, truth } = makeBlobs(20000, 4, 4, 21, 6);
    const full = fitKMeans(X, { k: 4, seed: 0 });
    const mb = miniBatchKMeans(X, { k: 4, seed: 0, batchSize: 1024 });
    expect(mb.inertia).toBeLessThanOrEqual(full.inertia * 1.02);
    expect(adjustedRandIndex(truth, mb.labels)).toBeGreaterThan(0.95);
  });
});
