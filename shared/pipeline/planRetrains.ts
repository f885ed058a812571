import { BlobStore } from '../storage/BlobStore';
import { RunInput } from './RunInput';
import { planRun } from './planRun';
import { runPaths } from './runPaths';
import { datasetNamePattern, isDataFile } from './uploadPath';

export interface RetrainCandidate {
  dataset: string;
  /** The run the dataset's current uploads make (the trigger would have started it). */
  current: RunInput;
  /** When the dataset's model is older than the forced-retrain age: the same data with a refresh option. */
  refresh?: RunInput;
}

/**
 * For each dataset folder in uploads: the run its current files make (newest data file, or the
 * manifest's set) and, when RETRAIN_FORCE_DAYS says the latest model is too old, a refresh run of
 * the same data. The timer starts whichever of these has no orchestration yet.
 */
export async function planRetrains(store: BlobStore, now: Date, forceDays: number): Promise<RetrainCandidate[]> {
  const folders = new Map<string, { name: string; lastModified: Date }[]>();
  for await (const blob of store.list(store.uploadsContainer, '')) {
    const slash = blob.name.indexOf('/');
    if (slash < 0) continue;
    const folder = blob.name.slice(0, slash);
    if (!datasetNamePattern.test(folder.toLowerCase())) continue;
    const list = folders.get(folder) ?? [];
    list.push({ name: blob.name.slice(slash + 1), lastModified: blob.lastModified });
    folders.set(folder, list);
  }
  const out: RetrainCandidate[] = [];
  for (const [folder, files] of folders) {
    const trigger = files.some((f) => f.name === 'manifest.json')
      ? 'manifest.json'
      : files.filter((f) => isDataFile(f.name)).sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime())[0]?.name;
    if (!trigger) continue;
    const plan = await planRun(store, `${folder}/${trigger}`);
    if (plan.kind !== 'start') continue;
    const candidate: RetrainCandidate = { dataset: plan.input.dataset, current: plan.input };
    if (forceDays > 0) {
      const latest = await store.readJson<{ completedAt: string }>(store.resultsContainer, runPaths.latest(plan.input.dataset));
      if (latest && now.getTime() - Date.parse(latest.completedAt) > forceDays * 86_400_000) {
        const refreshed = await planRun(store, `${folder}/${trigger}`, { refresh: now.toISOString().slice(0, 10) });
        if (refreshed.kind === 'start') candidate.refresh = refreshed.input;
      }
    }
    out.push(candidate);
  }
  return out;
}
