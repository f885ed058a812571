import type { DatasetRoles } from '../roles/DatasetRoles';
import type { ColumnSchema, DropReason } from './Schema';
import type { TableReadInfo } from './Table';

/** The content of results/<dataset>/<runId>/quality.json. */
export interface QualityReport {
  /** Each file as it was read (format, encoding, delimiter, decimal mark, sheet, header row, number formats). */
  files: ({ name: string; role: string; rows: number; columns: number } & Partial<TableReadInfo>)[];
  rows: {
    /** Rows of the joined customer table before duplicates were removed. */
    input: number;
    /** Exact copies of an earlier row, collapsed into it. */
    duplicateRowsRemoved: number;
    /** Always 0: rows sharing an id are kept (see duplicateIds). Kept for readers of older files. */
    duplicateIdsRemoved: number;
    /** Rows whose id also appears on another, differing row (all kept). */
    rowsSharingAnId?: number;
    /** Rows that are identical except for the id (kept; often worth a look). */
    duplicatesIgnoringId: number;
    output: number;
  };
  /** Each column as the schema read it, with its figures. */
  columns: (Pick<ColumnSchema, 'name' | 'role' | 'kind' | 'missing' | 'missingShare' | 'distinct'> & {
    min?: number;
    median?: number;
    max?: number;
    /** Values with a robust z-score above 3.5. */
    outliers?: number;
    imputed?: { strategy: 'median' | 'most_frequent'; value: number | string; count: number };
  })[];
  dropped: { column: string; reason: DropReason; detail: string }[];
  /** Columns the service computed (pivoted, aggregated, from dates): a customer row for /api/score needs them. */
  derived: { column: string; from: string; how: string }[];
  /** Single values far outside the rest (robust z-score above 20), largest first. */
  implausible: { column: string; row: number; id: string | null; value: number; robustZ: number; median: number }[];
  joins: { file: string; unmatchedCustomers: number; keysWithoutCustomer: number }[];
  notes: string[];
  /** What each column was taken to be, with the evidence and the manifest line that changes it. */
  roles?: DatasetRoles;
  /** Columns kept out of the model, and why (ids, consent, leakage, the manifest's exclude …). */
  excluded?: { column: string; reason: string }[];
  /** Ids on more than one differing row, with their 1-based rows in the joined customer table. */
  duplicateIds?: { id: string; rows: number[] }[];
  /** What a person should check before acting on the run (how the data was read, a too-good model). */
  warnings?: string[];
}
