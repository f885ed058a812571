/** Where a dropped file belongs: `uploads/<dataset>/<file>`. */
export interface UploadPath {
  dataset: string;
  /** The file's name inside the dataset folder (may contain sub-folders). */
  file: string;
  /** The blob name inside the uploads container. */
  blobName: string;
}

export const datasetNamePattern = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export class UploadPathError extends Error {
  override name = 'UploadPathError';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

const dataExtensions = ['.xlsx', '.csv', '.tsv', '.txt', '.jsonl', '.ndjson', '.parquet', '.json'];

/**
 * Reads the dataset and file from a blob name in the uploads container. Dataset names are
 * lower-cased; names that could escape the folder or confuse a reader are refused.
 */
export function parseUploadPath(blobName: string): UploadPath {
  if (blobName.length > 1024) throw new UploadPathError('The blob name is longer than 1024 characters.', 'Use a shorter file name.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(blobName)) {
    throw new UploadPathError('The blob name contains control characters or backslashes.', 'Rename the file with plain characters.');
  }
  const parts = blobName.split('/');
  if (parts.length < 2 || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new UploadPathError(
      `"${blobName}" is not inside a dataset folder.`,
      'Upload files as uploads/<dataset>/<file>, for example uploads/telco/customers.csv.',
    );
  }
  const dataset = parts[0]!.normalize('NFC').toLowerCase();
  if (!datasetNamePattern.test(dataset)) {
    throw new UploadPathError(
      `"${parts[0]}" is not a valid dataset name.`,
      'Dataset folder names use lower-case letters a-z, digits, ".", "_" and "-", start with a letter or digit, and are at most 63 characters.',
    );
  }
  return { dataset, file: parts.slice(1).join('/'), blobName };
}

export function isManifest(file: string): boolean {
  return file === 'manifest.json';
}

export function isDataFile(file: string): boolean {
  const lower = file.toLowerCase();
  return !isManifest(file) && file !== 'offers.json' && dataExtensions.some((ext) => lower.endsWith(ext));
}
