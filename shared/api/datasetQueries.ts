import { BlobStore } from '../storage/BlobStore';
import { runPaths, resultFiles } from '../pipeline/runPaths';
import { datasetNamePattern } from '../pipeline/uploadPath';

export interface DatasetSummary {
  dataset: string;
  latestRunId: string | null;
  completedAt: string | null;
}

/** Every dataset with results, and its latest completed run. */
export async function listDatasets(store: BlobStore): Promise<DatasetSummary[]> {
  const names = new Set<string>();
  for await (const item of store.container(store.resultsContainer).listBlobsByHierarchy('/')) {
    if (item.kind === 'prefix') {
      const name = item.name.replace(/\/$/, '');
      if (datasetNamePattern.test(name)) names.add(name);
    }
  }
  for await (const item of store.container(store.uploadsContainer).listBlobsByHierarchy('/')) {
    if (item.kind === 'prefix') {
      const name = item.name.replace(/\/$/, '').toLowerCase();
      if (datasetNamePattern.test(name)) names.add(name);
    }
  }
  const out: DatasetSummary[] = [];
  for (const dataset of [...names].sort()) {
    const latest = await store.readJson<{ runId: string; completedAt: string }>(store.resultsContainer, runPaths.latest(dataset));
    out.push({ dataset, latestRunId: latest?.runId ?? null, completedAt: latest?.completedAt ?? null });
  }
  return out;
}

export async function latestRunId(store: BlobStore, dataset: string): Promise<string | undefined> {
  const latest = await store.readJson<{ runId: string }>(store.resultsContainer, runPaths.latest(dataset));
  return latest?.runId;
}

/** Files a client may download from a run (never the hand-over files under _work/). */
export function isDownloadable(file: string): boolean {
  return (resultFiles as readonly string[]).includes(file) || file === 'error.json' || /^messages\/[A-Za-z0-9][A-Za-z0-9._-]{0,63}\.jsonl?$/.test(file);
}

/** What a client is told when a dataset name has the wrong shape. */
export const datasetNameRule =
  'A dataset is the folder name under uploads/: lower-case a-z, digits, ".", "_" and "-", starting with a letter or digit, at most 63 characters.';

/** Whether anything was ever uploaded to, or produced for, a dataset (to tell "unknown" from "no runs yet"). */
export async function datasetExists(store: BlobStore, dataset: string): Promise<boolean> {
  for (const container of [store.resultsContainer, store.uploadsContainer]) {
    for await (const _ of store.list(container, `${dataset}/`)) return true;
  }
  // Upload folders keep the case they were created with; dataset names are lower-cased on arrival.
  for await (const item of store.container(store.uploadsContainer).listBlobsByHierarchy('/')) {
    if (item.kind === 'prefix' && item.name.replace(/\/$/, '').toLowerCase() === dataset) return true;
  }
  return false;
}

export function isDatasetName(name: string): boolean {
  return datasetNamePattern.test(name);
}
