import { takeRows, type DenseMatrix } from './DenseMatrix';
import { classWeights } from './classWeights';
import { stratifiedTrainTestSplit } from './stratifiedSplit';
import { binFeatures, type BinnedFeatures } from './binFeatures';
import { binFeaturesOnThreads } from './binFeaturesOnThreads';
import { TreeGrower, type TreeState } from './HistogramTreeGrower';
import type { BoostingRows, HistogramTask } from './HistogramBuilder';
import { withHistogramThreads } from './histogramPool';
import type { WorkerPool } from './WorkerPool';

// Math and friends aliased once: global lookups in hot loops are slow inside vm sandboxes (Jest).
const { exp } = Math;

export interface HistGradientBoostingOptions {
  learningRate?: number;
  maxIter?: number;
  maxLeafNodes?: number;
  minSamplesLeaf?: number;
  l2Regularization?: number;
  /** Bins per feature for non-missing values (≤ 255; one more bin holds missing values). */
  maxBins?: number;
  classWeight?: 'balanced' | 'none';
  /**
   * scikit-learn's early stopping: 'auto' (the default) turns it on above 10,000 rows. A stratified
   * `validationFraction` of the rows is held out, and boosting stops once the validation log-loss
   * has not improved by more than `tol` for `nIterNoChange` iterations.
   */
  earlyStopping?: 'auto' | boolean;
  validationFraction?: number;
  nIterNoChange?: number;
  tol?: number;
  /** Seeds the validation split. */
  seed?: number;
}

export interface HistGradientBoostingState {
  kind: 'gbt';
  baseScore: number;
  nFeatures: number;
  trees: TreeState[];
  /** Total split gain per feature. */
  gain: number[];
}

/**
 * Gradient-boosted trees on histogram bins for binary log-loss, the LightGBM / scikit-learn
 * HistGradientBoostingClassifier technique with its defaults: features cut into ≤ 255 quantile
 * bins once, trees grown best-first to 31 leaves from per-bin gradient/hessian histograms
 * (the larger child's histogram by subtraction), leaves shrunk by the learning rate. `fitAsync`
 * builds the histograms of large nodes over row blocks on worker threads; `fit` builds the same
 * blocks on the calling thread, so both give the same trees.
 */
export class HistGradientBoostingClassifier {
  state?: HistGradientBoostingState;

  constructor(readonly options: HistGradientBoostingOptions = {}) {}

  /** Fits on the calling thread. */
  fit(X: DenseMatrix, y: ArrayLike<number>, sampleWeight?: Float64Array): this {
    const steps = this.boost(X, y, sampleWeight, undefined);
    let step = steps.next();
    while (!step.done) {
      const task = step.value;
      if ('binning' in task) task.bins = binFeatures(task.binning, task.maxBins);
      else task.builder.buildInline(task);
      step = steps.next();
    }
    this.state = step.value;
    return this;
  }

  /**
   * Fits with the large nodes' histograms built on the gradient-boosting threads (histogramPool.ts),
   * the calling thread free while they work; the model equals the one `fit` gives.
   */
  async fitAsync(X: DenseMatrix, y: ArrayLike<number>, sampleWeight?: Float64Array): Promise<this> {
    return withHistogramThreads(async (pool) => {
      const steps = this.boost(X, y, sampleWeight, pool);
      let step = steps.next();
      while (!step.done) {
        const task = step.value;
        if ('binning' in task) task.bins = pool ? await binFeaturesOnThreads(task.binning, task.maxBins, pool) : binFeatures(task.binning, task.maxBins);
        else if (task.builder.threaded(task)) await task.builder.build(task);
        else task.builder.buildInline(task);
        step = steps.next();
      }
      this.state = step.value;
      return this;
    });
  }

