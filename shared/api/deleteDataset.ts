import { getSettings } from '../config/settings';
import { deleteBlobs } from '../pipeline/cleanupRunWork';
import { BlobStore } from '../storage/BlobStore';
import { datasetExists } from './datasetQueries';
import { isRunId } from './isRunInstanceId';

/** What a deletion needs to wait for, or what it did. */
export type DatasetDeletion =
  | { kind: 'notFound' }
  | { kind: 'inProgress'; instances: string[] }
  | { kind: 'deleted'; removed: DatasetRemoved };

export interface DatasetRemoved {
  /** Uploads and files dropped for scoring, as `<container>/<blob>`. */
  uploads: string[];
  /** Runs whose folders went. */
  runs: string[];
  /** Blobs removed from the results container, hand-over files (`_work/`) counted apart. */
  resultFiles: number;
  workFiles: number;
  /** Message requests whose lookup entry (`_messages/<requestId>.json`) went. */
  messageRequests: number;
  bytes: number;
}

/** A dataset's folders in a drop container: folders keep the case they were created with, names are lower-cased on arrival. */
export async function datasetFolders(store: BlobStore, container: string, dataset: string): Promise<string[]> {
  const out: string[] = [];
  for await (const item of store.container(container).listBlobsByHierarchy('/')) {
    if (item.kind === 'prefix' && item.name.replace(/\/$/, '').toLowerCase() === dataset) out.push(item.name);
  }
  return out;
}

/**
 * Removes everything of a dataset: its uploads and scoring drops (first, so no new run starts from
 * them), every run's results, messages and hand-over files, batch scores, latest.json, the contact
 * ledger and privacy records under `results/<dataset>/`, and the lookup entries of its message requests. Refused while a run or
 * message request of the dataset is in progress (it would write again); a second call finds nothing.
 */
export async function deleteDataset(store: BlobStore, dataset: string, inProgress: ReadonlySet<string>, scoringContainer = getSettings().SEGMENTWISE_SCORING_CONTAINER): Promise<DatasetDeletion> {
  if (!(await datasetExists(store, dataset))) return { kind: 'notFound' };
  if (inProgress.size > 0) return { kind: 'inProgress', instances: [...inProgress].sort() };

  // Uploads, and files dropped for scoring: both hold the dataset's customers.
  const dropped: { container: string; name: string; size: number }[] = [];
  for (const container of [store.uploadsContainer, scoringContainer]) {
    if (!(await store.container(container).exists())) continue;
    for (const folder of await datasetFolders(store, container, dataset)) {
      for await (const blob of store.list(container, folder)) dropped.push({ container, name: blob.name, size: blob.size });
    }
  }
  let droppedBytes = 0;
  for (const container of [store.uploadsContainer, scoringContainer]) {
    droppedBytes += (await deleteBlobs(store, container, dropped.filter((d) => d.container === container))).bytes;
  }

  const results: { name: string; size: number }[] = [];
  const runs = new Set<string>();
  let workFiles = 0;
  for await (const blob of store.list(store.resultsContainer, `${dataset}/`)) {
    results.push(blob);
    const [, runId, next] = blob.name.split('/');
    if (runId && isRunId(runId)) runs.add(runId);
    if (next === '_work') workFiles++;
  }
  const removedResults = await deleteBlobs(store, store.resultsContainer, results);

  let messageRequests = 0;
  for await (const blob of store.list(store.resultsContainer, '_messages/')) {
    const entry = await store.readJson<{ dataset?: string }>(store.resultsContainer, blob.name);
    if (entry?.dataset !== dataset) continue;
    await store.delete(store.resultsContainer, blob.name);
    messageRequests++;
  }
  return {
    kind: 'deleted',
    removed: {
      uploads: dropped.map((d) => `${d.container}/${d.name}`),
      runs: [...runs].sort(),
      resultFiles: results.length - workFiles,
      workFiles,
      messageRequests,
      bytes: droppedBytes + removedResults.bytes,
    },
  };
}
