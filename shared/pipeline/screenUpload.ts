import { createHash } from 'node:crypto';
import { formatBytes } from '../ingest/openSourceStream';
import { runPaths } from './runPaths';
import { isManifest, parseUploadPath, UploadPathError } from './uploadPath';

/** The most a manifest.json may hold: it is read whole, and a real one is a few hundred bytes. */
export const maxManifestBytes = 1024 * 1024;

export interface UploadRefusal {
  errorBlob: string;
  error: Record<string, unknown>;
}

/**
 * Decides from an upload's name and size alone, before a single byte of it is read, whether it is
 * too large to take. The blob trigger asks this first, so an oversized file costs one metadata call,
 * never a download. Names that are not uploads/<dataset>/<file> pass here and are refused by
 * planRun, which checks the name before it reads anything either.
 */
export function screenUpload(blobName: string, size: number, maxFileBytes: number, at = new Date()): UploadRefusal | undefined {
  let dataset: string;
  let file: string;
  try {
    ({ dataset, file } = parseUploadPath(blobName));
  } catch (err) {
    if (err instanceof UploadPathError) return undefined;
    throw err;
  }
  const limit = isManifest(file) ? Math.min(maxManifestBytes, maxFileBytes) : maxFileBytes;
  if (size <= limit) return undefined;
  const key = createHash('sha256').update(`${blobName}\n${size}`).digest('hex').slice(0, 16);
  return {
    errorBlob: runPaths.rejected(key),
    error: {
      dataset,
      file,
      code: isManifest(file) ? 'MANIFEST_TOO_LARGE' : 'FILE_TOO_LARGE',
      message: `${file} is ${formatBytes(size)}; the largest ${isManifest(file) ? 'manifest.json' : 'upload'} accepted is ${formatBytes(limit)}.`,
      hint: isManifest(file)
        ? 'A manifest.json only names files and options; check that the right file was uploaded under that name.'
        : 'Split it into smaller files listed in a manifest.json, convert it to .parquet, or raise SEGMENTWISE_MAX_FILE_BYTES.',
      at: at.toISOString(),
    },
  };
}
