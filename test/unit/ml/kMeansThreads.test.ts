import * as fs from 'node:fs';
import * as path from 'node:path';
import { assignAndSum } from '../../../shared/ml/assignAndSum';
import { fitKMeans } from '../../../shared/ml/fitKMeans';
import { miniBatchKMeans } from '../../../shared/ml/miniBatchKMeans';
import { kMeansPool, runKMeansKernels, useKMeansWorkerFile } from '../../../shared/ml/kMeansPool';
import { compileForChild } from '../../helpers/compileForChild';
import { makeBlobs } from './blobs';
import { loopTurnsDuring } from '../../helpers/loopTurnsDuring';

// The host loads dist/shared/ml/kMeansWorker.js; here the same module is compiled to a scratch folder.
let dir: string;

beforeAll(async () => {
  dir = compileForChild(['shared/ml']);
  await useKMeansWorkerFile(path.join(dir, 'shared/ml/kMeansWorker.js'));
});

afterAll(async () => {
  await useKMeansWorkerFile(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

// Large enough (n × d × k above the split threshold) that rows are shared between two threads.
const { X } = makeBlobs(20000, 16, 8, 3, 2, 1);

describe('k-means on worker threads', () => {
  test('the calling thread keeps turning its event loop while a fit runs', async () => {
    expect(kMeansPool()).toBeDefined();
    const { value: result, turns, order } = await loopTurnsDuring(() => fitKMeans(X, { k: 8, seed: 5, nInit: 2 }));
    expect(order).toEqual(['callback scheduled after the work started', 'work resolved']);
    // every pass is a round trip to the threads, and the loop turns between them
    expect(turns).toBeGreaterThan(0);
    expect(result.iterations).toBeGreaterThan(1);
  });

  test('threads give exactly the labels, centres and inertia of the same fit run inline', async () => {
    const threaded = await fitKMeans(X, { k: 8, seed: 11, nInit: 2, threads: 2 });
    await useKMeansWorkerFile(undefined);
    expect(kMeansPool()).toBeUndefined();
    const inline = await fitKMeans(X, { k: 8, seed: 11, nInit: 2, threads: 2 });
    await useKMeansWorkerFile(path.join(dir, 'shared/ml/kMeansWorker.js'));
    expect(Array.from(threaded.labels)).toEqual(Array.from(inline.labels));
    expect(Array.from(threaded.centers)).toEqual(Array.from(inline.centers));
    expect(threaded.inertia).toBe(inline.inertia);
    expect(threaded.iterations).toBe(inline.iterations);
  });

  test('a Lloyd pass split over the threads gives the labels, counts and sums of one inline pass', async () => {
    const centers = (await fitKMeans(X, { k: 8, seed: 2, maxIter: 2 })).centers;
    const threaded = await assignAndSum(X, 1000, 19000, centers);
    await useKMeansWorkerFile(undefined);
    const inline = await assignAndSum(X, 1000, 19000, centers);
    await useKMeansWorkerFile(path.join(dir, 'shared/ml/kMeansWorker.js'));
    expect(Array.from(threaded.labels)).toEqual(Array.from(inline.labels));
    expect(Array.from(threaded.counts)).toEqual(Array.from(inline.counts));
    expect(Array.from(threaded.sums)).toEqual(Array.from(inline.sums));
    expect(threaded.inertia).toBe(inline.inertia);
    expect(threaded.counts.reduce((a, b) => a + b, 0)).toBe(18000);
  });

  test('mini-batch k-means on a thread gives the batches, centres and labels of the inline run', async () => {
    const threaded = await miniBatchKMeans(X, { k: 8, seed: 4, batchSize: 1024 });
    await useKMeansWorkerFile(undefined);
    const inline = await miniBatchKMeans(X, { k: 8, seed: 4, batchSize: 1024 });
    await useKMeansWorkerFile(path.join(dir, 'shared/ml/kMeansWorker.js'));
    expect(threaded.batches).toBe(inline.batches);
    expect(Array.from(threaded.centers)).toEqual(Array.from(inline.centers));
    expect(Array.from(threaded.labels)).toEqual(Array.from(inline.labels));
    expect(threaded.inertia).toBe(inline.inertia);
  });

  test('an error inside a kernel rejects the promise instead of hanging or crashing the process', async () => {
    const labels = new Int32Array(new SharedArrayBuffer(8));
    await expect(runKMeansKernels([{ kernel: 'labelledInertia', args: [null, 2, 0, 2, null, labels] }])).rejects.toThrow(
      /kernel labelledInertia failed in a worker thread/,
    );
    // the threads still serve the next fit
    const r = await fitKMeans(X, { k: 4, seed: 1 });
    expect(r.converged).toBe(true);
  });
});
