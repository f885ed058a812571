import * as fs from 'node:fs';
import * as path from 'node:path';
import * as kMeansKernels from './kMeansKernels';
import { WorkerPool, availableThreads, type KernelJob } from './WorkerPool';

/**
 * The k-means threads, shared by every fit in the process. They load kMeansWorker.js, compiled
 * beside this file (dist/ for the host and benchmarks). Run from TypeScript sources (Jest), there is
 * no compiled worker module: kernels then run on the calling thread, one share after another, with
 * the same row split and so the same results; tests that need real threads point the pool at a
 * compiled copy with useKMeansWorkerFile.
 */
let pool: WorkerPool | undefined;
let chosenFile: { file: string | undefined } | undefined;

function workerFile(): string | undefined {
  if (chosenFile) return chosenFile.file;
  const compiled = path.join(__dirname, 'kMeansWorker.js');
  return fs.existsSync(compiled) ? compiled : undefined;
}

/** The pool, or undefined when kernels run on the calling thread (no compiled worker module). */
export function kMeansPool(): WorkerPool | undefined {
  if (pool) return pool;
  const file = workerFile();
  if (file) pool = new WorkerPool(file, availableThreads());
  return pool;
}

/** Runs jobs on the threads, or inline when there are none; resolves with each kernel's value. */
export async function runKMeansKernels(jobs: KernelJob[]): Promise<number[]> {
  const threads = kMeansPool();
  if (threads) return threads.runAll(jobs);
  const kernels = kMeansKernels as unknown as Record<string, (...args: unknown[]) => number>;
  return jobs.map((job) => kernels[job.kernel]!(...job.args));
}

/** Which compiled worker module the threads load (undefined: run kernels inline). For tests and tools. */
export async function useKMeansWorkerFile(file: string | undefined): Promise<void> {
  await shutdownKMeansWorkers();
  chosenFile = { file };
}

/** Stops the k-means threads (idle ones never hold the process open; this is for tidy shutdowns). */
export async function shutdownKMeansWorkers(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.terminate();
}

/**
 * Data the kernels can read where they run: the array itself when it is already in shared memory or
 * when kernels run inline, else a shared copy (copy once and reuse it across passes).
 */
export function sharedForKernels(data: Float64Array): Float64Array {
  if (data.buffer instanceof SharedArrayBuffer || !kMeansPool()) return data;
  const copy = sharedFloat64Array(data.length);
  copy.set(data);
  return copy;
}

/** A Float64Array that worker threads can read in place (build X in one to skip a copy). */
export function sharedFloat64Array(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}
