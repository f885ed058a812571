import { takeRows, type DenseMatrix } from './DenseMatrix';
import { classWeights } from './classWeights';
import { stratifiedTrainTestSplit } from './stratifiedSplit';

// Math and friends aliased once: global lookups in hot loops are slow inside vm sandboxes (Jest).
const { exp } = Math;
const isNaN = Number.isNaN;

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

export interface TreeState {
  /** Per node: split feature, or -1 for a leaf. */
  feature: number[];
  /** x ≤ threshold goes left; NaN goes right. */
  threshold: number[];
  left: number[];
  right: number[];
  /** Every node's value (shrunk), so path contributions can be read off the tree (Saabas). */
  value: number[];
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
    const { edges, codes, offsets, totalBins } = binFeatures(X, Math.min(255, o.maxBins));
    let wPos = 0, wAll = 0;
    for (let i = 0; i < n; i++) { wAll += sw[i]; wPos += sw[i] * y[i]; }
    const rate = Math.min(1 - 1e-12, Math.max(1e-12, wPos / wAll));
    const baseScore = Math.log(rate / (1 - rate));
    const raw = new Float64Array(n).fill(baseScore);
    validation?.start(baseScore);
    const g = new Float64Array(n), h = new Float64Array(n);
    const trees: TreeState[] = [];
    const gain = new Array<number>(F).fill(0);
    const grower = new TreeGrower(codes, n, F, edges, offsets, totalBins, o.minSamplesLeaf, o.l2Regularization, o.maxLeafNodes, o.learningRate);
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

/**
 * Bin edges per feature: midpoints between distinct values when there are few, else quantiles
 * (as scikit-learn's _BinMapper). Codes are row-major (n × F); code nb[f] marks a missing value.
 */
function binFeatures(X: DenseMatrix, maxBins: number): {
  edges: Float64Array[]; codes: Uint8Array; offsets: Int32Array; totalBins: number;
} {
  const n = X.rows, F = X.cols;
  const edges: Float64Array[] = [];
  const codes = new Uint8Array(n * F);
  const offsets = new Int32Array(F + 1);
  const col = new Float64Array(n);
  for (let f = 0; f < F; f++) {
    let m = 0;
    for (let i = 0; i < n; i++) { const v = X.data[i * F + f]; if (!isNaN(v)) col[m++] = v; }
    const sorted = col.subarray(0, m).slice().sort();
    const distinct: number[] = [];
    for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    let e: number[] = [];
    if (distinct.length <= maxBins) {
      for (let i = 0; i + 1 < distinct.length; i++) e.push((distinct[i] + distinct[i + 1]) / 2);
    } else {
      for (let q = 1; q < maxBins; q++) {
        const pos = (q / maxBins) * (m - 1);
        const lo = Math.floor(pos), hi = Math.ceil(pos);
        const v = (sorted[lo] + sorted[hi]) / 2;
        if (e.length === 0 || v > e[e.length - 1]) e.push(v);
      }
    }
    const fe = Float64Array.from(e);
    edges.push(fe);
    const nb = fe.length + 1;
    offsets[f + 1] = offsets[f] + nb + 1;
    for (let i = 0; i < n; i++) {
      const v = X.data[i * F + f];
      if (isNaN(v)) { codes[i * F + f] = nb; continue; }
      let lo = 0, hi = fe.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (v <= fe[mid]) hi = mid; else lo = mid + 1; }
      codes[i * F + f] = lo;
    }
  }
  return { edges, codes, offsets, totalBins: offsets[F] };
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  G: number;
  H: number;
  hist: Float64Array; // per bin: g, h, count interleaved
  bestGain: number;
  bestFeature: number;
  bestBin: number;
  /** Gradient and hessian sums left of the best split, read off the histogram. */
  bestGL: number;
  bestHL: number;
}

class TreeGrower {
  private readonly rows: Int32Array;
  private readonly scratch: Int32Array;
  private readonly offsets3: Int32Array;

  constructor(
    private readonly codes: Uint8Array, private readonly n: number, private readonly F: number,
    private readonly edges: Float64Array[], private readonly offsets: Int32Array, private readonly totalBins: number,
    private readonly minSamplesLeaf: number, private readonly lambda: number,
    private readonly maxLeaves: number, private readonly shrink: number,
  ) {
    this.rows = new Int32Array(n);
    this.scratch = new Int32Array(n);
    this.offsets3 = Int32Array.from(offsets, (o) => o * 3);
  }

