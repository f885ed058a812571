import { IngestError } from '../ingest/IngestError';
import type { Manifest } from '../ingest/manifestSchema';
import { filesNamedBy } from '../ingest/filesNamedBy';
import { parseManifest } from '../ingest/parseManifest';
import { BlobStore } from '../storage/BlobStore';
import { isDataFile, isManifest, type UploadPath } from './uploadPath';
import { isPrivacyRewrite, uploadTimeOf } from './uploadTime';

/** A blob of a dataset folder, at the version (ETag) that was listed. */
export interface DroppedBlob {
  blobName: string;
  /** The name inside the dataset folder. */
  file: string;
  etag: string;
  size: number;
  lastModified: Date;
  /** When the file was uploaded: its last-modified time, unless a privacy rewrite kept the earlier one. */
  uploadedAt: Date;
  /** This version was written by a privacy request, not uploaded. */
  privacyRewrite: boolean;
}

/**
 * Why the files are being collected: a blob `arrived` (a trigger), or a `schedule` looks at what the
 * folder holds (the retrain timer), which reads privacy rewrites as the data they now are.
 */
export type DropArrival = 'arrived' | 'schedule';

export type DropFiles =
  | { kind: 'ready'; dataset: string; manifest?: Manifest; manifestBlob?: DroppedBlob; files: DroppedBlob[] }
  | { kind: 'wait'; dataset: string; reason: string }
  | { kind: 'ignore'; reason: string }
  | { kind: 'invalidManifest'; dataset: string; error: IngestError; text: string };

/**
 * Which files a blob arriving in `<container>/<dataset>/` completes: without a manifest.json, the
 * data file itself; with one, every file it names once all are present (whichever arrives last), or
 * only the arriving file when the manifest names none. Uploads (runs) and scoring drops decide alike.
 * A blob that arrives because a privacy request rewrote it completes nothing: what it would start was
 * scrubbed by that request.
 */
export async function collectDropFiles(store: BlobStore, container: string, upload: UploadPath, arrival: DropArrival = 'arrived'): Promise<DropFiles> {
  const { dataset, blobName } = upload;
  const folder = blobName.slice(0, blobName.indexOf('/') + 1);
  const present = new Map<string, DroppedBlob>();
  for await (const blob of store.list(container, folder)) {
    const file = blob.name.slice(folder.length);
    present.set(file, { blobName: blob.name, file, etag: blob.etag, size: blob.size, lastModified: blob.lastModified, uploadedAt: uploadTimeOf(blob), privacyRewrite: isPrivacyRewrite(blob) });
  }
  const arriving = present.get(upload.file);
  if (arrival === 'arrived' && arriving?.privacyRewrite) {
    return { kind: 'ignore', reason: `${upload.file} was rewritten by a privacy request, which removed the customer from the results too; no run starts for it.` };
  }

  let manifest: Manifest | undefined;
  let names: string[];
  const manifestBlob = present.get('manifest.json');
  if (manifestBlob) {
    const text = (await store.readBuffer(container, manifestBlob.blobName)).toString('utf8');
    try {
      manifest = parseManifest(text, 'manifest.json');
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      return { kind: 'invalidManifest', dataset, error: err, text };
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
  return { kind: 'ready', dataset, manifest, manifestBlob, files: names.map((n) => present.get(n)!) };
}
