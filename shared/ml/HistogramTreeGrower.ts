/*
 * Past 250 lines on purpose: growing a tree is one loop over preallocated buffers (the histogram
 * pool, the row partition, the ordered gradients) whose invariants each step relies on; split apart,
 * every piece would take and return those buffers.
 */
import type { BinnedFeatures } from './binFeatures';

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
 * growing a tree allocates no per-row or per-bin memory.
 */
export class TreeGrower {
  private readonly n: number;
  private readonly F: number;
  private readonly rows: Int32Array;
  private readonly scratch: Int32Array;
  /** The node's gradients and hessians in its row order, so the per-feature passes read them sequentially. */
  private readonly orderedG: Float64Array;
  private readonly orderedH: Float64Array;
  private readonly offsets3: Int32Array;
  /** Rows per bin over all rows: the same for every tree's root, so counted once. */
  private readonly rootCounts: Float64Array;
  private readonly free: Float64Array[] = [];

  constructor(private readonly bins: BinnedFeatures, n: number, private readonly options: TreeGrowerOptions) {
    this.n = n;
    this.F = bins.edges.length;
    this.rows = new Int32Array(n);
    this.scratch = new Int32Array(n);
    this.orderedG = new Float64Array(n);
    this.orderedH = new Float64Array(n);
    this.offsets3 = Int32Array.from(bins.offsets, (o) => o * 3);
    // Every open leaf holds a histogram, plus the one being built.
    for (let i = 0; i <= options.maxLeafNodes; i++) this.free.push(new Float64Array(bins.totalBins * 3));
    this.rootCounts = new Float64Array(bins.totalBins * 3);
    for (let f = 0; f < this.F; f++) {
      const column = f * n, base = this.offsets3[f];
      for (let i = 0; i < n; i++) this.rootCounts[base + bins.codes[column + i] * 3 + 2] += 1;
    }
  }

