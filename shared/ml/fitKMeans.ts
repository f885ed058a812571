/*
 * Longer than most files on purpose: fitKMeans and the Context it runs in are one algorithm. k-means++
 * seeding, the Elkan/Hamerly Lloyd loop and the empty-cluster repair all keep invariants on the same
 * buffers (X in shared memory, per-row bounds, per-thread sums); split apart, each piece would have to
 * expose those buffers. The loops the worker threads run are in kMeansKernels.ts; this thread only
 * merges their per-thread sums between passes, so it stays free while a fit runs.
 */
import type { DenseMatrix } from './DenseMatrix';
import { createRng, type Rng } from './createRng';
import { kMeansPool, runKMeansKernels, sharedFloat64Array, sharedForKernels } from './kMeansPool';
import { availableThreads, type KernelJob } from './WorkerPool';

export { sharedFloat64Array, shutdownKMeansWorkers } from './kMeansPool';

// Math and friends aliased once: global lookups in hot loops are slow inside vm sandboxes (Jest).
const { sqrt } = Math;
const INF = Infinity;

export interface KMeansOptions {
  k: number;
  /** Restarts from different k-means++ seeds; the lowest inertia wins (scikit-learn's n_init). */
  nInit?: number;
  maxIter?: number;
  /** Relative to the mean per-feature variance, as scikit-learn's tol. */
  tol?: number;
  seed?: number;
  /** Threads to use (this one included); default: all cores when the data is large enough. */
  threads?: number;
  /** Starting centres (k × d, row-major) instead of k-means++. */
  init?: Float64Array;
  /** Bounds used to skip distances (scikit-learn's algorithm); default Elkan unless n × k is huge. */
  algorithm?: 'elkan' | 'hamerly';
}

