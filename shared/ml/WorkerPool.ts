import { Worker, type ResourceLimits } from 'node:worker_threads';
import * as os from 'node:os';

/** A job for one thread: the name of a function the worker module serves (a kernel or a step), and its arguments. */
export interface KernelJob {
  kernel: string;
  /**
   * Structured-cloneable values: numbers and plain objects are copied; typed arrays must sit over
   * SharedArrayBuffers (shared with the thread, never copied, so a kernel's writes reach the caller).
   */
  args: unknown[];
}

/** An error as it crosses the thread boundary: what callers test for (name, code, HTTP status) kept. */
export interface ThreadError {
  message: string;
  name?: string;
  code?: string;
  statusCode?: number;
}

/** What the pool posts: a job with the number its reply carries back. */
export interface PostedJob {
  id: number;
  job: KernelJob;
}

/** What a worker posts back: `ready` once its module loaded, then one value or error per job, by id. */
export type KernelReply = { ready: true } | { id: number; value: unknown } | { id: number; error: ThreadError };

interface Task {
  job: KernelJob;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The jobs this thread is running, by id. */
  tasks: Map<number, Task>;
  failure?: Error;
}

/**
 * Worker threads that run kernels while the calling thread waits on a promise, free to serve HTTP
 * calls and heartbeats. Each thread loads a compiled worker module (one that calls serveKernels) and
 * takes up to `jobsPerThread` jobs at a time (one for kernels, which compute without pause; more
 * for pipeline steps, which also wait on storage and must not hold each other up while they do);
 * jobs queue when every thread is full. A thread that dies is replaced and
 * its job rejected; a module that cannot even start fails every job instead of restarting forever.
 * Idle threads are unref'd so they never keep the process alive.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private closed = false;
  private broken: Error | undefined;
  private nextId = 0;

  constructor(
    readonly file: string,
    readonly size: number,
    private readonly resourceLimits?: ResourceLimits,
    private readonly jobsPerThread = 1,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  /** Runs one kernel on a thread; resolves with its return value (a number unless R says otherwise), rejects with its error. */
  run<R = number>(job: KernelJob): Promise<R> {
    for (const arg of job.args) {
      // a copied array would take the kernel's writes with it: outputs must be shared
      if (ArrayBuffer.isView(arg) && !(arg.buffer instanceof SharedArrayBuffer)) {
        return Promise.reject(new TypeError(`kernel ${job.kernel}: typed-array arguments must be backed by a SharedArrayBuffer`));
      }
    }
    if (this.closed) return Promise.reject(new Error('the worker pool has been shut down'));
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /**
   * Runs jobs side by side; returns every kernel's value. Settles only when all have finished, even
   * after a failure: a thread still writing into shared arrays would corrupt the caller's next step.
   */
  async runAll(jobs: KernelJob[]): Promise<number[]> {
    const settled = await Promise.allSettled(jobs.map((job) => this.run<number>(job)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<number>).value);
  }

  async terminate(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('the worker pool has been shut down'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private start(): Slot {
    // The environment as this module sees it (the settings a step thread reads), given explicitly.
    const worker = new Worker(this.file, { env: process.env, ...(this.resourceLimits ? { resourceLimits: this.resourceLimits } : {}) });
    worker.unref();
    const slot: Slot = { worker, ready: false, tasks: new Map() };
    worker.on('message', (reply: KernelReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        return;
      }
      const task = slot.tasks.get(reply.id);
      slot.tasks.delete(reply.id);
      if (slot.tasks.size === 0) worker.unref();
      if (task) {
        if ('error' in reply) task.reject(new ThreadJobError(task.job.kernel, reply.error));
        else task.resolve(reply.value);
      }
      this.dispatch();
    });
    // An uncaught error ends the thread; 'exit' follows and reports it with the job.
    worker.on('error', (err) => {
      slot.failure = err;
    });
    worker.on('exit', (code) => this.replace(slot, code));
    return slot;
  }

  private replace(slot: Slot, code: number): void {
    const index = this.slots.indexOf(slot);
    const tasks = [...slot.tasks.values()];
    slot.tasks.clear();
    const why = `exit code ${code}${slot.failure ? `: ${slot.failure.message}` : ''}`;
    if (this.closed || index < 0) {
      for (const task of tasks) task.reject(new Error(`kernel ${task.job.kernel}: the worker pool was shut down while it ran`));
      return;
    }
    if (!slot.ready) {
      // the module itself does not load: restarting would fail the same way, again and again
      const broken = new Error(`worker module ${this.file} could not start (${why})`);
      this.broken = broken;
      this.slots.splice(index, 1);
      for (const task of tasks) task.reject(broken);
      if (this.slots.length === 0) for (const queued of this.queue.splice(0)) queued.reject(broken);
      return;
    }
    this.slots[index] = this.start();
    for (const task of tasks) task.reject(new Error(`kernel ${task.job.kernel}: its worker thread stopped (${why}); a new thread took its place`));
    this.dispatch();
  }

  /** Hands queued jobs to the least busy threads with room (a job per thread first, then doubling up). */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot: Slot | undefined;
      for (const s of this.slots) if (s.tasks.size < this.jobsPerThread && (!slot || s.tasks.size < slot.tasks.size)) slot = s;
      if (!slot) return;
      const task = this.queue.shift()!;
      const id = this.nextId++;
      slot.tasks.set(id, task);
      slot.worker.ref();
      slot.worker.postMessage({ id, job: task.job } satisfies PostedJob);
    }
  }
}

/**
 * A job's error from its thread, with what callers branch on (name, code, HTTP status) kept; the
 * message says which kernel failed where, `original` is the error exactly as it was thrown.
 */
export class ThreadJobError extends Error {
  readonly code?: string;
  readonly statusCode?: number;

  constructor(kernel: string, readonly original: ThreadError) {
    super(`kernel ${kernel} failed in a worker thread: ${original.message}`);
    if (original.name) this.name = original.name;
    if (original.code !== undefined) this.code = original.code;
    if (original.statusCode !== undefined) this.statusCode = original.statusCode;
  }

  /** The error as the job threw it (its own message), for callers that hide the thread from their own. */
  asThrown(): Error {
    const error = new Error(this.original.message) as Error & { code?: string; statusCode?: number };
    error.name = this.name;
    if (this.code !== undefined) error.code = this.code;
    if (this.statusCode !== undefined) error.statusCode = this.statusCode;
    return error;
  }
}

/** Threads worth using on this machine (all cores, capped so tiny jobs never fan out too wide). */
export function availableThreads(): number {
  return Math.max(1, Math.min(8, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length));
}
