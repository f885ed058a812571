import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { getSettings } from '../config/settings';
import { ThreadJobError, WorkerPool } from '../ml/WorkerPool';
import { appStore } from '../storage/appStore';
import type { OffThreadStep, StepInput, StepOutput, offThreadSteps } from './offThreadSteps';

/**
 * The step threads of this process: SEGMENTWISE_STEP_THREADS threads loading stepWorker.js, compiled
 * beside this file (dist/ for the host and benchmarks). Run from TypeScript sources (Jest) there is
 * no compiled module and steps run on the calling thread, as they do with the setting at 0.
 * One thread by default: it keeps the per-process work-file cache in one place, as on the calling thread.
 */
let pool: WorkerPool | undefined;

/**
 * Steps a thread runs side by side. Steps wait on storage as well as compute: one step held up by a
 * slow upload must not hold up another run's steps (as on one thread's event loop, where the host
 * interleaves every activity it has been given).
 */
const stepsPerThread = 64;

/**
 * The young generation of a step thread, in MB. The steps' data lives in typed arrays outside the
 * JS heap, so the short-lived objects are small, and V8's default young generation (sized for the
 * main thread) was ~25 MB of resident memory per thread for no measurable speed (bench pipeline).
 */
const stepThreadYoungGenerationMb = 8;

function stepPool(): WorkerPool | undefined {
  if (pool) return pool;
  const threads = getSettings().SEGMENTWISE_STEP_THREADS;
  const file = path.join(__dirname, 'stepWorker.js');
  if (threads === 0 || !fs.existsSync(file)) return undefined;
  // The threads get the heap limit this process was given (--max-old-space-size, or V8's default
  // for the machine), so a memory ceiling set for the app holds for its steps too.
  const heapMb = Math.floor(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
  pool = new WorkerPool(file, threads, { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: stepThreadYoungGenerationMb }, stepsPerThread);
  return pool;
}

/** Runs one pipeline step on a step thread (or here, without one) and resolves with its output. */
export async function runStep<N extends OffThreadStep>(name: N, input: StepInput<N>): Promise<StepOutput<N>> {
  const threads = stepPool();
  if (!threads) return (stepsHere()[name] as (store: ReturnType<typeof appStore>, input: StepInput<N>) => Promise<StepOutput<N>>)(appStore(), input);
  try {
    return await threads.run<StepOutput<N>>({ kernel: name, args: [input] });
  } catch (err) {
    // The step's own error, as it was thrown, so retries and failure reports read the same on either path.
    throw err instanceof ThreadJobError ? err.asThrown() : err;
  }
}

/**
 * The steps, loaded on this thread only when it runs them itself: with step threads, the thread
 * answering HTTP never loads the steps' modules (report charts, workbook and parquet readers), which
 * would hold tens of MB in a heap that has no use for them.
 */
function stepsHere(): typeof offThreadSteps {
  return (require('./offThreadSteps') as typeof import('./offThreadSteps')).offThreadSteps;
}

/** Stops the step threads (idle ones never hold the process open; this is for tidy shutdowns). */
export async function shutdownStepThreads(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.terminate();
}
