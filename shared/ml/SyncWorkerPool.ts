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
  control: Int32Array;
  result: Float64Array;
  generation: number;
}

/**
 * Worker threads driven synchronously: the caller posts one job per worker, runs its own share on
 * the calling thread, then blocks on Atomics.wait until the workers are done. Staying synchronous
 * keeps the k-means API synchronous and costs a few microseconds per round, not a task tick.
 * Workers receive kernel source text (eval), so this works from ts-jest/swc and compiled dist alike.
 */
export class SyncWorkerPool {
  private readonly workers: PoolWorker[] = [];

  constructor(readonly size: number, kernels: Record<string, Kernel>) {
    const source = [
      `const { workerData, receiveMessageOnPort } = require('node:worker_threads');`,
      ...Object.entries(kernels).map(([name, fn]) => `const ${name} = ${fn.toString()};`),
      `const kernels = { ${Object.keys(kernels).join(', ')} };`,
      `const control = new Int32Array(workerData.control); const result = new Float64Array(workerData.result);`,
      `let seen = 0;`,
      `for (;;) {`,
      `  Atomics.wait(control, 0, seen);`,
      `  seen = Atomics.load(control, 0);`,
      `  if (seen < 0) break;`,
      `  const job = receiveMessageOnPort(workerData.port).message;`,
      `  try { result[0] = kernels[job.kernel](...job.args); control[2] = 0; }`,
      `  catch (e) { result[0] = NaN; control[2] = 1; }`,
      `  Atomics.store(control, 1, seen); Atomics.notify(control, 1);`,
      `}`,
    ].join('\n');
    for (let w = 0; w < size; w++) {
      const { port1, port2 } = new MessageChannel();
      const control = new Int32Array(new SharedArrayBuffer(12));
      const result = new Float64Array(new SharedArrayBuffer(8));
      const worker = new Worker(source, {
        eval: true,
        workerData: { port: port2, control: control.buffer, result: result.buffer },
        transferList: [port2],
      });
      worker.unref();
      port1.unref();
      this.workers.push({ worker, port: port1, control, result, generation: 0 });
    }
  }

  /** Runs jobs[0] on this thread and jobs[1..] on the workers; returns each kernel's return value. */
  run(jobs: KernelJob[], local: Record<string, Kernel>): number[] {
    if (jobs.length - 1 > this.workers.length) throw new RangeError('more jobs than threads');
    for (let w = 1; w < jobs.length; w++) {
      const pw = this.workers[w - 1];
      pw.port.postMessage(jobs[w]);
      pw.generation++;
      Atomics.store(pw.control, 0, pw.generation);
      Atomics.notify(pw.control, 0);
    }
    const out = new Array<number>(jobs.length);
    out[0] = (local[jobs[0].kernel] as (...a: unknown[]) => number)(...jobs[0].args);
    for (let w = 1; w < jobs.length; w++) {
      const pw = this.workers[w - 1];
      while (Atomics.load(pw.control, 1) !== pw.generation) Atomics.wait(pw.control, 1, Atomics.load(pw.control, 1));
      if (pw.control[2] !== 0) throw new Error(`kernel ${jobs[w].kernel} failed in a worker thread`);
      out[w] = pw.result[0];
    }
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
