import type { BinnedFeatures } from './binFeatures';
import { addBlocks, rootHistograms, splitHistograms } from './histogramKernels';
import type { KernelJob, WorkerPool } from './WorkerPool';

/**
 * Rows per block at least. A node of two blocks goes to the threads: below that, a message round
 * trip (0.06–0.3 ms, more on a loaded machine) costs about what sharing the work saves, and every
 * further block adds one more histogram to add up.
 */
const minBlockRows = 8192;
/**
 * Blocks per node at most: a power of two, so 2 or 4 threads share them evenly; more would add a
 * histogram per block to every large node for cores the plan's instances do not have.
 */
const maxBlocks = 4;

/**
 * One histogram to build. The root's: every row in natural order, its gradients computed on the way.
 * A split's: the node's positions [start, end) partitioned in place (code in `column` ≤ `bin` left,
 * keeping order) and the smaller child's histogram built from them.
 */
export interface HistogramTask {
  /** Who builds it: `threaded` says where, then `build` (threads) or `buildInline`. */
  builder: HistogramBuilder;
  start: number;
  end: number;
  hist: Float64Array;
  /** Absent for the root. `column` is the split feature's offset in the codes (feature × rows). */
  split?: { column: number; bin: number; leftSmaller: boolean };
}

/** What boosting keeps per training row, in shared memory when threads read it. */
export interface BoostingRows {
  /** Raw score (log-odds) so far, label and weight: the gradients come from these. */
  raw: Float64Array;
  y: Float64Array;
  sw: Float64Array;
  /** This tree's gradients and hessians, computed with the root's histogram. */
  g: Float64Array;
  h: Float64Array;
}

/** Blocks for a node of `count` rows: the largest power of two up to maxBlocks leaving minBlockRows each. */
function blocksFor(count: number): number {
  let blocks = 1;
  while (blocks < maxBlocks && count >= 2 * blocks * minBlockRows) blocks *= 2;
  return blocks;
}

/**
 * Builds a node's gradient/hessian histogram over blocks of its positions, one histogram per block
 * added in block order. How a node is cut depends only on its row count, never on the threads, so a
 * model fitted with threads equals one fitted inline bit for bit. With a pool, nodes of two blocks or
 * more are split over the threads (every array they read is then in shared memory); smaller ones,
 * where a message round trip would cost more than the work, stay inline.
 */
export class HistogramBuilder {
  private readonly histSize: number;
  /** Every block's histogram of the node being built, side by side (shared with the threads). */
  private readonly blocks: Float64Array;
  /** Rows each block of a split sent left. */
  private readonly leftCounts: Int32Array;

  constructor(
    private readonly bins: BinnedFeatures,
    private readonly n: number,
    private readonly rows: Int32Array,
    private readonly scratch: Int32Array,
    private readonly offsets3: Int32Array,
    private readonly rootCounts: Float64Array,
    private readonly data: BoostingRows,
    private readonly pool: WorkerPool | undefined,
  ) {
    this.histSize = bins.totalBins * 3;
    const memory = (bytes: number) => (pool ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    this.blocks = new Float64Array(memory(maxBlocks * this.histSize * 8));
    this.leftCounts = new Int32Array(memory(maxBlocks * 4));
  }

  /** True when the task is worth sending to the threads. */
  threaded(task: HistogramTask): boolean {
    return this.pool !== undefined && blocksFor(task.end - task.start) > 1;
  }

  /** Builds the task on the calling thread, block after block. */
  buildInline(task: HistogramTask): void {
    const nBlocks = blocksFor(task.end - task.start);
    this.runKernel(task, 0, nBlocks, nBlocks === 1 ? task.hist : this.blocks);
    this.finish(task, nBlocks);
  }

  /** Builds the task's blocks on the threads, each thread a contiguous share of them. */
  async build(task: HistogramTask): Promise<void> {
    const pool = this.pool!;
    const nBlocks = blocksFor(task.end - task.start);
    const jobs: KernelJob[] = [];
    const shares = Math.min(pool.size, nBlocks);
    for (let s = 0; s < shares; s++) {
      jobs.push(this.job(task, Math.floor((s * nBlocks) / shares), Math.floor(((s + 1) * nBlocks) / shares), nBlocks === 1 ? task.hist : this.blocks));
    }
    await pool.runAll(jobs);
    this.finish(task, nBlocks);
  }

  private job(task: HistogramTask, first: number, last: number, out: Float64Array): KernelJob {
    const { codes } = this.bins;
    const { raw, y, sw, g, h } = this.data;
    const blockRows = Math.ceil((task.end - task.start) / blocksFor(task.end - task.start));
    if (!task.split) {
      return { kernel: 'rootHistograms', args: [codes, this.n, this.offsets3, raw, y, sw, g, h, blockRows, first, last, out, this.histSize] };
    }
    const { column, bin, leftSmaller } = task.split;
    return {
      kernel: 'splitHistograms',
      args: [codes, this.n, this.offsets3, this.rows, g, h, task.start, task.end, blockRows, first, last, column, bin, leftSmaller, this.leftCounts, out, this.histSize],
    };
  }

  private runKernel(task: HistogramTask, first: number, last: number, out: Float64Array): void {
    const { args } = this.job(task, first, last, out);
    if (task.split) (splitHistograms as (...a: unknown[]) => number)(...args);
    else (rootHistograms as (...a: unknown[]) => number)(...args);
  }

  /**
   * Adds the blocks' histograms in block order; for a split, joins the blocks' left parts, then their
   * right parts, as one partition of the whole node would have left them; for the root, sets the
   * per-bin counts, which its blocks leave out (they are the same for every tree).
   */
  private finish(task: HistogramTask, nBlocks: number): void {
    const hist = task.hist;
    if (nBlocks > 1) addBlocks(this.blocks, nBlocks, this.histSize, hist);
    if (task.split && nBlocks > 1) {
      const { rows, scratch, leftCounts } = this;
      const count = task.end - task.start, blockRows = Math.ceil(count / nBlocks);
      let at = 0;
      for (let b = 0; b < nBlocks; b++) {
        const from = task.start + b * blockRows;
        scratch.set(rows.subarray(from, from + leftCounts[b]), at);
        at += leftCounts[b];
      }
      for (let b = 0; b < nBlocks; b++) {
        const from = task.start + b * blockRows, to = Math.min(task.end, from + blockRows);
        scratch.set(rows.subarray(from + leftCounts[b], to), at);
        at += to - from - leftCounts[b];
      }
      rows.set(scratch.subarray(0, count), task.start);
    }
    if (!task.split) {
      const counts = this.rootCounts;
      for (let i = 2; i < this.histSize; i += 3) hist[i] = counts[i];
    }
  }
}