export interface KMeansResult {
  k: number;
  d: number;
  /** k × d, row-major. */
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

/** Elkan keeps n × k lower bounds; beyond this many it falls back to Hamerly's n. */
const ELKAN_MAX_BOUNDS = 32_000_000;
/** Below this many multiply-adds per pass, splitting rows over threads costs more than it saves. */
const PARALLEL_WORK = 2_000_000;

/**
 * k-means as scikit-learn's KMeans(init="k-means++", algorithm="lloyd") computes it:
 * greedy k-means++ (2 + ln k local trials), Lloyd iterations accelerated by Elkan bounds
 * (Hamerly's when n × k bounds would not fit in memory),
 * stop when labels are stable or the centre shift falls under tol × mean variance, empty
 * clusters refilled with the worst-fit rows. The passes run on worker threads (rows split across
 * them for large inputs) while the caller awaits.
 */
export async function fitKMeans(X: DenseMatrix, options: KMeansOptions): Promise<KMeansResult> {
  const { k } = options;
  const n = X.rows, d = X.cols;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (n < k) throw new RangeError(`k-means needs at least k=${k} rows, got ${n}`);
  const nInit = options.nInit ?? 1;
  const maxIter = options.maxIter ?? 300;
  const rng = createRng(options.seed ?? 0);
  const wantThreads = options.threads ?? (n * d * k >= PARALLEL_WORK ? availableThreads() : 1);
  const threads = Math.max(1, Math.min(wantThreads, Math.floor(n / 64) || 1));
  const ctx = new Context(X, k, threads);
  const tolAbs = (options.tol ?? 1e-4) * meanVariance(X);
  if (!Number.isFinite(tolAbs)) throw new RangeError('k-means input holds NaN or infinite values: impute missing values first');
  let best: KMeansResult | undefined;
  for (let run = 0; run < (options.init ? 1 : nInit); run++) {
    const seeded = options.init ? undefined : await ctx.kMeansPlusPlus(rng);
    const result = await ctx.lloyd(seeded ? seeded.centers : Float64Array.from(options.init!), maxIter, tolAbs, seeded, options.algorithm);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

export function meanVariance(X: DenseMatrix): number {
  const n = X.rows, d = X.cols, data = X.data;
  if (n === 0 || d === 0) return 0;
  const mean = new Float64Array(d), m2 = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const b = i * d;
    for (let j = 0; j < d; j++) {
      const delta = data[b + j] - mean[j];
      mean[j] += delta / (i + 1);
      m2[j] += delta * (data[b + j] - mean[j]);
    }
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += m2[j] / n;
  return total / d;
}

interface Seeding {
  centers: Float64Array;
  /** Squared distance of each row to its nearest starting centre, and that centre. */
  closest: Float64Array;
  assign: Int32Array;
}

/** Buffers for one fit: X, per-row bounds, per-thread partial sums; shared with the threads when they run. */
class Context {
  readonly n: number;
  readonly d: number;
  readonly X: Float64Array;
  readonly bounds: number[];
  /** Whether buffers must live in shared memory (the kernels run on worker threads). */
  readonly shared: boolean;

  constructor(matrix: DenseMatrix, readonly k: number, readonly threads: number) {
    this.n = matrix.rows;
    this.d = matrix.cols;
    this.shared = kMeansPool() !== undefined;
    this.X = sharedForKernels(matrix.data);
    this.bounds = [];
    for (let t = 0; t <= threads; t++) this.bounds.push(Math.round((t * this.n) / threads));
  }

  alloc(length: number): Float64Array {
    return this.shared ? sharedFloat64Array(length) : new Float64Array(length);
  }

  allocInt(length: number): Int32Array {
    return this.shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
  }

  /** One pass: a job per row share, all awaited together. */
  run(make: (t: number, start: number, end: number) => KernelJob): Promise<number[]> {
    const jobs: KernelJob[] = [];
    for (let t = 0; t < this.threads; t++) jobs.push(make(t, this.bounds[t], this.bounds[t + 1]));
    return runKMeansKernels(jobs);
  }

  /**
   * Greedy k-means++ (scikit-learn's _kmeans_plusplus): each step keeps the best of 2 + ln k draws.
   * Also returns each row's nearest chosen centre and squared distance, which seed the bounds.
   */
  async kMeansPlusPlus(rng: Rng): Promise<Seeding> {
    const { n, d, k, X } = this;
    const trials = 2 + Math.floor(Math.log(k));
    const centers = new Float64Array(k * d);
    const closest = this.alloc(n);
    closest.fill(INF);
    const assign = this.allocInt(n);
    const candDist = this.alloc(trials * n);
    const candidates = this.alloc(trials * d);
    const candHalf = this.alloc(trials * k);
    const pots = this.alloc(this.threads * trials);
    const first = rng.int(n);
    centers.set(X.subarray(first * d, first * d + d), 0);
    candidates.set(X.subarray(first * d, first * d + d), 0);
    await this.scoreCandidates(candidates, 1, candHalf, closest, assign, candDist, pots);
    await this.run((_, s, e) => ({ kernel: 'adoptCandidate', args: [candDist, 0, closest, assign, 0, s, e] }));
    const cumulative = new Float64Array(n);
    for (let c = 1; c < k; c++) {
      let acc = 0;
      for (let i = 0; i < n; i++) { acc += closest[i]; cumulative[i] = acc; }
      for (let t = 0; t < trials; t++) {
        const target = rng.next() * acc;
        let lo = 0, hi = n - 1;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid] < target) lo = mid + 1; else hi = mid; }
        candidates.set(X.subarray(lo * d, lo * d + d), t * d);
        for (let j = 0; j < c; j++) {
          let s = 0;
          for (let q = 0; q < d; q++) { const e = candidates[t * d + q] - centers[j * d + q]; s += e * e; }
          candHalf[t * k + j] = sqrt(s) / 2;
        }
      }
      const total = await this.scoreCandidates(candidates, trials, candHalf, closest, assign, candDist, pots);
      let bestT = 0;
      for (let t = 1; t < trials; t++) if (total[t] < total[bestT]) bestT = t;
      centers.set(candidates.subarray(bestT * d, bestT * d + d), c * d);
      await this.run((_, s, e) => ({ kernel: 'adoptCandidate', args: [candDist, bestT * n, closest, assign, c, s, e] }));
    }
    return { centers, closest, assign };
  }

