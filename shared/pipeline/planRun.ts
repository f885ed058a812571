import { createHash } from 'node:crypto';
import { getSettings } from '../config/settings';
import { IngestError } from '../ingest/IngestError';
import type { Manifest } from '../ingest/manifestSchema';
import { filesNamedBy } from '../ingest/filesNamedBy';
import { parseManifest } from '../ingest/parseManifest';
import { BlobStore } from '../storage/BlobStore';
import { RunFile, RunInput, RunOptions } from './RunInput';
import { runPaths } from './runPaths';
import { computeRunId } from './runIdentity';
import { UploadPathError, isDataFile, isManifest, parseUploadPath } from './uploadPath';

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
 */
export async function planRun(store: BlobStore, blobName: string, extraOptions: Partial<RunOptions> = {}): Promise<RunPlan> {
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
  const { dataset } = upload;
  const folder = blobName.slice(0, blobName.indexOf('/') + 1);
  const present = new Map<string, { etag: string; size: number; blobName: string; lastModified: Date }>();
  for await (const blob of store.list(store.uploadsContainer, folder)) {
    present.set(blob.name.slice(folder.length), { etag: blob.etag, size: blob.size, blobName: blob.name, lastModified: blob.lastModified });
  }

  let manifest: Manifest | undefined;
  let names: string[];
  const manifestBlob = present.get('manifest.json');
  if (manifestBlob) {
    const text = (await store.readBuffer(store.uploadsContainer, manifestBlob.blobName)).toString('utf8');
    try {
      manifest = parseManifest(text, 'manifest.json');
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      // No run can start; the failed attempt is identified by the manifest's own bytes.
      const runId = createHash('sha256').update(`file:manifest.json\n${text}\n`).digest('hex').slice(0, 16);
      return {
        kind: 'reject',
        errorBlob: runPaths.file(dataset, runId, 'error.json'),
        error: { ...err.toErrorJson({ dataset, runId, at: new Date().toISOString() }) },
      };
    }
    names = filesNamedBy(manifest);
    if (names.length === 0) {
      // A manifest that only sets options applies to the file that arrived.
      if (!isDataFile(upload.file)) return { kind: 'ignore', reason: `${upload.file} is not a data file.` };
      names = [upload.file];
    } else if (!isManifest(upload.file) && !names.includes(upload.file)) {
      return { kind: 'ignore', reason: `${upload.file} is not one of the files manifest.json names.` };
    }
    const missing = names.filter((n) => !present.has(n));
    if (missing.length > 0) {
      return { kind: 'wait', dataset, reason: `waiting for ${missing.join(', ')} (named in manifest.json)` };
    }
  } else {
    if (!isDataFile(upload.file)) return { kind: 'ignore', reason: `${upload.file} is not a data file.` };
    if (!present.has(upload.file)) return { kind: 'ignore', reason: `${upload.file} is no longer there.` };
    names = [upload.file];
  }

  const files: RunFile[] = names.map((file) => {
    const p = present.get(file)!;
    return { blobName: p.blobName, file, etag: p.etag, size: p.size, uploadedAt: p.lastModified.toISOString() };
  });
  const inputsUploadedAt = newestUpload([...names.map((n) => present.get(n)!), ...(manifestBlob ? [manifestBlob] : [])]);
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

/** The last-modified time of the most recently uploaded of these blobs. */
function newestUpload(blobs: { lastModified: Date }[]): string {
  let newest = 0;
  for (const b of blobs) newest = Math.max(newest, b.lastModified.getTime());
  return new Date(newest).toISOString();
}
