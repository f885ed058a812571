import { staleCallLedgers } from '../api/messageCallLedger';
import { BlobStore } from '../storage/BlobStore';
import { CleanupPolicy, StoredBlob, groupRunFolders, groupScoreFolders, planCleanup } from './cleanupPlan';
import { deleteBlobs } from './cleanupRunWork';
import type { LatestPointer } from './publishLatest';
import { runPaths } from './runPaths';

/** Where messagePaths.index keeps a requestId's run. */
const messageIndexFolder = '_messages/';

/** What one sweep did, for its log record. */
export interface CleanupOutcome {
  runsRemoved: { dataset: string; runId: string }[];
  /** Old enough to go, but kept: named by latest.json, or still in progress. */
  runsKeptLatest: number;
  runsKeptInProgress: number;
  /** Sets of hand-over files removed (a run's own, or one large message request's). */
  workRemoved: number;
  /** Batch score folders removed. */
  scoresRemoved: number;
  /** Daily model-call ledgers of days gone by. */
  callLedgersRemoved: number;
  /** `_messages/<requestId>.json` entries removed with their runs. */
  messageIndexRemoved: number;
  blobsDeleted: number;
  bytesFreed: number;
}

/**
 * The timer's sweep of the results container (planCleanup decides): old runs and batch scores per
 * SEGMENTWISE_RETENTION_DAYS, hand-over files left behind per SEGMENTWISE_FAILED_WORK_DAYS.
 * `inProgress` holds the ids of orchestrations pending or running, whose files are never touched.
 */
export async function cleanupResults(store: BlobStore, now: Date, policy: CleanupPolicy, inProgress: ReadonlySet<string>): Promise<CleanupOutcome> {
  const container = store.resultsContainer;
  const blobs: StoredBlob[] = [];
  for await (const blob of store.list(container, '')) blobs.push({ name: blob.name, size: blob.size, lastModified: blob.lastModified });
  const folders = groupRunFolders(blobs);
  const latest = new Map<string, string>();
  for (const dataset of new Set(folders.map((f) => f.dataset))) {
    const pointer = await store.readJson<LatestPointer>(container, runPaths.latest(dataset));
    if (pointer) latest.set(dataset, pointer.runId);
  }
  // A score still running reads its run's model.json: both stay.
  const busy = new Set(inProgress);
  const scores = await Promise.all(
    groupScoreFolders(blobs).map(async (score) => {
      const status = score.blobs.some((b) => b.name.endsWith('/status.json'))
        ? await store.readJson<{ state?: string; runId?: string | null }>(container, `${score.dataset}/scores/${score.scoreId}/status.json`)
        : undefined;
      const running = status?.state === 'running';
      if (running && status?.runId) busy.add(status.runId);
      return { ...score, running };
    }),
  );
  const plan = planCleanup(folders, latest, busy, now, policy, scores);

  const ledgers = new Set(staleCallLedgers(blobs.map((b) => b.name), now));
  const doomed = [
    ...plan.runs.flatMap((f) => f.blobs),
    ...plan.work.flatMap((u) => u.blobs),
    ...plan.scores.flatMap((s) => s.blobs),
    ...blobs.filter((b) => ledgers.has(b.name)),
  ];
  const removed = await deleteBlobs(store, container, doomed);
  // Approve and reject find a request's run through this index: a removed run's requests are gone.
  const removedRuns = new Set(plan.runs.map((f) => `${f.dataset}/${f.runId}`));
  let messageIndexRemoved = 0;
  if (removedRuns.size > 0) {
    for (const blob of blobs) {
      if (!blob.name.startsWith(messageIndexFolder)) continue;
      const entry = await store.readJson<{ dataset: string; runId: string }>(container, blob.name);
      if (entry && removedRuns.has(`${entry.dataset}/${entry.runId}`)) {
        await store.delete(container, blob.name);
        messageIndexRemoved++;
      }
    }
  }
  return {
    runsRemoved: plan.runs.map((f) => ({ dataset: f.dataset, runId: f.runId })),
    runsKeptLatest: plan.keptLatest,
    runsKeptInProgress: plan.keptInProgress,
    workRemoved: plan.work.length,
    scoresRemoved: plan.scores.length,
    callLedgersRemoved: ledgers.size,
    messageIndexRemoved,
    blobsDeleted: removed.blobs + messageIndexRemoved,
    bytesFreed: removed.bytes,
  };
}
