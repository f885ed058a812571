import type { Readable } from 'node:stream';

/** Numbers and dates are stored as Float64Array (dates as epoch milliseconds, UTC); NaN marks a missing value. */
export interface NumericColumn {
  name: string;
  kind: 'number';
  values: Float64Array;
  /**
   * The cell text of rows whose number does not write back the same way ("0001", "+5", a 20-digit
   * code, "15291.0"), by row: an id column is given back exactly as uploaded (features/exactText.ts).
   */
  texts?: Map<number, string>;
}

export interface DateColumn {
  name: string;
  kind: 'date';
  values: Float64Array;
}

export interface StringColumn {
  name: string;
  kind: 'string';
  values: (string | null)[];
}

export type Column = NumericColumn | DateColumn | StringColumn;

/** A columnar table read from one file (or derived from several). */
export interface Table {
  /** The file name the table came from, or a description of how it was derived. */
  name: string;
  columns: Column[];
  rowCount: number;
  /** How the file was read, for quality.json and for error messages. */
  source?: TableReadInfo;
}

export interface TableReadInfo {
  format: 'csv' | 'xlsx' | 'parquet' | 'jsonl';
  encoding?: string;
  delimiter?: string;
  decimal?: string;
  sheet?: string;
  /** 1-based row of the header in the sheet or file. */
  headerRow?: number;
  bytes?: number;
  /**
   * Columns holding cells that read differently under the two decimal marks ("4,800"), with the mark
   * each column's own cells decided and why (quality.json `files[].numberFormats`).
   */
  numberFormats?: { column: string; decimal: '.' | ','; ambiguousCells: number; example: string; evidence: string }[];
}

/**
 * Where a file's bytes come from: a blob download, a local file, a buffer in a test.
 * `readRange` (inclusive start, exclusive end) lets Parquet be read without buffering the file.
 */
export interface TableSource {
  name: string;
  size?: number;
  open(): Promise<NodeJS.ReadableStream | Readable> | NodeJS.ReadableStream | Readable;
  readRange?(start: number, end: number): Promise<Uint8Array>;
}

export interface ReadTableOptions {
  /** Largest file accepted, in bytes (default 1 GiB). */
  maxFileBytes?: number;
  /** Most columns accepted (default 2,000). */
  maxColumns?: number;
  /** XLSX sheet to read; default: the sheet with the most data rows. */
  sheet?: string;
  /** Parquet files without `readRange` are buffered up to this size (default 512 MiB). */
  maxBufferedParquetBytes?: number;
  /** Force a CSV delimiter or decimal mark instead of detecting them. */
  delimiter?: string;
  decimal?: '.' | ',';
  /** Force a text encoding (an iconv-lite name) instead of detecting it. */
  encoding?: string;
  /** Longest cell accepted, in characters (default 32,767, Excel's own limit). */
  maxCellChars?: number;
  /** XLSX files up to this size are read into memory once and checked there (default 256 MiB); larger ones need `readRange`. */
  maxBufferedXlsxBytes?: number;
  /** Most bytes an XLSX workbook's parts may expand to, together (default 2 GiB). */
  maxXlsxExpandedBytes?: number;
}

export const defaultReadTableOptions = {
  maxFileBytes: 1024 ** 3,
  maxColumns: 2000,
  maxBufferedParquetBytes: 512 * 1024 ** 2,
  maxCellChars: 32_767,
  maxBufferedXlsxBytes: 256 * 1024 ** 2,
  maxXlsxExpandedBytes: 2 * 1024 ** 3,
} as const;

/** Longest CSV record or JSON line accepted, in characters: bounds what one line can hold in memory. */
export const maxRecordChars = 8 * 1024 * 1024;

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}
