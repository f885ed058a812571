import { BlobStore } from '../storage/BlobStore';
import type { RunInput } from './RunInput';
import { runPaths } from './runPaths';

/** What a clean-up removed. */
export interface RemovedBlobs {
  blobs: number;
  bytes: number;
}

/** Deletes at most this many blobs at once: a run's work files are a few dozen, a sweep's thousands. */
const deleteConcurrency = 8;

/** Deletes these blobs (already gone is fine: a step run again after a crash finds less to do). */
export async function deleteBlobs(store: BlobStore, container: string, blobs: readonly { name: string; size: number }[]): Promise<RemovedBlobs> {
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < blobs.length) {
      const blob = blobs[next++]!;
      await store.delete(container, blob.name);
      bytes += blob.size;
    }
  };
  await Promise.all(Array.from({ length: Math.min(deleteConcurrency, blobs.length) }, worker));
  return { blobs: blobs.length, bytes };
}

/** The folder under a run's _work/ that large message requests write to: not the run's own work. */
export const messageWorkFolder = 'messages/';

/**
 * Deletes the run's own hand-over files once latest.json (or historical.json) is written: nothing
 * reads them after writeResults (see steps/workFiles.ts). Runs after publication, so a run that
 * crashes before publishing still finds every work file it resumes from. `_work/messages/` stays:
 * a large message request may already be writing there for the run just published; the sweep
 * removes those later (cleanupResults).
 */
export async function cleanupRunWork(store: BlobStore, run: Pick<RunInput, 'dataset' | 'runId'>): Promise<RemovedBlobs> {
  const prefix = runPaths.work(run.dataset, run.runId, '');
  const own: { name: string; size: number }[] = [];
  for await (const blob of store.list(store.resultsContainer, prefix)) {
    if (!blob.name.slice(prefix.length).startsWith(messageWorkFolder)) own.push(blob);
  }
  return deleteBlobs(store, store.resultsContainer, own);
}
