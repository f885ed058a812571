/**
 * The inner loops of histogram gradient boosting, the kernels histogramWorker.ts serves to the worker
 * threads (and that run inline when there are none). A node's positions are cut into blocks whose
 * size depends on the node's row count alone; each block gets its own histogram, and the caller adds
 * them in block order, so a tree is the same whichever thread built which block, and with no thread.
 * Binning the features before the first tree is served here too.
 */
import { splitRows } from './splitRows';

export { binColumns } from './binFeatures';

// Per thread: a block's gradients gathered once, so the per-feature passes read them in order, and
// the right side of a block being partitioned.
let orderedG = new Float64Array(0);
let orderedH = new Float64Array(0);
let rightRows = new Int32Array(0);

function reserve(blockRows: number): void {
  if (orderedG.length >= blockRows) return;
  orderedG = new Float64Array(blockRows);
  orderedH = new Float64Array(blockRows);
  rightRows = new Int32Array(blockRows);
}

/**
 * The root's histograms, blocks [firstBlock, lastBlock) of rows [0, n) in natural order (block b is
 * rows b·blockRows up to blockRows of them; its histogram goes to out[b·histSize, (b + 1)·histSize)).
 * Each block's gradients and hessians are first computed from the raw scores (weighted binary
 * log-loss); counts are left at 0 (the caller knows them). codes is column-major (feature f of row r
 * at codes[f·n + r]); feature f's cells (gradient, hessian, count) start at offsets3[f].
 * Returns the number of rows summed.
 */
export function rootHistograms(
  codes: Uint8Array, n: number, offsets3: Int32Array,
  raw: Float64Array, y: Float64Array, sw: Float64Array, g: Float64Array, h: Float64Array,
  blockRows: number, firstBlock: number, lastBlock: number, out: Float64Array, histSize: number,
): number {
  let summed = 0;
  for (let b = firstBlock; b < lastBlock; b++) {
    const from = b * blockRows, to = Math.min(n, from + blockRows);
    const hist = out.subarray(b * histSize, (b + 1) * histSize);
    hist.fill(0);
    gradients(raw, y, sw, g, h, from, to);
    rootBlock(codes, n, offsets3, g, h, from, to, hist);
    summed += to - from;
  }
  return summed;
}

/**
 * One split of a node's positions [start, end), blocks [firstBlock, lastBlock) of them (block b is
 * positions start + b·blockRows up to blockRows of them): each block is partitioned in place, keeping
 * order, rows whose code in `column` is ≤ bin first (leftCounts[b] of them), and the histogram of the
 * smaller child's rows in the block goes to out[b·histSize, (b + 1)·histSize). The caller then joins
 * the blocks' left and right parts and adds the histograms in block order. Returns the rows summed.
 */
export function splitHistograms(
  codes: Uint8Array, n: number, offsets3: Int32Array, rows: Int32Array, g: Float64Array, h: Float64Array,
  start: number, end: number, blockRows: number, firstBlock: number, lastBlock: number,
  column: number, bin: number, leftSmaller: boolean, leftCounts: Int32Array, out: Float64Array, histSize: number,
): number {
  reserve(blockRows);
  let summed = 0;
  for (let b = firstBlock; b < lastBlock; b++) {
    const from = start + b * blockRows, to = Math.min(end, from + blockRows);
    const l = splitRows(rows, rightRows, codes, column, bin, from, to);
    leftCounts[b] = l - from;
    const hist = out.subarray(b * histSize, (b + 1) * histSize);
    hist.fill(0);
    if (leftSmaller) nodeBlock(codes, n, offsets3, rows, g, h, from, l, hist);
    else nodeBlock(codes, n, offsets3, rows, g, h, l, to, hist);
    summed += leftSmaller ? l - from : to - l;
  }
  return summed;
}

/** Gradient and hessian of the weighted binary log-loss at each row's raw score. */
function gradients(raw: Float64Array, y: Float64Array, sw: Float64Array, g: Float64Array, h: Float64Array, from: number, to: number): void {
  const exp = Math.exp;
  for (let i = from; i < to; i++) {
    const p = 1 / (1 + exp(-raw[i]));
    g[i] = sw[i] * (p - y[i]);
    h[i] = sw[i] * p * (1 - p);
  }
}

/**
 * Adds blocks [0, blocks) of `from` into `into`, in block order (the order every path uses, so the
 * sums are the same bit for bit).
 */
export function addBlocks(from: Float64Array, blocks: number, histSize: number, into: Float64Array): void {
  into.set(from.subarray(0, histSize));
  for (let b = 1; b < blocks; b++) {
    const base = b * histSize;
    for (let i = 0; i < histSize; i++) into[i] += from[base + i];
  }
}

/** Rows [from, to) in their natural order: gradients and codes are read straight. */
function rootBlock(codes: Uint8Array, n: number, offsets3: Int32Array, g: Float64Array, h: Float64Array, from: number, to: number, hist: Float64Array): void {
  const F = offsets3.length;
  let f = 0;
  // Four features per pass: a feature whose rows share one bin (a flag) would otherwise chain every
  // add on the previous one; the other features' adds fill that wait, and g, h are read once per four.
  for (; f + 3 < F; f += 4) {
    const c0 = f * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    const b0 = offsets3[f], b1 = offsets3[f + 1], b2 = offsets3[f + 2], b3 = offsets3[f + 3];
    for (let i = from; i < to; i++) {
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
    for (let i = from; i < to; i++) {
      const o0 = b0 + codes[c0 + i] * 3;
      hist[o0] += g[i]; hist[o0 + 1] += h[i];
    }
  }
}

/** Positions [from, to) of a node: their gradients gathered once, then one pass per four features (as above). */
function nodeBlock(codes: Uint8Array, n: number, offsets3: Int32Array, rows: Int32Array, g: Float64Array, h: Float64Array, from: number, to: number, hist: Float64Array): void {
  const F = offsets3.length, count = to - from;
  const og = orderedG, oh = orderedH;
  for (let k = 0; k < count; k++) { const row = rows[from + k]; og[k] = g[row]; oh[k] = h[row]; }
  let f = 0;
  for (; f + 3 < F; f += 4) {
    const c0 = f * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    const b0 = offsets3[f], b1 = offsets3[f + 1], b2 = offsets3[f + 2], b3 = offsets3[f + 3];
    for (let k = 0; k < count; k++) {
      const row = rows[from + k], gi = og[k], hi = oh[k];
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
      const o0 = b0 + codes[c0 + rows[from + k]] * 3;
      hist[o0] += og[k]; hist[o0 + 1] += oh[k]; hist[o0 + 2] += 1;
    }
  }
}
