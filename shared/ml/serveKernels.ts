import { parentPort } from 'node:worker_threads';
import type { KernelReply, PostedJob, ThreadError } from './WorkerPool';

/** A function a worker serves: a numeric kernel, or a pipeline step that resolves with its output. */
export type Kernel = (...args: never[]) => unknown;

/**
 * The body of a worker module for WorkerPool: says it is ready, then runs each job it is sent and
 * posts back the value (awaited when it is a promise), or its error (the thread keeps serving after
 * a job throws). A kernel runs to its end once started; jobs that await (pipeline steps) interleave
 * on the thread's event loop, as many as the pool sends it.
 */
export function serveKernels(kernels: Readonly<Record<string, Kernel>>): void {
  const port = parentPort;
  if (!port) throw new Error('serveKernels runs inside a worker thread');
  const reply = (message: KernelReply): void => port.postMessage(message);
  port.on('message', async ({ id, job }: PostedJob) => {
    const kernel = kernels[job.kernel] as ((...args: unknown[]) => unknown) | undefined;
    try {
      if (!kernel) throw new Error(`this worker serves no kernel named ${job.kernel}`);
      reply({ id, value: await kernel(...job.args) });
    } catch (err) {
      reply({ id, error: describeThreadError(err) });
    }
  });
  reply({ ready: true });
}

function describeThreadError(err: unknown): ThreadError {
  if (!(err instanceof Error)) return { message: String(err) };
  const { code, statusCode } = err as Error & { code?: unknown; statusCode?: unknown };
  return {
    message: err.message,
    name: err.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
  };
}