  private async scoreCandidates(
    candidates: Float64Array, t: number, candHalf: Float64Array, closest: Float64Array, assign: Int32Array, candDist: Float64Array, pots: Float64Array,
  ): Promise<Float64Array> {
    const { X, d, n, k } = this;
    await this.run((th, s, e) => ({
      kernel: 'candidatePotentials',
      args: [X, d, n, s, e, candidates, t, candHalf, k, closest, assign, candDist, pots.subarray(th * t, th * t + t)],
    }));
    const total = new Float64Array(t);
    for (let th = 0; th < this.threads; th++) for (let c = 0; c < t; c++) total[c] += pots[th * t + c];
    return total;
  }

  async lloyd(start: Float64Array, maxIter: number, tolAbs: number, seeded?: Seeding, algorithm?: 'elkan' | 'hamerly'): Promise<KMeansResult> {
    const { n, d, k, X, threads } = this;
    const centers = this.alloc(k * d);
    centers.set(start);
    const halfMin = this.alloc(k);
    const centerHalf = this.alloc(k * k);
    const drift = this.alloc(k);
    const cum = this.alloc(k);
    let cumMax = 0;
    const elkan = algorithm ? algorithm === 'elkan' : n * k <= ELKAN_MAX_BOUNDS;
    const labels = this.allocInt(n);
    const upper = this.alloc(n);
    const lower = this.alloc(elkan ? n * k : n);
    const nearestOther = elkan ? this.alloc(n) : lower;
    const sums = this.alloc(threads * k * d);
    const counts = this.alloc(threads * k);
    const totalSums = new Float64Array(k * d);
    const totalCounts = new Float64Array(k);
    const step = async (full: boolean): Promise<number> => {
      computeHalfDistances(centers, k, d, centerHalf, halfMin);
      const moved = await this.run((t, s, e) => ({
        kernel: elkan ? 'elkanAssign' : 'hamerlyAssign',
        args: [X, d, k, s, e, centers, ...(elkan ? [centerHalf, halfMin, cum] : [halfMin, drift]), labels, upper, lower,
          ...(elkan ? [nearestOther, cumMax] : []),
          sums.subarray(t * k * d, (t + 1) * k * d), counts.subarray(t * k, (t + 1) * k), full],
      }));
      return moved.reduce((a, b) => a + b, 0);
    };
    let iterations = 0;
    let converged = false;
    let full = true;
    while (iterations < maxIter) {
      let moved: number;
      if (full && elkan && seeded) {
        computeHalfDistances(centers, k, d, centerHalf, halfMin);
        await this.run((t, s, e) => ({
          kernel: 'seedElkanBounds',
          args: [X, d, k, s, e, centerHalf, seeded.closest, seeded.assign, labels, upper, lower, nearestOther,
            sums.subarray(t * k * d, (t + 1) * k * d), counts.subarray(t * k, (t + 1) * k)],
        }));
        moved = n;
      } else {
        moved = await step(full);
      }
      iterations++;
      this.mergeSums(sums, counts, totalSums, totalCounts);
      if (repairEmptyClusters(this, elkan, labels, upper, lower, nearestOther, cum, sums, counts, totalSums, totalCounts)) {
        this.mergeSums(sums, counts, totalSums, totalCounts);
      }
      let shift = 0;
      for (let c = 0; c < k; c++) {
        const inv = 1 / totalCounts[c];
        let s = 0;
        for (let j = 0; j < d; j++) {
          const v = totalSums[c * d + j] * inv;
          const e = v - centers[c * d + j];
          s += e * e;
          centers[c * d + j] = v;
        }
        drift[c] = sqrt(s);
        cum[c] += drift[c];
        shift += s;
      }
      let maxDrift = 0;
      for (let c = 0; c < k; c++) if (drift[c] > maxDrift) maxDrift = drift[c];
      cumMax += maxDrift;
      if (!full && moved === 0) { converged = true; break; }
      full = false;
      if (shift <= tolAbs) {
        converged = true;
        await step(false);
        break;
      }
    }
    if (!converged) await step(false);
    const parts = await this.run((_, s, e) => ({ kernel: 'labelledInertia', args: [X, d, s, e, centers, labels] }));
    const inertia = parts.reduce((a, b) => a + b, 0);
    return { k, d, centers: Float64Array.from(centers), labels: Int32Array.from(labels), inertia, iterations, converged };
  }

