import { quoteInput } from '../http/quoteInput';

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

/**
 * Characters that make a name read differently from what it is: C0/C1 controls, backslashes (a
 * path separator elsewhere), zero-width and direction-changing marks (a right-to-left override
 * can make "gpj.csv" display as "vsc.jpg"), byte-order marks, non-characters and lone surrogates.
 */
// eslint-disable-next-line no-control-regex
const invisibleOrControl = /[\u0000-\u001f\u007f-\u009f\\\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff0-\uffff]|[\ud800-\udfff]/u;

const dataExtensions = ['.xlsx', '.csv', '.tsv', '.txt', '.jsonl', '.ndjson', '.parquet', '.json'];

/**
 * Reads the dataset and file from a blob name in the uploads container. Dataset names are
 * lower-cased; names that could escape the folder or confuse a reader are refused.
 */
export function parseUploadPath(blobName: string): UploadPath {
  if (blobName.length > 1024) throw new UploadPathError('The blob name is longer than 1024 characters.', 'Use a shorter file name.');
  if (invisibleOrControl.test(blobName)) {
    throw new UploadPathError(
      'The blob name contains control, invisible or direction-changing characters, or a backslash.',
      'Rename the file with visible characters only (letters, digits, spaces, ".", "_", "-").',
    );
  }
  const parts = blobName.split('/');
  if (parts.length < 2 || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new UploadPathError(
      `${quoteInput(blobName, 120)} is not inside a dataset folder.`,
      'Upload files as uploads/<dataset>/<file>, for example uploads/telco/customers.csv.',
    );
  }
  const dataset = parts[0]!.normalize('NFC').toLowerCase();
  if (!datasetNamePattern.test(dataset)) {
    const foreign = [...dataset].find((c) => !/[a-z0-9._-]/.test(c));
    const why = foreign && /[^\x00-\x7f]/.test(foreign)
      ? ` It contains ${quoteInput(foreign)} (U+${foreign.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}), which is not a plain a-z letter or digit (look-alike letters from other alphabets are not accepted).`
      : '';
    throw new UploadPathError(
      `${quoteInput(parts[0], 80)} is not a valid dataset name.${why}`,
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
  // offers.json and suppress.csv (the offer catalogue and the suppression list) are read by messages, never run.
  return !isManifest(file) && file !== 'offers.json' && lower !== 'suppress.csv' && dataExtensions.some((ext) => lower.endsWith(ext));
}
