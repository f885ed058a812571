import { createHash } from 'node:crypto';
import { getSettings } from '../config/settings';
import { BlobStore } from '../storage/BlobStore';
import { collectDropFiles, type DropArrival } from './collectDropFiles';
import { RunFile, RunInput, RunOptions } from './RunInput';
import { runPaths } from './runPaths';
import { computeRunId } from './runIdentity';
import { UploadPathError, parseUploadPath } from './uploadPath';

export type RunPlan =
  | { kind: 'start'; input: RunInput }
  | { kind: 'wait'; dataset: string; reason: string }
  | { kind: 'ignore'; reason: string }
  | { kind: 'reject'; errorBlob: string; error: Record<string, unknown> };

/** The seed every run uses unless its manifest says otherwise: runs are reproducible. */
export const defaultSeed = 42;

/**
 * Decides what an arriving upload starts. Without a manifest, a data file is a run of its own; with
 * one, the run starts when the manifest and every file it names are present, whichever arrives last.
 * The runId is computed here, from the bytes of those exact blob versions (their ETags are pinned).
 * Upload times are the files' own (uploadTime.ts), so a privacy rewrite does not make data newer.
 */
export async function planRun(store: BlobStore, blobName: string, extraOptions: Partial<RunOptions> = {}, arrival: DropArrival = 'arrived'): Promise<RunPlan> {
  let upload;
  try {
    upload = parseUploadPath(blobName);
  } catch (err) {
    if (!(err instanceof UploadPathError)) throw err;
    const key = createHash('sha256').update(blobName).digest('hex').slice(0, 16);
    return {
      kind: 'reject',
      errorBlob: runPaths.rejected(key),
      error: { dataset: '_rejected', file: blobName, code: 'INVALID_PATH', message: err.message, hint: err.hint, at: new Date().toISOString() },
    };
  }
  const drop = await collectDropFiles(store, store.uploadsContainer, upload, arrival);
  if (drop.kind === 'invalidManifest') {
    // No run can start; the failed attempt is identified by the manifest's own bytes.
    const runId = createHash('sha256').update(`file:manifest.json\n${drop.text}\n`).digest('hex').slice(0, 16);
    return {
      kind: 'reject',
      errorBlob: runPaths.file(drop.dataset, runId, 'error.json'),
      error: { ...drop.error.toErrorJson({ dataset: drop.dataset, runId, at: new Date().toISOString() }) },
    };
  }
  if (drop.kind !== 'ready') return drop;
  const { dataset, manifest, manifestBlob } = drop;

  const files: RunFile[] = drop.files.map((p) => ({ blobName: p.blobName, file: p.file, etag: p.etag, size: p.size, uploadedAt: p.uploadedAt.toISOString() }));
  const inputsUploadedAt = newestUpload([...drop.files, ...(manifestBlob ? [manifestBlob] : [])]);
  const options: RunOptions = {
    seed: defaultSeed,
    ...(manifest?.k ? { k: manifest.k } : {}),
    ...(manifest?.kRange ? { kRange: manifest.kRange as [number, number] } : {}),
    ...extraOptions,
  };
  const runId = await computeRunId(
    files.map((f) => ({ name: f.file, open: () => store.openRead(store.uploadsContainer, f.blobName, f.etag) })),
    // The dataset is part of the identity: the same file dropped into two datasets makes two runs.
    { dataset, options, manifest: manifest ?? null },
  );
  const latest = await store.readJson<{ runId: string }>(store.resultsContainer, runPaths.latest(dataset));
  return {
    kind: 'start',
    input: {
      dataset,
      runId,
      files,
      manifest,
      options,
      partitionRows: getSettings().SEGMENTWISE_PARTITION_ROWS,
      inputsUploadedAt,
      previousRunId: latest?.runId && latest.runId !== runId ? latest.runId : undefined,
      startedAt: new Date().toISOString(),
    },
  };
}

/** The upload time of the most recently uploaded of these blobs. */
function newestUpload(blobs: { uploadedAt: Date }[]): string {
  let newest = 0;
  for (const b of blobs) newest = Math.max(newest, b.uploadedAt.getTime());
  return new Date(newest).toISOString();
}