  grow(g: Float64Array, h: Float64Array, raw: Float64Array, gain: number[]): TreeState {
    const tree: TreeState = { feature: [], threshold: [], left: [], right: [], value: [] };
    const rows = this.rows;
    for (let i = 0; i < this.n; i++) rows[i] = i;
    const addNode = (G: number, H: number): number => {
      tree.feature.push(-1); tree.threshold.push(0); tree.left.push(-1); tree.right.push(-1);
      tree.value.push((-G / (H + this.lambda)) * this.shrink);
      return tree.value.length - 1;
    };
    const rootHist = this.histogram(0, this.n, g, h);
    let G = 0, H = 0;
    for (let i = 0; i < this.n; i++) { G += g[i]; H += h[i]; }
    const root: Leaf = { node: addNode(G, H), start: 0, end: this.n, G, H, hist: rootHist, bestGain: 0, bestFeature: -1, bestBin: -1, bestGL: 0, bestHL: 0 };
    this.findSplit(root);
    const open: Leaf[] = [root];
    const done: Leaf[] = [];
    let leaves = 1;
    while (leaves < this.maxLeaves && open.length > 0) {
      let bi = 0;
      for (let i = 1; i < open.length; i++) if (open[i].bestGain > open[bi].bestGain) bi = i;
      const leaf = open[bi];
      if (!(leaf.bestGain > 1e-12) || leaf.bestFeature < 0) break;
      open.splice(bi, 1);
      const f = leaf.bestFeature, b = leaf.bestBin;
      // partition rows in place: bin ≤ b left, others (incl. missing) right
      let l = leaf.start, r = 0;
      for (let i = leaf.start; i < leaf.end; i++) {
        const row = rows[i];
        if (this.codes[row * this.F + f] <= b) rows[l++] = row; else this.scratch[r++] = row;
      }
      rows.set(this.scratch.subarray(0, r), l);
      const mid = l;
      const leftSmaller = mid - leaf.start <= leaf.end - mid;
      const small = leftSmaller ? this.histogram(leaf.start, mid, g, h) : this.histogram(mid, leaf.end, g, h);
      const large = leaf.hist;
      for (let i = 0; i < large.length; i++) large[i] -= small[i];
      const lh = leftSmaller ? small : large, rh = leftSmaller ? large : small;
      const GL = leaf.bestGL, HL = leaf.bestHL;
      const GR = leaf.G - GL, HR = leaf.H - HL;
      gain[f] += leaf.bestGain;
      const node = leaf.node;
      tree.feature[node] = f;
      tree.threshold[node] = this.edges[f][b];
      const left: Leaf = { node: addNode(GL, HL), start: leaf.start, end: mid, G: GL, H: HL, hist: lh, bestGain: 0, bestFeature: -1, bestBin: -1, bestGL: 0, bestHL: 0 };
      const right: Leaf = { node: addNode(GR, HR), start: mid, end: leaf.end, G: GR, H: HR, hist: rh, bestGain: 0, bestFeature: -1, bestBin: -1, bestGL: 0, bestHL: 0 };
      tree.left[node] = left.node;
      tree.right[node] = right.node;
      leaves++;
      for (const child of [left, right]) {
        this.findSplit(child);
        if (child.bestFeature >= 0) open.push(child); else done.push(child);
      }
    }
    for (const leaf of [...open, ...done]) {
      const v = tree.value[leaf.node];
      for (let i = leaf.start; i < leaf.end; i++) raw[rows[i]] += v;
    }
    return tree;
  }

  private histogram(start: number, end: number, g: Float64Array, h: Float64Array): Float64Array {
    const hist = new Float64Array(this.totalBins * 3);
    const { rows, codes, F, offsets3 } = this;
    // row-major codes: one row's bins land in different cells, so the adds do not queue on each other
    for (let i = start; i < end; i++) {
      const row = rows[i], gi = g[row], hi = h[row], cb = row * F;
      for (let f = 0; f < F; f++) {
        const o = offsets3[f] + codes[cb + f] * 3;
        hist[o] += gi;
        hist[o + 1] += hi;
        hist[o + 2] += 1;
      }
    }
    return hist;
  }

  private findSplit(leaf: Leaf): void {
    const count = leaf.end - leaf.start;
    leaf.bestGain = 0; leaf.bestFeature = -1;
    if (count < 2 * this.minSamplesLeaf) return;
    const lambda = this.lambda, hist = leaf.hist;
    const parent = (leaf.G * leaf.G) / (leaf.H + lambda);
    for (let f = 0; f < this.F; f++) {
      const base = this.offsets[f] * 3;
      const nb = this.edges[f].length + 1;
      let GL = 0, HL = 0, CL = 0;
      for (let b = 0; b < nb - 1; b++) {
        const o = base + b * 3;
        GL += hist[o]; HL += hist[o + 1]; CL += hist[o + 2];
        if (CL < this.minSamplesLeaf) continue;
        const CR = count - CL;
        if (CR < this.minSamplesLeaf) break;
        const GR = leaf.G - GL, HR = leaf.H - HL;
        if (HL < 1e-3 || HR < 1e-3) continue;
        const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parent;
        if (gain > leaf.bestGain) { leaf.bestGain = gain; leaf.bestFeature = f; leaf.bestBin = b; leaf.bestGL = GL; leaf.bestHL = HL; }
      }
    }
  }
}
