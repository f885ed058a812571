import type { BinnedFeatures } from './binFeatures';
import { HistogramBuilder, type BoostingRows, type HistogramTask } from './HistogramBuilder';
import type { WorkerPool } from './WorkerPool';
import { splitRows } from './splitRows';

/** One gradient-boosting tree as plain arrays (model.json), nodes in the order they were added. */
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

interface Leaf {
  node: number;
  start: number;
  end: number;
  G: number;
  H: number;
  /** Per bin: gradient sum, hessian sum, row count interleaved; null once no longer needed. */
  hist: Float64Array | null;
  bestGain: number;
  bestFeature: number;
  bestBin: number;
  /** Gradient and hessian sums left of the best split, read off the histogram. */
  bestGL: number;
  bestHL: number;
  /** Rows left of the best split. */
  bestCL: number;
}

export interface TreeGrowerOptions {
  minSamplesLeaf: number;
  l2Regularization: number;
  maxLeafNodes: number;
  learningRate: number;
}

/**
 * Grows one tree of histogram gradient boosting, best-first (as scikit-learn's TreeGrower): per leaf a
 * histogram of gradient and hessian sums over the binned features, the split with the largest gain,
 * up to maxLeafNodes leaves. Only the smaller child's histogram is built; the larger one's is the
 * parent's minus it. Rows are partitioned in place and histograms come from a pool sized once, so
 * growing a tree allocates no per-row or per-bin memory. Histograms themselves are built by a
 * HistogramBuilder, over row blocks, on worker threads when the node is large and a pool is given.
 */
export class TreeGrower {
  private readonly n: number;
  private readonly F: number;
  private readonly rows: Int32Array;
  private readonly scratch: Int32Array;
  private readonly builder: HistogramBuilder;
  /** Feature f's histogram cells start at offsets3[f]. */
  private readonly offsets3: Int32Array;
  private readonly free: Float64Array[] = [];

