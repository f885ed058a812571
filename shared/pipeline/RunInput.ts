import type { Manifest } from '../ingest/manifestSchema';

/** One file of a run, pinned to the version (ETag) that was hashed into its runId. */
export interface RunFile {
  /** Blob name in the uploads container: `<dataset>/<file>`. */
  blobName: string;
  /** The file's name inside the dataset folder. */
  file: string;
  etag: string;
  size: number;
  /** When this version of the file was uploaded (the blob's last-modified time). */
  uploadedAt?: string;
}

/** Options that shape a run (and so its runId). */
export interface RunOptions {
  k?: number;
  kRange?: [number, number];
  seed: number;
  /** Set by the timer when a model is re-trained on unchanged data (gives a new runId). */
  refresh?: string;
}

/** What the orchestration is started with; everything else travels as blob references. */
export interface RunInput {
  dataset: string;
  runId: string;
  files: RunFile[];
  /**
   * The dataset's manifest.json as it was when the run started, validated, when there is one. Every
   * step and every reader of the run's results takes the options from here, never from the manifest
   * uploaded since.
   */
  manifest?: Manifest;
  options: RunOptions;
  /** How to run, not what to compute (so not part of the runId): above this many rows k-means fans out over partitions. */
  partitionRows: number;
  /**
   * Upload time of the newest of the run's files and its manifest.json: which of two runs holds the
   * newer data, so latest.json only moves forward. Absent on runs started before it was recorded.
   */
  inputsUploadedAt?: string;
  /** The run `latest.json` pointed to when this run started (for drift.json). */
  previousRunId?: string;
  startedAt: string;
}

/** A problem with the data that the uploader can fix: reported in error.json, never retried. */
export interface RunProblem {
  code: string;
  message: string;
  hint: string;
  file?: string;
  row?: number;
  column?: string;
}

export type StepResult<T> = ({ ok: true } & T) | { ok: false; problem: RunProblem };