  grow(g: Float64Array, h: Float64Array, raw: Float64Array, gain: number[]): TreeState {
    const { maxLeafNodes, l2Regularization: lambda, learningRate: shrink } = this.options;
    const { codes, edges } = this.bins;
    const n = this.n, rows = this.rows, scratch = this.scratch;
    const tree: TreeState = { feature: [], threshold: [], left: [], right: [], value: [] };
    for (let i = 0; i < n; i++) rows[i] = i;
    const addNode = (G: number, H: number): number => {
      tree.feature.push(-1); tree.threshold.push(0); tree.left.push(-1); tree.right.push(-1);
      tree.value.push((-G / (H + lambda)) * shrink);
      return tree.value.length - 1;
    };
    let G = 0, H = 0;
    for (let i = 0; i < n; i++) { G += g[i]; H += h[i]; }
    const root = newLeaf(addNode(G, H), 0, n, G, H, this.rootHistogram(g, h));
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
      // Partition rows in place, keeping their order: bin ≤ b left, others (incl. missing) right.
      const column = f * n;
      // Branch-free: which side a row goes to is as good as random, so a branch would mispredict often.
      let l = leaf.start, r = 0;
      for (let i = leaf.start; i < leaf.end; i++) {
        const row = rows[i];
        const goesLeft = codes[column + row] <= b ? 1 : 0;
        rows[l] = row; scratch[r] = row;
        l += goesLeft; r += 1 - goesLeft;
      }
      rows.set(scratch.subarray(0, r), l);
      const mid = l;
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
      // The last split's children, and children too small to split, need no histogram.
      if (leaves >= maxLeafNodes || Math.max(mid - leaf.start, leaf.end - mid) < 2 * minSamplesLeaf) {
        this.free.push(large);
        done.push(left, right);
        continue;
      }
      const leftSmaller = mid - leaf.start <= leaf.end - mid;
      const small = leftSmaller ? this.histogram(leaf.start, mid, g, h) : this.histogram(mid, leaf.end, g, h);
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

  private take(): Float64Array {
    const hist = this.free.pop()!;
    hist.fill(0);
    return hist;
  }

  /** All rows in their natural order: gradients and codes are read straight, with no gather. */
  private rootHistogram(g: Float64Array, h: Float64Array): Float64Array {
    const hist = this.take();
    hist.set(this.rootCounts);
    const { codes } = this.bins;
    const n = this.n, F = this.F, offsets3 = this.offsets3;
    let f = 0;
    // Four features per pass: a feature whose rows share one bin (a flag) would otherwise chain every
    // add on the previous one; the other features' adds fill that wait, and g, h are read once per four.
    for (; f + 3 < F; f += 4) {
      const c0 = f * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
      const b0 = offsets3[f], b1 = offsets3[f + 1], b2 = offsets3[f + 2], b3 = offsets3[f + 3];
      for (let i = 0; i < n; i++) {
        const gi = g[i], hi = h[i];
        const o0 = b0 + codes[c0 + i] * 3, o1 = b1 + codes[c1 + i] * 3;
        const o2 = b2 + codes[c2 + i] * 3, o3 = b3 + codes[c3 + i] * 3;
        hist[o0] += gi; hist[o0 + 1] += hi;
        hist[o1] += gi; hist[o1 + 1] += hi;
        hist[o2] += gi; hist[o2 + 1] += hi;
        hist[o3] += gi; hist[o3 + 1] += hi;
      }
    }
    for (; f < F; f++) {
      const c0 = f * n, b0 = offsets3[f];
      for (let i = 0; i < n; i++) {
        const o0 = b0 + codes[c0 + i] * 3;
        hist[o0] += g[i]; hist[o0 + 1] += h[i];
      }
    }
    return hist;
  }

  /** Histogram of rows[start, end): their gradients gathered once, then one pass per four features (as above). */
  private histogram(start: number, end: number, g: Float64Array, h: Float64Array): Float64Array {
    const hist = this.take();
    const { codes } = this.bins;
    const n = this.n, F = this.F, offsets3 = this.offsets3, rows = this.rows;
    const og = this.orderedG, oh = this.orderedH, count = end - start;
    for (let k = 0; k < count; k++) { const row = rows[start + k]; og[k] = g[row]; oh[k] = h[row]; }
    let f = 0;
    for (; f + 3 < F; f += 4) {
      const c0 = f * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
      const b0 = offsets3[f], b1 = offsets3[f + 1], b2 = offsets3[f + 2], b3 = offsets3[f + 3];
      for (let k = 0; k < count; k++) {
        const row = rows[start + k], gi = og[k], hi = oh[k];
        const o0 = b0 + codes[c0 + row] * 3, o1 = b1 + codes[c1 + row] * 3;
        const o2 = b2 + codes[c2 + row] * 3, o3 = b3 + codes[c3 + row] * 3;
        hist[o0] += gi; hist[o0 + 1] += hi; hist[o0 + 2] += 1;
        hist[o1] += gi; hist[o1 + 1] += hi; hist[o1 + 2] += 1;
        hist[o2] += gi; hist[o2 + 1] += hi; hist[o2 + 2] += 1;
        hist[o3] += gi; hist[o3 + 1] += hi; hist[o3 + 2] += 1;
      }
    }
    for (; f < F; f++) {
      const c0 = f * n, b0 = offsets3[f];
      for (let k = 0; k < count; k++) {
        const o0 = b0 + codes[c0 + rows[start + k]] * 3;
        hist[o0] += og[k]; hist[o0 + 1] += oh[k]; hist[o0 + 2] += 1;
      }
    }
    return hist;
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
        if (gain > leaf.bestGain) { leaf.bestGain = gain; leaf.bestFeature = f; leaf.bestBin = b; leaf.bestGL = GL; leaf.bestHL = HL; }
      }
    }
  }
}

function newLeaf(node: number, start: number, end: number, G: number, H: number, hist: Float64Array | null): Leaf {
  return { node, start, end, G, H, hist, bestGain: 0, bestFeature: -1, bestBin: -1, bestGL: 0, bestHL: 0 };
}
