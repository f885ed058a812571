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
  hist: Float64Array; // per bin: g, h, count interleaved
  bestGain: number;
  bestFeature: number;
  bestBin: number;
  /** Gradient and hessian sums left of the best split, read off the histogram. */
  bestGL: number;
  bestHL: number;
}

/**
 * Grows one tree of histogram gradient boosting, best-first (as scikit-learn's TreeGrower): per leaf a
 * histogram of gradient and hessian sums over the binned features, the split with the largest gain,
 * up to maxLeaves leaves. Rows are partitioned in place, so a tree allocates nothing per row.
 */
export class TreeGrower {
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
