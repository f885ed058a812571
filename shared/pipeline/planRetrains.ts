import { BlobStore } from '../storage/BlobStore';
import { RunInput } from './RunInput';
import { planRun } from './planRun';
import { runPaths } from './runPaths';
import type { LatestPointer } from './publishLatest';
import { datasetNamePattern, isDataFile } from './uploadPath';
import { isPrivacyRewrite, uploadTimeOf } from './uploadTime';

export interface RetrainCandidate {
  dataset: string;
  /**
   * The run the dataset's current uploads make (the trigger would have started it); absent when they
   * changed since the latest run only by privacy rewrites.
   */
  current?: RunInput;
  /** When the dataset's model is older than the forced-retrain age: the same data with a refresh option. */
  refresh?: RunInput;
}

/**
 * For each dataset folder in uploads: the run its current files make (newest data file, or the
 * manifest's set) and, when RETRAIN_FORCE_DAYS says the latest model is too old, a refresh run of
 * the same data. The timer starts whichever of these has no orchestration yet. Files rewritten by a
 * privacy request are ordered by their upload time, and the data they make is not run again as
 * `current` unless it was uploaded after the latest run's (that run's results were scrubbed with them).
 */
export async function planRetrains(store: BlobStore, now: Date, forceDays: number): Promise<RetrainCandidate[]> {
  const folders = new Map<string, ListedUpload[]>();
  for await (const blob of store.list(store.uploadsContainer, '')) {
    const slash = blob.name.indexOf('/');
    if (slash < 0) continue;
    const folder = blob.name.slice(0, slash);
    if (!datasetNamePattern.test(folder.toLowerCase())) continue;
    const list = folders.get(folder) ?? [];
    list.push({ name: blob.name.slice(slash + 1), etag: blob.etag, uploadedAt: uploadTimeOf(blob), privacyRewrite: isPrivacyRewrite(blob) });
    folders.set(folder, list);
  }
  const out: RetrainCandidate[] = [];
  for (const [folder, files] of folders) {
    const trigger = files.some((f) => f.name === 'manifest.json')
      ? 'manifest.json'
      : files.filter((f) => isDataFile(f.name)).sort((a, b) => b.uploadedAt.getTime() - a.uploadedAt.getTime())[0]?.name;
    if (!trigger) continue;
    const plan = await planRun(store, `${folder}/${trigger}`, {}, 'schedule');
    if (plan.kind !== 'start') continue;
    const latest = await store.readJson<LatestPointer>(store.resultsContainer, runPaths.latest(plan.input.dataset));
    const candidate: RetrainCandidate = { dataset: plan.input.dataset };
    if (!onlyRewrittenSince(plan.input, files, latest)) candidate.current = plan.input;
    if (forceDays > 0 && latest && now.getTime() - Date.parse(latest.completedAt) > forceDays * 86_400_000) {
      const refreshed = await planRun(store, `${folder}/${trigger}`, { refresh: now.toISOString().slice(0, 10) }, 'schedule');
      if (refreshed.kind === 'start') candidate.refresh = refreshed.input;
    }
    if (candidate.current || candidate.refresh) out.push(candidate);
  }
  return out;
}

interface ListedUpload {
  name: string;
  etag: string;
  uploadedAt: Date;
  privacyRewrite: boolean;
}

/**
 * Whether the files of `input` hold no upload newer than the latest run's inputs and at least one of
 * them is a privacy rewrite: the same data as that run's, less customers already removed from its results.
 */
function onlyRewrittenSince(input: RunInput, listed: ListedUpload[], latest: LatestPointer | undefined): boolean {
  if (!latest?.inputsUploadedAt || !input.inputsUploadedAt) return false;
  if (Date.parse(input.inputsUploadedAt) > Date.parse(latest.inputsUploadedAt)) return false;
  return input.files.some((f) => listed.some((l) => l.name === f.file && l.etag === f.etag && l.privacyRewrite));
}