  /** The boosting loop; it yields the binning and each histogram its trees need, for the caller to run. */
  private *boost(Xall: DenseMatrix, yall: ArrayLike<number>, sampleWeight: Float64Array | undefined, pool: WorkerPool | undefined): Generator<BinningTask | HistogramTask, HistGradientBoostingState, void> {
    const o = {
      learningRate: 0.1, maxIter: 100, maxLeafNodes: 31, minSamplesLeaf: 20, l2Regularization: 0, maxBins: 255,
      earlyStopping: 'auto' as 'auto' | boolean, validationFraction: 0.1, nIterNoChange: 10, tol: 1e-7, seed: 0,
      ...this.options,
    };
    const swAll = sampleWeight ?? classWeights(yall, o.classWeight ?? 'none');
    const stopEarly = o.earlyStopping === 'auto' ? Xall.rows > 10_000 : o.earlyStopping;
    const split = stopEarly ? stratifiedTrainTestSplit(yall, o.validationFraction, o.seed) : undefined;
    // The training rows straight into shared memory when threads bin them.
    const X = split ? pickRows(Xall, split.train, pool !== undefined) : Xall;
    const y = split ? pick(yall, split.train) : yall;
    const sw = split ? pick(swAll, split.train) : swAll;
    const validation = split ? new ValidationLoss(takeRows(Xall, split.test), split.test.map((r) => yall[r]!), split.test.map((r) => swAll[r]!)) : undefined;
    const n = X.rows, F = X.cols;
    const binning: BinningTask = { binning: X, maxBins: Math.min(255, o.maxBins) };
    yield binning;
    const bins = binning.bins!;
    let wPos = 0, wAll = 0;
    for (let i = 0; i < n; i++) { wAll += sw[i]; wPos += sw[i] * y[i]; }
    const rate = Math.min(1 - 1e-12, Math.max(1e-12, wPos / wAll));
    const baseScore = Math.log(rate / (1 - rate));
    // Per-row arrays in shared memory when threads read them.
    const rowArray = (): Float64Array => new Float64Array(pool ? new SharedArrayBuffer(n * 8) : new ArrayBuffer(n * 8));
    const data: BoostingRows = { raw: rowArray(), y: rowArray(), sw: rowArray(), g: rowArray(), h: rowArray() };
    data.raw.fill(baseScore);
    for (let i = 0; i < n; i++) { data.y[i] = y[i]; data.sw[i] = sw[i]; }
    validation?.start(baseScore);
    const trees: TreeState[] = [];
    const gain = new Array<number>(F).fill(0);
    const grower = new TreeGrower(bins, n, o, data, pool);
    for (let it = 0; it < o.maxIter; it++) {
      const tree = yield* grower.grow(gain);
      trees.push(tree);
      if (validation && validation.addTree(tree, o.nIterNoChange, o.tol)) break;
    }
    return { kind: 'gbt', baseScore, nFeatures: F, trees, gain };
  }

  /** Raw log-odds per row. */
  decisionFunction(X: DenseMatrix): Float64Array {
    const s = this.requireState(), d = X.cols;
    const out = new Float64Array(X.rows).fill(s.baseScore);
    for (const t of s.trees) {
      for (let i = 0; i < X.rows; i++) {
        let node = 0;
        while (t.feature[node] >= 0) {
          const v = X.data[i * d + t.feature[node]];
          node = v <= t.threshold[node] ? t.left[node] : t.right[node];
        }
        out[i] += t.value[node];
      }
    }
    return out;
  }

  predictProba(X: DenseMatrix): Float64Array {
    const raw = this.decisionFunction(X);
    for (let i = 0; i < raw.length; i++) raw[i] = 1 / (1 + exp(-raw[i]));
    return raw;
  }

