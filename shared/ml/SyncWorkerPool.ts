import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import * as os from 'node:os';

/** A job for one thread: the name of a kernel and its arguments (typed arrays over SharedArrayBuffers). */
export interface KernelJob {
  kernel: string;
  args: unknown[];
}

type Kernel = (...args: never[]) => number;

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
  /** [0] job generation posted, [1] generation finished, [2] how it went (RAN, THREW, NO_JOB), [3] start state. */
  control: Int32Array;
  result: Float64Array;
  generation: number;
}

const STARTING = 0;
const READY = 1;
const BROKEN = 2;
/** How long a caller waits for a fresh thread to compile its kernels before doing the work itself. */
const START_TIMEOUT_MS = 30_000;
/**
 * How long a caller waits for one thread's share of a job. Far above any share's real work, it only
 * turns a thread that will never answer (a lost wake-up, a thread that died) into an error instead
 * of a caller blocked for good.
 */
const JOB_LIMIT_MS = 600_000;

export interface SyncWorkerPoolOptions {
  /** How long run() waits for a thread's share before it fails (default 10 minutes). */
  jobLimitMs?: number;
}

/** control[2] after a generation: the kernel ran, it threw, or its job never reached the thread. */
const RAN = 0;
const THREW = 1;
const NO_JOB = 2;
/** How often the caller posts a job again whose message the thread did not receive. */
const MAX_REPOSTS = 3;

/**
 * The worker's fixed bootstrap: it compiles the kernels (reporting failure instead of dying
 * silently, which would leave the caller waiting forever), then serves one job per generation.
 * Each job carries its generation. The port does not always show a job by the time the thread sees
 * its generation (under Jest, once in some 10^5 hand-offs the job was not there, and waiting for it
 * could wait for good), so the thread looks for its job for up to a second, skips jobs of earlier
 * generations, and otherwise reports NO_JOB so that the caller posts it again.
 */
