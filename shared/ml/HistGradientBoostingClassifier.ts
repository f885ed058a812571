import { takeRows, type DenseMatrix } from './DenseMatrix';
import { classWeights } from './classWeights';
import { stratifiedTrainTestSplit } from './stratifiedSplit';
import { binFeatures } from './binFeatures';
import { TreeGrower, type TreeState } from './HistogramTreeGrower';

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
 * (the larger child's histogram by subtraction), leaves shrunk by the learning rate.
 */
export class HistGradientBoostingClassifier {
  state?: HistGradientBoostingState;

  constructor(readonly options: HistGradientBoostingOptions = {}) {}

  fit(Xall: DenseMatrix, yall: ArrayLike<number>, sampleWeight?: Float64Array): this {
    const o = {
      learningRate: 0.1, maxIter: 100, maxLeafNodes: 31, minSamplesLeaf: 20, l2Regularization: 0, maxBins: 255,
      earlyStopping: 'auto' as 'auto' | boolean, validationFraction: 0.1, nIterNoChange: 10, tol: 1e-7, seed: 0,
      ...this.options,
    };
    const swAll = sampleWeight ?? classWeights(yall, o.classWeight ?? 'none');
    const stopEarly = o.earlyStopping === 'auto' ? Xall.rows > 10_000 : o.earlyStopping;
    const split = stopEarly ? stratifiedTrainTestSplit(yall, o.validationFraction, o.seed) : undefined;
    const X = split ? takeRows(Xall, split.train) : Xall;
    const y = split ? Float64Array.from(split.train, (r) => yall[r]!) : yall;
    const sw = split ? Float64Array.from(split.train, (r) => swAll[r]!) : swAll;
    const validation = split ? new ValidationLoss(takeRows(Xall, split.test), split.test.map((r) => yall[r]!), split.test.map((r) => swAll[r]!)) : undefined;
    const n = X.rows, F = X.cols;
    const bins = binFeatures(X, Math.min(255, o.maxBins));
    let wPos = 0, wAll = 0;
    for (let i = 0; i < n; i++) { wAll += sw[i]; wPos += sw[i] * y[i]; }
    const rate = Math.min(1 - 1e-12, Math.max(1e-12, wPos / wAll));
    const baseScore = Math.log(rate / (1 - rate));
    const raw = new Float64Array(n).fill(baseScore);
    validation?.start(baseScore);
    const g = new Float64Array(n), h = new Float64Array(n);
    const trees: TreeState[] = [];
    const gain = new Array<number>(F).fill(0);
    const grower = new TreeGrower(bins, n, o);
    for (let it = 0; it < o.maxIter; it++) {
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + exp(-raw[i]));
        g[i] = sw[i] * (p - y[i]);
        h[i] = sw[i] * p * (1 - p);
      }
      const tree = grower.grow(g, h, raw, gain);
      trees.push(tree);
      if (validation && validation.addTree(tree, o.nIterNoChange, o.tol)) break;
    }
    this.state = { kind: 'gbt', baseScore, nFeatures: F, trees, gain };
    return this;
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