  /**
   * Saabas path contributions to the log-odds: each split credits its feature with the change in
   * node value along the row's path. Row i's log-odds = bias + Σ_j contributions[i*d + j].
   */
  contributions(X: DenseMatrix): { bias: number; values: Float64Array } {
    const s = this.requireState(), d = X.cols;
    const values = new Float64Array(X.rows * d);
    let bias = s.baseScore;
    for (const t of s.trees) {
      bias += t.value[0];
      for (let i = 0; i < X.rows; i++) {
        let node = 0;
        while (t.feature[node] >= 0) {
          const f = t.feature[node];
          const next = X.data[i * d + f] <= t.threshold[node] ? t.left[node] : t.right[node];
          values[i * d + f] += t.value[next] - t.value[node];
          node = next;
        }
      }
    }
    return { bias, values };
  }

  /** Share of total split gain per feature. */
  featureImportance(): number[] {
    const g = this.requireState().gain;
    const total = g.reduce((a, b) => a + b, 0) || 1;
    return g.map((v) => v / total);
  }

  toJSON(): HistGradientBoostingState {
    return this.requireState();
  }

  static fromJSON(state: HistGradientBoostingState): HistGradientBoostingClassifier {
    const m = new HistGradientBoostingClassifier();
    m.state = state;
    return m;
  }

  private requireState(): HistGradientBoostingState {
    if (!this.state) throw new Error('HistGradientBoostingClassifier is not fitted');
    return this.state;
  }
}

/** The training rows' binning, for the caller to run inline or on the threads; it sets `bins`. */
interface BinningTask {
  binning: DenseMatrix;
  maxBins: number;
  bins?: BinnedFeatures;
}

function pickRows(m: DenseMatrix, rows: number[], shared: boolean): DenseMatrix {
  const d = m.cols, bytes = rows.length * d * 8;
  const data = new Float64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  for (let r = 0; r < rows.length; r++) data.set(m.data.subarray(rows[r]! * d, rows[r]! * d + d), r * d);
  return { data, rows: rows.length, cols: d };
}

function pick(values: ArrayLike<number>, rows: number[]): Float64Array {
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = values[rows[r]!]!;
  return out;
}

function treeValue(t: TreeState, data: Float64Array, base: number): number {
  let node = 0;
  while (t.feature[node]! >= 0) node = data[base + t.feature[node]!]! <= t.threshold[node]! ? t.left[node]! : t.right[node]!;
  return t.value[node]!;
}

/** Held-out rows scored after every tree, and scikit-learn's rule for when to stop adding them. */
class ValidationLoss {
  private readonly raw: Float64Array;
  private readonly scores: number[] = [];

  constructor(private readonly X: DenseMatrix, private readonly y: number[], private readonly w: number[]) {
    this.raw = new Float64Array(X.rows);
  }

  start(baseScore: number): void {
    this.raw.fill(baseScore);
    this.scores.push(-this.loss());
  }

  /** Adds the tree's output to the held-out scores; true when boosting should stop. */
  addTree(tree: TreeState, nIterNoChange: number, tol: number): boolean {
    const d = this.X.cols;
    for (let i = 0; i < this.X.rows; i++) this.raw[i] += treeValue(tree, this.X.data, i * d);
    this.scores.push(-this.loss());
    // As scikit-learn's _should_stop: no score of the last nIterNoChange beats the one before them by tol.
    const s = this.scores;
    if (s.length <= nIterNoChange) return false;
    const reference = s[s.length - 1 - nIterNoChange]! + tol;
    for (let i = s.length - nIterNoChange; i < s.length; i++) if (s[i]! > reference) return false;
    return true;
  }

  /** Weighted binary log-loss of the held-out rows. */
  private loss(): number {
    let total = 0, weight = 0;
    for (let i = 0; i < this.raw.length; i++) {
      const z = this.raw[i]!;
      // log(1 + e^z) - y z, computed without overflow for large |z|.
      const softplus = z > 0 ? z + Math.log1p(exp(-z)) : Math.log1p(exp(z));
      total += this.w[i]! * (softplus - this.y[i]! * z);
      weight += this.w[i]!;
    }
    return total / (weight || 1);
  }
}
