import { createHash } from 'node:crypto';
import { canonicalKey } from '../features/keyValues';
import { IngestError } from '../ingest/IngestError';
import type { Manifest } from '../ingest/manifestSchema';
import { parseManifest } from '../ingest/parseManifest';
import { groupRunFolders, type StoredBlob } from '../pipeline/cleanupPlan';
import { deleteBlobs } from '../pipeline/cleanupRunWork';
import type { LatestPointer } from '../pipeline/publishLatest';
import { runPaths } from '../pipeline/runPaths';
import { getSettings } from '../config/settings';
import { BlobStore } from '../storage/BlobStore';
import { datasetExists } from './datasetQueries';
import { datasetFolders } from './deleteDataset';
import { forgetInRun } from './forgetInRun';
import { forgetInScores } from './forgetInScores';
import { FileChange, FileLeft, forgetInUploads } from './forgetInUploads';

/**
 * `results/<dataset>/_privacy/<time>-<hash>.json`: what a privacy request removed. It never holds the
 * id itself, only its SHA-256, so the record proves a request was carried out without keeping whom.
 */
export interface PrivacyRecord {
  dataset: string;
  customerIdSha256: string;
  requestedAt: string;
  completedAt: string;
  /** Every file rewritten without the customer, and how many rows or entries went from each. */
  removed: FileChange[];
  /** Hand-over files (`_work/`) deleted: they hold whole customer tables. */
  workFilesRemoved: number;
  /** Files that may hold the customer and were left as they are, with what to do. */
  notRewritten: FileLeft[];
  notes: string[];
}

export type CustomerErasure =
  | { kind: 'notFound' }
  | { kind: 'inProgress'; instances: string[] }
  | { kind: 'done'; record: PrivacyRecord; recordFile: string | null };

/** Where the dataset's privacy records are kept. */
export const privacyFolder = (dataset: string) => `${dataset}/_privacy/`;

const notes = [
  'model.json keeps no customer rows: centroids, scaling, encoders and model weights are aggregates over all customers. Uploads rewritten without the customer keep their upload time and start no run: every result that held the customer was rewritten in this request. The next run of the dataset (a new upload, or a scheduled retrain) learns from the remaining customers only.',
  'uploads/<dataset>/suppress.csv and the SEGMENTWISE_SUPPRESSION_FILE list are kept as they are: they say whom never to message.',
];

/**
 * Removes one customer from a dataset: its CSV and JSONL uploads and scoring drops, every run's
 * per-customer results and message files, batch scores, the contact ledger of the frequency cap, and
 * every run's hand-over files. The
 * id is the id as uploaded: results match it exactly; uploads of a manifest's joined files match it
 * as the join does (canonicalKey: `0015291`, `15291.0` and `15291` are one customer there).
 * Refused while a run or message request of the dataset is in progress; a repeated request finds
 * nothing more to remove and writes no record.
 */
export async function forgetCustomer(
  store: BlobStore,
  dataset: string,
  id: string,
  inProgress: ReadonlySet<string>,
  now: () => Date = () => new Date(),
  scoringContainer = getSettings().SEGMENTWISE_SCORING_CONTAINER,
): Promise<CustomerErasure> {
  if (!(await datasetExists(store, dataset))) return { kind: 'notFound' };
  if (inProgress.size > 0) return { kind: 'inProgress', instances: [...inProgress].sort() };
  const requestedAt = now().toISOString();
  const container = store.resultsContainer;

  const folders = await datasetFolders(store, store.uploadsContainer, dataset);
  const manifest = await uploadedManifest(store, folders);
  const idColumn = await runIdColumn(store, dataset);
  const joined = Boolean(manifest?.files?.length);
  const wanted = canonicalKey(id);
  const rules = {
    rewrittenAt: new Date(requestedAt),
    idColumn: (file: string) => manifest?.files?.find((f) => f.name === file)?.id ?? manifest?.id ?? idColumn,
    matches: joined ? (cell: string) => canonicalKey(cell) === wanted : (cell: string) => cell === id,
  };
  const uploads = await forgetInUploads(store, { container: store.uploadsContainer, folders, ...rules });
  // Files dropped to be scored hold customers in the same columns.
  const drops = (await store.container(scoringContainer).exists())
    ? await forgetInUploads(store, { container: scoringContainer, folders: await datasetFolders(store, scoringContainer, dataset), ...rules })
    : { changed: [], left: [] };

  const blobs: StoredBlob[] = [];
  for await (const blob of store.list(container, `${dataset}/`)) blobs.push(blob);
  const removed: FileChange[] = [...uploads.changed, ...drops.changed];
  let workFilesRemoved = 0;
  for (const run of groupRunFolders(blobs)) {
    for (const change of await forgetInRun(store, dataset, run.runId, run.blobs.map((b) => b.name), id)) removed.push(change);
    const work = run.work.flatMap((unit) => unit.blobs);
    workFilesRemoved += (await deleteBlobs(store, container, work)).blobs;
  }
  for (const change of await forgetInScores(store, dataset, blobs.map((b) => b.name), id)) removed.push(change);
  for (const blob of blobs) {
    if (!blob.name.startsWith(`${dataset}/_contacts/`)) continue;
    for (const change of await forgetInLedger(store, blob.name, id)) removed.push(change);
  }

  const record: PrivacyRecord = {
    dataset,
    customerIdSha256: createHash('sha256').update(id, 'utf8').digest('hex'),
    requestedAt,
    completedAt: now().toISOString(),
    removed,
    workFilesRemoved,
    notRewritten: [...uploads.left, ...drops.left],
    notes,
  };
  if (removed.length === 0 && workFilesRemoved === 0) return { kind: 'done', record, recordFile: null };
  const recordName = `${privacyFolder(dataset)}${requestedAt.replace(/[:.]/g, '-')}-${record.customerIdSha256.slice(0, 16)}.json`;
  await store.writeJson(container, recordName, record);
  return { kind: 'done', record, recordFile: `${container}/${recordName}` };
}

/** The dataset's uploaded manifest.json, when it has a valid one (it names each file's id column). */
async function uploadedManifest(store: BlobStore, folders: string[]): Promise<Manifest | undefined> {
  for (const folder of folders) {
    const info = await store.info(store.uploadsContainer, `${folder}manifest.json`);
    if (!info) continue;
    try {
      return parseManifest(await store.readBuffer(store.uploadsContainer, info.name));
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
    }
  }
  return undefined;
}

/** The id column the latest run read (quality.json roles), when the data has one. */
async function runIdColumn(store: BlobStore, dataset: string): Promise<string | undefined> {
  const latest = await store.readJson<LatestPointer>(store.resultsContainer, runPaths.latest(dataset));
  if (!latest) return undefined;
  const quality = await store.readJson<{ roles?: { id?: { column?: string | null } } }>(store.resultsContainer, runPaths.file(dataset, latest.runId, 'quality.json'));
  return quality?.roles?.id?.column ?? undefined;
}

/** The frequency cap's ledger `{ "<customerId>": "<approved at>" }` without the customer. */
async function forgetInLedger(store: BlobStore, name: string, id: string): Promise<FileChange[]> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await store.readJsonVersion<Record<string, string>>(store.resultsContainer, name);
    if (!current || !Object.hasOwn(current.value, id)) return [];
    const { [id]: _removed, ...rest } = current.value;
    if (await store.writeJsonIfUnchanged(store.resultsContainer, name, rest, current.etag)) return [{ file: `${store.resultsContainer}/${name}`, removed: 1 }];
  }
  throw new Error(`${name} kept changing while the customer was removed from it; repeat the request.`);
}