  mergeSums(sums: Float64Array, counts: Float64Array, totalSums: Float64Array, totalCounts: Float64Array): void {
    const { k, d } = this;
    totalSums.fill(0);
    totalCounts.fill(0);
    for (let t = 0; t < this.threads; t++) {
      for (let i = 0; i < k * d; i++) totalSums[i] += sums[t * k * d + i];
      for (let c = 0; c < k; c++) totalCounts[c] += counts[t * k + c];
    }
  }

  threadOf(row: number): number {
    let t = 0;
    while (row >= this.bounds[t + 1]) t++;
    return t;
  }
}

function computeHalfDistances(centers: Float64Array, k: number, d: number, half: Float64Array, out: Float64Array): void {
  out.fill(INF);
  for (let a = 0; a < k; a++) {
    half[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let j = 0; j < d; j++) { const e = centers[a * d + j] - centers[b * d + j]; s += e * e; }
      const h = sqrt(s) / 2;
      half[a * k + b] = h;
      half[b * k + a] = h;
      if (h < out[a]) out[a] = h;
      if (h < out[b]) out[b] = h;
    }
  }
}

/**
 * An empty cluster takes the row farthest from its own centre (as scikit-learn relocates to the
 * worst-fit points); that row's bounds are reset so the next pass recomputes it exactly.
 */
function repairEmptyClusters(
  ctx: Context, elkan: boolean, labels: Int32Array, upper: Float64Array, lower: Float64Array, nearestOther: Float64Array, cum: Float64Array,
  sums: Float64Array, counts: Float64Array, totalSums: Float64Array, totalCounts: Float64Array,
): boolean {
  const { k, d, n, X } = ctx;
  let repaired = false;
  for (let c = 0; c < k; c++) {
    if (totalCounts[c] > 0) continue;
    let worst = -1, worstDist = -1;
    for (let i = 0; i < n; i++) {
      const u = upper[i] + (elkan ? cum[labels[i]] : 0);
      if (totalCounts[labels[i]] > 1 && u > worstDist) { worstDist = u; worst = i; }
    }
    if (worst < 0) continue;
    const old = labels[worst], t = ctx.threadOf(worst);
    for (let j = 0; j < d; j++) {
      const v = X[worst * d + j];
      sums[t * k * d + old * d + j] -= v;
      sums[t * k * d + c * d + j] += v;
      totalSums[old * d + j] -= v;
      totalSums[c * d + j] += v;
    }
    counts[t * k + old] -= 1;
    counts[t * k + c] += 1;
    totalCounts[old] -= 1;
    totalCounts[c] += 1;
    labels[worst] = c;
    upper[worst] = INF;
    // zero lower bounds force a full re-check; Elkan stores them offset by the cumulative drift
    if (!elkan) lower[worst] = 0;
    else {
      for (let c2 = 0; c2 < k; c2++) lower[worst * k + c2] = cum[c2];
      nearestOther[worst] = -INF;
    }
    repaired = true;
  }
  return repaired;
}

/** Greedy k-means++ starting centres (k × d) alone, e.g. for the distributed Lloyd path. */
export async function kMeansPlusPlus(X: DenseMatrix, k: number, seed = 0, threads = 1): Promise<Float64Array> {
  if (X.rows < k) throw new RangeError(`k-means needs at least k=${k} rows, got ${X.rows}`);
  const ctx = new Context(X, k, Math.max(1, Math.min(threads, Math.floor(X.rows / 64) || 1)));
  return (await ctx.kMeansPlusPlus(createRng(seed))).centers;
}


/** Nearest centre per row (ties to the lower index). */
export function nearestCenters(X: DenseMatrix, centers: Float64Array): Int32Array {
  const d = X.cols, k = centers.length / d, data = X.data;
  const labels = new Int32Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let best = 0, bestDist = INF;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) { const e = data[i * d + j] - centers[c * d + j]; s += e * e; }
      if (s < bestDist) { bestDist = s; best = c; }
    }
    labels[i] = best;
  }
  return labels;
}