const bootstrap = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const control = new Int32Array(workerData.control);
const result = new Float64Array(workerData.result);
let kernels;
try { kernels = new Function(workerData.source)(); Atomics.store(control, 3, ${READY}); }
catch { Atomics.store(control, 3, ${BROKEN}); }
Atomics.notify(control, 3);
const pause = new Int32Array(new SharedArrayBuffer(4));
let seen = 0;
while (kernels) {
  Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  if (seen < 0) break;
  let job;
  for (let tries = 0; job === undefined && tries < 1000; tries++) {
    const received = receiveMessageOnPort(workerData.port);
    if (received === undefined) Atomics.wait(pause, 0, 0, 1);
    else if (received.message.generation === seen) job = received.message;
  }
  if (job === undefined) control[2] = ${NO_JOB};
  else {
    try { result[0] = kernels[job.kernel](...job.args); control[2] = ${RAN}; }
    catch { result[0] = NaN; control[2] = ${THREW}; }
  }
  Atomics.store(control, 1, seen);
  Atomics.notify(control, 1);
}`;

/** Blocks until control[index] equals want (true) or limitMs went by (false). The expected value
 *  handed to Atomics.wait must be the one just compared: reloading it could pick up the final store
 *  and then sleep past its notify. */
function waitUntil(control: Int32Array, index: number, want: number, limitMs: number): boolean {
  let deadline: number | undefined;
  for (;;) {
    const now = Atomics.load(control, index);
    if (now === want) return true;
    deadline ??= Date.now() + limitMs;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(control, index, now, left);
  }
}

/**
 * Worker threads driven synchronously: the caller posts one job per worker, runs its own share on
 * the calling thread, then blocks on Atomics.wait until the workers are done. Staying synchronous
 * keeps the k-means API synchronous and costs a few microseconds per round, not a task tick.
 * Workers receive kernel source text, so this works from swc-transformed tests and compiled dist alike.
 * Kernels must be self-contained functions of their arguments (no closures, no imports).
 */
export class SyncWorkerPool {
  private readonly workers: PoolWorker[] = [];
  private usable: boolean | undefined;
  private readonly jobLimitMs: number;

  constructor(readonly size: number, kernels: Record<string, Kernel>, options: SyncWorkerPoolOptions = {}) {
    this.jobLimitMs = options.jobLimitMs ?? JOB_LIMIT_MS;
    const source = [
      ...Object.entries(kernels).map(([name, fn]) => `const ${name} = ${fn.toString()};`),
      `return { ${Object.keys(kernels).join(', ')} };`,
    ].join('\n');
    for (let w = 0; w < size; w++) {
      const { port1, port2 } = new MessageChannel();
      const control = new Int32Array(new SharedArrayBuffer(16));
      const result = new Float64Array(new SharedArrayBuffer(8));
      const worker = new Worker(bootstrap, {
        eval: true,
        workerData: { port: port2, control: control.buffer, result: result.buffer, source },
        transferList: [port2],
      });
      worker.unref();
      // A thread that fails after starting is reported here; the job's caller sees control[2].
      worker.on('error', () => undefined);
      port1.unref();
      this.workers.push({ worker, port: port1, control, result, generation: 0 });
    }
  }

  /** False when the threads could not start; run() then does every share on the calling thread. */
  get threaded(): boolean {
    if (this.usable === undefined) {
      this.usable = this.workers.every((pw) => {
        if (Atomics.load(pw.control, 3) === STARTING) Atomics.wait(pw.control, 3, STARTING, START_TIMEOUT_MS);
        return Atomics.load(pw.control, 3) === READY;
      });
    }
    return this.usable;
  }

  /** Runs jobs[0] on this thread and jobs[1..] on the workers; returns each kernel's return value. */
  run(jobs: KernelJob[], local: Record<string, Kernel>): number[] {
    if (jobs.length - 1 > this.workers.length) throw new RangeError('more jobs than threads');
    const call = (job: KernelJob) => (local[job.kernel] as (...a: unknown[]) => number)(...job.args);
    if (!this.threaded) return jobs.map(call);
    for (let w = 1; w < jobs.length; w++) this.post(this.workers[w - 1]!, jobs[w]!);
    const out = new Array<number>(jobs.length);
    let failure: unknown;
    try {
      out[0] = call(jobs[0]!);
    } catch (err) {
      failure = err;
    }
    // Every posted job is waited for, even after a failure: a worker still writing into shared
    // arrays after run() returned would corrupt the caller's next step.
    for (let w = 1; w < jobs.length; w++) {
      const pw = this.workers[w - 1]!;
      for (let reposts = 0; ; reposts++) {
        if (!waitUntil(pw.control, 1, pw.generation, this.jobLimitMs)) {
          // The thread may still hold the job; it gets no more work, the calling thread does it all.
          this.usable = false;
          throw new Error(
            `kernel ${jobs[w]!.kernel}: worker thread ${w} did not report back within ${this.jobLimitMs / 1000} s (a lost wake-up or a thread that stopped); the pool now runs every share on the calling thread`,
          );
        }
        if (pw.control[2] !== NO_JOB) break;
        if (reposts === MAX_REPOSTS) {
          this.usable = false;
          throw new Error(`kernel ${jobs[w]!.kernel}: worker thread ${w} never received its job (posted ${MAX_REPOSTS + 1} times); the pool now runs every share on the calling thread`);
        }
        this.post(pw, jobs[w]!);
      }
      if (pw.control[2] === THREW) failure ??= new Error(`kernel ${jobs[w]!.kernel} failed in a worker thread`);
      out[w] = pw.result[0]!;
    }
    if (failure !== undefined) throw failure;
    return out;
  }

  /** Hands a job to a thread: the message first, then the generation that wakes the thread for it. */
  private post(pw: PoolWorker, job: KernelJob): void {
    pw.generation++;
    pw.port.postMessage({ generation: pw.generation, kernel: job.kernel, args: job.args });
    Atomics.store(pw.control, 0, pw.generation);
    Atomics.notify(pw.control, 0);
  }

  async terminate(): Promise<void> {
    for (const pw of this.workers) {
      Atomics.store(pw.control, 0, -1);
      Atomics.notify(pw.control, 0);
      pw.port.close();
    }
    await Promise.all(this.workers.map((pw) => pw.worker.terminate()));
    this.workers.length = 0;
  }
}

/** Threads worth using on this machine (all cores, capped so tiny jobs never fan out too wide). */
export function availableThreads(): number {
  return Math.max(1, Math.min(8, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length));
}
