import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkerPool, availableThreads } from './WorkerPool';

/**
 * The gradient-boosting threads, shared by every fit in the process. They load histogramWorker.js,
 * compiled beside this file (dist/ for the host and benchmarks). Run from TypeScript sources (Jest)
 * there is no compiled worker module: histograms are then built on the calling thread over the same
 * row blocks, added in the same order, so the trees are the same; tests that need real threads point
 * the pool at a compiled copy with useHistogramWorkerFile.
 */
let pool: WorkerPool | undefined;
let chosenFile: { file: string | undefined; threads?: number } | undefined;

function workerFile(): string | undefined {
  if (chosenFile) return chosenFile.file;
  const compiled = path.join(__dirname, 'histogramWorker.js');
  return fs.existsSync(compiled) ? compiled : undefined;
}

/** The pool, or undefined when histograms are built on the calling thread (no compiled worker module). */
export function histogramPool(): WorkerPool | undefined {
  if (pool) return pool;
  const file = workerFile();
  if (file) pool = new WorkerPool(file, chosenFile?.threads ?? availableThreads());
  return pool;
}

/** Fits using the threads now: they stop when the last one ends. */
let fitting = 0;

/**
 * Runs one fit with the pool (or without, see above). The threads stop when the last fit in progress
 * ends: between fits, idle threads with their heaps would only add to the process's memory while
 * the run's later steps (the results, the largest) work. Starting them again costs a few ms per fit.
 */
export async function withHistogramThreads<T>(fit: (pool: WorkerPool | undefined) => Promise<T>): Promise<T> {
  const threads = histogramPool();
  fitting++;
  try {
    return await fit(threads);
  } finally {
    if (--fitting === 0 && threads && pool === threads) {
      pool = undefined;
      void threads.terminate();
    }
  }
}

/**
 * Which compiled worker module the threads load (undefined: build histograms inline), and how many
 * threads (default: one per core). For tests and tools.
 */
export async function useHistogramWorkerFile(file: string | undefined, threads?: number): Promise<void> {
  await shutdownHistogramWorkers();
  chosenFile = { file, threads };
}

/** Stops the gradient-boosting threads (idle ones never hold the process open; this is for tidy shutdowns). */
export async function shutdownHistogramWorkers(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.terminate();
}