  /**
   * Each tree's gradients come from `data`'s raw scores, labels and weights. With a pool, its arrays
   * and the binned codes must sit in shared memory; the grower puts its own there too.
   */
  constructor(
    private readonly bins: BinnedFeatures, n: number, private readonly options: TreeGrowerOptions,
    private readonly data: BoostingRows, pool?: WorkerPool,
  ) {
    this.n = n;
    this.F = bins.edges.length;
    const memory = (bytes: number) => (pool ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    this.rows = new Int32Array(memory(n * 4));
    this.scratch = new Int32Array(n);
    const offsets3 = new Int32Array(memory(this.F * 4));
    for (let f = 0; f < this.F; f++) offsets3[f] = bins.offsets[f] * 3;
    this.offsets3 = offsets3;
    // Every open leaf holds a histogram, plus the one being built.
    for (let i = 0; i <= options.maxLeafNodes; i++) this.free.push(new Float64Array(bins.totalBins * 3));
    // Rows per bin over all rows: the same for every tree's root, so counted once.
    const rootCounts = new Float64Array(bins.totalBins * 3);
    for (let f = 0; f < this.F; f++) {
      const column = f * n, base = offsets3[f];
      for (let i = 0; i < n; i++) rootCounts[base + bins.codes[column + i] * 3 + 2] += 1;
    }
    this.builder = new HistogramBuilder(bins, n, this.rows, this.scratch, offsets3, rootCounts, data, pool);
  }

  /**
   * Grows one tree at the raw scores now in `data.raw`, adding each leaf's value to them and each
   * split's gain to `gain`. A generator: it yields every histogram it needs and resumes once the
   * caller has built it (inline, or on threads and awaited); the root's also computes the gradients.
   */
  *grow(gain: number[]): Generator<HistogramTask, TreeState, void> {
    const { maxLeafNodes, l2Regularization: lambda, learningRate: shrink } = this.options;
    const { codes, edges } = this.bins;
    const n = this.n, rows = this.rows, scratch = this.scratch, { g, h, raw } = this.data;
    const tree: TreeState = { feature: [], threshold: [], left: [], right: [], value: [] };
    for (let i = 0; i < n; i++) rows[i] = i;
    const addNode = (G: number, H: number): number => {
      tree.feature.push(-1); tree.threshold.push(0); tree.left.push(-1); tree.right.push(-1);
      tree.value.push((-G / (H + lambda)) * shrink);
      return tree.value.length - 1;
    };
    const rootHist = this.take();
    yield { builder: this.builder, start: 0, end: n, hist: rootHist };
    let G = 0, H = 0;
    for (let i = 0; i < n; i++) { G += g[i]; H += h[i]; }
    const root = newLeaf(addNode(G, H), 0, n, G, H, rootHist);
    this.findSplit(root);
    const open: Leaf[] = [];
    const done: Leaf[] = [];
    this.keep(root, open, done);
    let leaves = 1;
    while (leaves < maxLeafNodes && open.length > 0) {
      let bi = 0;
      for (let i = 1; i < open.length; i++) if (open[i].bestGain > open[bi].bestGain) bi = i;
      const leaf = open[bi];
      if (!(leaf.bestGain > 1e-12) || leaf.bestFeature < 0) break;
      open.splice(bi, 1);
      const f = leaf.bestFeature, b = leaf.bestBin;
      // The histogram counted the rows going left exactly.
      const mid = leaf.start + leaf.bestCL;
      const GL = leaf.bestGL, HL = leaf.bestHL;
      const GR = leaf.G - GL, HR = leaf.H - HL;
      gain[f] += leaf.bestGain;
      const node = leaf.node;
      tree.feature[node] = f;
      tree.threshold[node] = edges[f][b];
      const large = leaf.hist!;
      leaf.hist = null;
      const left = newLeaf(addNode(GL, HL), leaf.start, mid, GL, HL, null);
      const right = newLeaf(addNode(GR, HR), mid, leaf.end, GR, HR, null);
      tree.left[node] = left.node;
      tree.right[node] = right.node;
      leaves++;
      const minSamplesLeaf = this.options.minSamplesLeaf;
      // The last split's children, and children too small to split, need no histogram: only the partition.
      if (leaves >= maxLeafNodes || Math.max(mid - leaf.start, leaf.end - mid) < 2 * minSamplesLeaf) {
        splitRows(rows, scratch, codes, f * n, b, leaf.start, leaf.end);
        this.free.push(large);
        done.push(left, right);
        continue;
      }
      const leftSmaller = mid - leaf.start <= leaf.end - mid;
      const small = this.take();
      yield { builder: this.builder, start: leaf.start, end: leaf.end, hist: small, split: { column: f * n, bin: b, leftSmaller } };
      for (let i = 0; i < large.length; i++) large[i] -= small[i];
      left.hist = leftSmaller ? small : large;
      right.hist = leftSmaller ? large : small;
      this.findSplit(left);
      this.keep(left, open, done);
      this.findSplit(right);
      this.keep(right, open, done);
    }
    for (const leaf of open) { this.free.push(leaf.hist!); leaf.hist = null; done.push(leaf); }
    for (const leaf of done) {
      const v = tree.value[leaf.node];
      for (let i = leaf.start; i < leaf.end; i++) raw[rows[i]] += v;
    }
    return tree;
  }

  /** A leaf that can split stays open with its histogram; one that cannot gives the histogram back. */
  private keep(leaf: Leaf, open: Leaf[], done: Leaf[]): void {
    if (leaf.bestFeature >= 0) { open.push(leaf); return; }
    if (leaf.hist) this.free.push(leaf.hist);
    leaf.hist = null;
    done.push(leaf);
  }

  /** A histogram from the pool; whoever builds it clears it first. */
  private take(): Float64Array {
    return this.free.pop()!;
  }

  private findSplit(leaf: Leaf): void {
    const count = leaf.end - leaf.start;
    const { minSamplesLeaf, l2Regularization: lambda } = this.options;
    leaf.bestGain = 0; leaf.bestFeature = -1;
    if (count < 2 * minSamplesLeaf) return;
    const hist = leaf.hist!, offsets3 = this.offsets3, edges = this.bins.edges;
    const parent = (leaf.G * leaf.G) / (leaf.H + lambda);
    for (let f = 0; f < this.F; f++) {
      const base = offsets3[f];
      const nb = edges[f].length + 1;
      let GL = 0, HL = 0, CL = 0;
      for (let b = 0; b < nb - 1; b++) {
        const o = base + b * 3;
        GL += hist[o]; HL += hist[o + 1]; CL += hist[o + 2];
        if (CL < minSamplesLeaf) continue;
        const CR = count - CL;
        if (CR < minSamplesLeaf) break;
        const GR = leaf.G - GL, HR = leaf.H - HL;
        if (HL < 1e-3 || HR < 1e-3) continue;
        const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parent;
        if (gain > leaf.bestGain) { leaf.bestGain = gain; leaf.bestFeature = f; leaf.bestBin = b; leaf.bestGL = GL; leaf.bestHL = HL; leaf.bestCL = CL; }
      }
    }
  }
}

function newLeaf(node: number, start: number, end: number, G: number, H: number, hist: Float64Array | null): Leaf {
  return { node, start, end, G, H, hist, bestGain: 0, bestFeature: -1, bestBin: -1, bestGL: 0, bestHL: 0, bestCL: 0 };
}
