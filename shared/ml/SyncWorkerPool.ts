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
  /** [0] job generation posted, [1] generation finished, [2] 1 when the kernel threw, [3] start state. */
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
 * The worker's fixed bootstrap: it compiles the kernels (reporting failure instead of dying
 * silently, which would leave the caller waiting forever), then serves one job per generation.
 */
const bootstrap = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const control = new Int32Array(workerData.control);
const result = new Float64Array(workerData.result);
let kernels;
try { kernels = new Function(workerData.source)(); Atomics.store(control, 3, ${READY}); }
catch { Atomics.store(control, 3, ${BROKEN}); }
Atomics.notify(control, 3);
let seen = 0;
while (kernels) {
  Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  if (seen < 0) break;
  try {
    const job = receiveMessageOnPort(workerData.port).message;
    result[0] = kernels[job.kernel](...job.args);
    control[2] = 0;
  } catch { result[0] = NaN; control[2] = 1; }
  Atomics.store(control, 1, seen);
  Atomics.notify(control, 1);
}`;

/** Blocks until control[index] equals want. The expected value handed to Atomics.wait must be the
 *  one just compared: reloading it could pick up the final store and then sleep past its notify. */
function waitUntil(control: Int32Array, index: number, want: number): void {
  for (;;) {
    const now = Atomics.load(control, index);
    if (now === want) return;
    Atomics.wait(control, index, now);
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

  constructor(readonly size: number, kernels: Record<string, Kernel>) {
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
    for (let w = 1; w < jobs.length; w++) {
      const pw = this.workers[w - 1]!;
      pw.port.postMessage(jobs[w]);
      pw.generation++;
      Atomics.store(pw.control, 0, pw.generation);
      Atomics.notify(pw.control, 0);
    }
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
      waitUntil(pw.control, 1, pw.generation);
      if (pw.control[2] !== 0) failure ??= new Error(`kernel ${jobs[w]!.kernel} failed in a worker thread`);
      out[w] = pw.result[0]!;
    }
    if (failure !== undefined) throw failure;
    return out;
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
