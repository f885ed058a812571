import { isRunId } from '../api/isRunInstanceId';
import { messageWorkFolder } from './cleanupRunWork';
import { datasetNamePattern } from './uploadPath';

/** A blob as the clean-up sees it. */
export interface StoredBlob {
  name: string;
  size: number;
  lastModified: Date;
}

/**
 * Hand-over files that go together: a run's own (`_work/` but messages/), or one large message
 * request's (`_work/messages/<requestId>/`). Each is guarded by its own orchestration.
 */
export interface WorkUnit {
  /** The orchestration that writes them: the runId, or `messages-<runId>-<requestId>`. */
  instanceId: string;
  blobs: StoredBlob[];
  lastChanged: Date;
}

/** One run's folder, `results/<dataset>/<runId>/`. */
export interface RunFolder {
  dataset: string;
  runId: string;
  blobs: StoredBlob[];
  /** The newest change to any of its files, messages and reviews included. */
  lastChanged: Date;
  work: WorkUnit[];
}

/** One batch score's folder, `results/<dataset>/scores/<scoreId>/`. */
export interface ScoreFolder {
  dataset: string;
  scoreId: string;
  blobs: StoredBlob[];
  lastChanged: Date;
}

export interface CleanupPolicy {
  /** Days a run is kept after its last change; 0 = forever. */
  retentionDays: number;
  /** Days hand-over files left behind (a failed run's, a large message request's) are kept. */
  failedWorkDays: number;
}

export interface CleanupPlan {
  /** Run folders to delete whole. */
  runs: RunFolder[];
  /** Hand-over files to delete in runs that stay. */
  work: WorkUnit[];
  /** Batch score folders to delete whole. */
  scores: ScoreFolder[];
  /** Runs old enough to go that stay: the one latest.json names, or one still in progress. */
  keptLatest: number;
  keptInProgress: number;
}

const dayMs = 86_400_000;

/**
 * Groups a flat listing of the results container into run folders. Only `<dataset>/<runId>/…`
 * counts: latest.json, `_contacts/`, `_privacy/`, `_rejected/`, `_messages/` are not runs.
 */
export function groupRunFolders(blobs: Iterable<StoredBlob>): RunFolder[] {
  const folders = new Map<string, RunFolder>();
  for (const blob of blobs) {
    const [dataset, runId, ...rest] = blob.name.split('/');
    if (!dataset || !runId || rest.length === 0 || !datasetNamePattern.test(dataset) || !isRunId(runId)) continue;
    const key = `${dataset}/${runId}`;
    let folder = folders.get(key);
    if (!folder) folders.set(key, (folder = { dataset, runId, blobs: [], lastChanged: blob.lastModified, work: [] }));
    folder.blobs.push(blob);
    if (blob.lastModified > folder.lastChanged) folder.lastChanged = blob.lastModified;
    const inside = rest.join('/');
    if (!inside.startsWith('_work/')) continue;
    const work = inside.slice('_work/'.length);
    const requestId = work.startsWith(messageWorkFolder) ? work.slice(messageWorkFolder.length).split('/')[0] : undefined;
    const instanceId = requestId ? `messages-${runId}-${requestId}` : runId;
    let unit = folder.work.find((u) => u.instanceId === instanceId);
    if (!unit) folder.work.push((unit = { instanceId, blobs: [], lastChanged: blob.lastModified }));
    unit.blobs.push(blob);
    if (blob.lastModified > unit.lastChanged) unit.lastChanged = blob.lastModified;
  }
  return [...folders.values()];
}

/** Groups a flat listing of the results container into batch score folders (`<dataset>/scores/<scoreId>/…`). */
export function groupScoreFolders(blobs: Iterable<StoredBlob>): ScoreFolder[] {
  const folders = new Map<string, ScoreFolder>();
  for (const blob of blobs) {
    const [dataset, scores, scoreId, ...rest] = blob.name.split('/');
    if (!dataset || scores !== 'scores' || !scoreId || rest.length === 0 || !datasetNamePattern.test(dataset)) continue;
    const key = `${dataset}/${scoreId}`;
    let folder = folders.get(key);
    if (!folder) folders.set(key, (folder = { dataset, scoreId, blobs: [], lastChanged: blob.lastModified }));
    folder.blobs.push(blob);
    if (blob.lastModified > folder.lastChanged) folder.lastChanged = blob.lastModified;
  }
  return [...folders.values()];
}

/**
 * What the sweep removes. A run goes whole when retention is set, nothing in its folder changed for
 * `retentionDays`, it is not the run latest.json names and it is not in progress; its messages go
 * with it (a message written or reviewed recently keeps the run). Hand-over files go when nothing
 * in their unit changed for `failedWorkDays` and their orchestration is not in progress. A batch
 * score goes with the same retention unless it is still running; the run whose model a running score
 * reads is in `inProgress` (its runId), and stays.
 */
export function planCleanup(
  folders: readonly RunFolder[],
  latest: ReadonlyMap<string, string>,
  inProgress: ReadonlySet<string>,
  now: Date,
  policy: CleanupPolicy,
  scores: readonly (ScoreFolder & { running: boolean })[] = [],
): CleanupPlan {
  const plan: CleanupPlan = { runs: [], work: [], scores: [], keptLatest: 0, keptInProgress: 0 };
  const runCutoff = now.getTime() - policy.retentionDays * dayMs;
  const workCutoff = now.getTime() - policy.failedWorkDays * dayMs;
  for (const folder of folders) {
    if (policy.retentionDays > 0 && folder.lastChanged.getTime() < runCutoff) {
      const busy = inProgress.has(folder.runId) || folder.work.some((u) => inProgress.has(u.instanceId));
      if (latest.get(folder.dataset) === folder.runId) plan.keptLatest++;
      else if (busy) plan.keptInProgress++;
      else {
        plan.runs.push(folder);
        continue;
      }
    }
    for (const unit of folder.work) {
      if (unit.lastChanged.getTime() < workCutoff && !inProgress.has(unit.instanceId)) plan.work.push(unit);
    }
  }
  if (policy.retentionDays > 0) {
    for (const score of scores) if (!score.running && score.lastChanged.getTime() < runCutoff) plan.scores.push(score);
  }
  return plan;
}
