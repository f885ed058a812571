export type IngestErrorCode =
  | 'FILE_TOO_LARGE'
  | 'TARGET_MULTICLASS'
  | 'TARGET_POSITIVE_UNKNOWN'
  | 'DATE_FORMAT_UNCLEAR'
  | 'TOO_MANY_COLUMNS'
  | 'EMPTY_FILE'
  | 'HEADER_ONLY'
  | 'NO_NUMERIC_COLUMN'
  | 'UNSUPPORTED_FORMAT'
  | 'WRONG_FORMAT'
  | 'XLSX_ENCRYPTED'
  | 'XLSX_CORRUPT'
  | 'XLSX_UNSAFE'
  | 'SHEET_NOT_FOUND'
  | 'CSV_RAGGED_ROW'
  | 'CSV_MALFORMED'
  | 'CELL_TOO_LONG'
  | 'PARQUET_CORRUPT'
  | 'JSONL_MALFORMED'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_FILE_MISSING'
  | 'MANIFEST_KEY_MISSING'
  | 'COLUMN_NOT_FOUND'
  | 'NO_ROWS_LEFT';

export interface IngestErrorDetails {
  code: IngestErrorCode;
  file?: string;
  /** 1-based line (CSV, JSONL) or sheet row (XLSX) as a person sees it in an editor. */
  row?: number;
  column?: string;
  message: string;
  hint: string;
}

/** The body of results/<dataset>/<runId>/error.json (docs/CONTRACTS.md). */
export interface ErrorJson {
  runId?: string;
  dataset: string;
  file?: string;
  row?: number;
  column?: string;
  code: string;
  message: string;
  hint: string;
  at: string;
}

/** A problem with the uploaded data that the person who uploaded it can fix. */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly hint: string;

  constructor(details: IngestErrorDetails) {
    super(details.message);
    this.name = 'IngestError';
    this.code = details.code;
    this.file = details.file;
    this.row = details.row;
    this.column = details.column;
    this.hint = details.hint;
  }

  toJSON(): IngestErrorDetails {
    const out: IngestErrorDetails = { code: this.code, message: this.message, hint: this.hint };
    if (this.file !== undefined) out.file = this.file;
    if (this.row !== undefined) out.row = this.row;
    if (this.column !== undefined) out.column = this.column;
    return out;
  }

  toErrorJson(run: { dataset: string; runId?: string; at: string }): ErrorJson {
    const { code, message, hint, file, row, column } = this.toJSON();
    const out: ErrorJson = { dataset: run.dataset, code, message, hint, at: run.at };
    if (run.runId !== undefined) out.runId = run.runId;
    if (file !== undefined) out.file = file;
    if (row !== undefined) out.row = row;
    if (column !== undefined) out.column = column;
    return out;
  }
}

export function isIngestError(err: unknown): err is IngestError {
  return err instanceof IngestError;
}
