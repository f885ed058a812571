import * as fs from 'node:fs';
import * as path from 'node:path';
import { binFeatures } from '../../../shared/ml/binFeatures';
import { binFeaturesOnThreads } from '../../../shared/ml/binFeaturesOnThreads';
import { createRng } from '../../../shared/ml/createRng';
import { denseMatrix, type DenseMatrix } from '../../../shared/ml/DenseMatrix';
import { HistGradientBoostingClassifier, type HistGradientBoostingState } from '../../../shared/ml/HistGradientBoostingClassifier';
import { histogramPool, useHistogramWorkerFile } from '../../../shared/ml/histogramPool';
import { rocAuc } from '../../../shared/ml/rocAuc';
import { compileForChild } from '../../helpers/compileForChild';
import { loopTurnsDuring } from '../../helpers/loopTurnsDuring';

// The host loads dist/shared/ml/histogramWorker.js; here the same module is compiled to a scratch folder.
let dir: string;
const workerFile = (): string => path.join(dir, 'shared/ml/histogramWorker.js');

beforeAll(async () => {
  dir = compileForChild(['shared/ml']);
  await useHistogramWorkerFile(workerFile());
});

afterAll(async () => {
  await useHistogramWorkerFile(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Rows enough that the root and the first splits are cut into several blocks and go to the threads;
 * missing values, a flag, a feature with few values and an interaction, so every kind of bin is used.
 */
function customers(n: number, seed: number): { X: DenseMatrix; y: Float64Array } {
  const rng = createRng(seed);
  const d = 6, data = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal(), b = rng.normal(), flag = rng.next() < 0.3 ? 1 : 0, few = rng.int(5);
    data.set([rng.next() < 0.05 ? NaN : a, b, flag, few, rng.normal(), a * b + rng.normal() * 0.1], i * d);
    const logit = 0.9 * a - 0.5 * b + 0.8 * flag - 0.3 * few + (a * b > 0 ? 0.7 : -0.7);
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { X: denseMatrix(data, n, d), y };
}

const { X, y } = customers(40_000, 3);

async function inlineFit(options: ConstructorParameters<typeof HistGradientBoostingClassifier>[0], weights?: Float64Array): Promise<HistGradientBoostingState> {
  await useHistogramWorkerFile(undefined);
  try {
    expect(histogramPool()).toBeUndefined();
    return new HistGradientBoostingClassifier(options).fit(X, y, weights).toJSON();
  } finally {
    await useHistogramWorkerFile(workerFile());
  }
}

describe('gradient boosting on worker threads', () => {
  test('the calling thread keeps turning its event loop while a fit runs', async () => {
    expect(histogramPool()).toBeDefined();
    const { value: model, turns, order } = await loopTurnsDuring(() => new HistGradientBoostingClassifier({ seed: 1, maxIter: 5 }).fitAsync(X, y));
    expect(order).toEqual(['callback scheduled after the work started', 'work resolved']);
    // every large node is a round trip to the threads, and the loop turns between them
    expect(turns).toBeGreaterThan(5);
    expect(model.state!.trees).toHaveLength(5);
  });

  test('threads give exactly the trees, gains and scores of the same fit built inline', async () => {
    const weights = Float64Array.from(y, (v) => (v === 1 ? 2.5 : 1));
    for (const options of [{ seed: 4 }, { seed: 9, maxLeafNodes: 8, minSamplesLeaf: 50, l2Regularization: 1 }]) {
      const threaded = (await new HistGradientBoostingClassifier(options).fitAsync(X, y, weights)).toJSON();
      const inline = await inlineFit(options, weights);
      expect(threaded.trees.length).toBeGreaterThan(5);
      expect(threaded).toEqual(inline);
      const a = HistGradientBoostingClassifier.fromJSON(threaded).predictProba(X);
      const b = HistGradientBoostingClassifier.fromJSON(inline).predictProba(X);
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(rocAuc(Array.from(y), a)).toBeGreaterThan(0.75);
    }
  });

  test('the model does not depend on how many threads build it', async () => {
    const options = { seed: 2, maxIter: 30 };
    const inline = await inlineFit(options);
    for (const threads of [1, 2, 3]) {
      await useHistogramWorkerFile(workerFile(), threads);
      expect(histogramPool()!.size).toBe(threads);
      const threaded = (await new HistGradientBoostingClassifier(options).fitAsync(X, y)).toJSON();
      expect(threaded).toEqual(inline);
    }
    await useHistogramWorkerFile(workerFile());
  });

  test('features binned a range per thread get the codes and edges of binFeatures', async () => {
    // Thirteen columns over three threads: uneven ranges; a constant, an all-missing and a many-valued column among them.
    const rng = createRng(8);
    const n = 5000, d = 13, data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) data[i * d + j] = j === 0 ? 7 : j === 1 ? NaN : j % 3 === 0 ? rng.int(4) : rng.next() < 0.1 ? NaN : rng.normal() * j;
    }
    const matrix = denseMatrix(data, n, d);
    await useHistogramWorkerFile(workerFile(), 3);
    const threaded = await binFeaturesOnThreads(matrix, 255, histogramPool()!);
    await useHistogramWorkerFile(workerFile());
    const inline = binFeatures(matrix, 255);
    expect(threaded.codes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(threaded.codes)).toEqual(Array.from(inline.codes));
    expect(threaded.edges.map((e) => Array.from(e))).toEqual(inline.edges.map((e) => Array.from(e)));
    expect(Array.from(threaded.offsets)).toEqual(Array.from(inline.offsets));
    expect(threaded.edges[0]).toHaveLength(0);
    expect(threaded.edges[4]!.length).toBe(254);
  });
});

describe('stored gradient-boosting models', () => {
  test('a model.json state written before the threads scores as it did', () => {
    // Two trees as an earlier release stored them: x0 ≤ 0.5 left (NaN right), then x1 ≤ 2.
    const stored = JSON.parse(`{"kind":"gbt","baseScore":-0.4,"nFeatures":2,"gain":[3,1],"trees":[
      {"feature":[0,-1,-1],"threshold":[0.5,0,0],"left":[1,-1,-1],"right":[2,-1,-1],"value":[0.01,-0.2,0.3]},
      {"feature":[1,-1,-1],"threshold":[2,0,0],"left":[1,-1,-1],"right":[2,-1,-1],"value":[0,0.05,-0.1]}]}`) as HistGradientBoostingState;
    const model = HistGradientBoostingClassifier.fromJSON(stored);
    const rows = denseMatrix(Float64Array.from([0, 1, 1, 3, NaN, 2]), 3, 2);
    const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
    expect(Array.from(model.predictProba(rows))).toEqual([sigmoid(-0.4 - 0.2 + 0.05), sigmoid(-0.4 + 0.3 - 0.1), sigmoid(-0.4 + 0.3 + 0.05)]);
    expect(model.featureImportance()).toEqual([0.75, 0.25]);
  });
});
