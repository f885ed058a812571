import type { IngestErrorCode } from '../../shared/ingest/IngestError';

export type InputKind = 'csv' | 'xlsx' | 'jsonl';

/** A file to push through ingestion, reproducible from the run's seed and its index. */
export interface FuzzCase {
  index: number;
  /** What was done to which base input, e.g. "byte flips (7) of generated customers.xlsx". */
  name: string;
  /** The upload's file name (its extension picks the reader). */
  file: string;
  bytes: Buffer;
  /** What a correct ingestion must end in; "either" for random mutations. */
  expect: 'completed' | 'reported' | 'either';
  /** For crafted inputs: the error codes that count as the right report. */
  expectCodes?: IngestErrorCode[];
}

/** A valid input that mutations start from. */
export interface BaseInput {
  name: string;
  file: string;
  kind: InputKind;
  bytes: Buffer;
}

export type OutcomeClass = 'completed' | 'reported' | 'crash' | 'hang';

/** How one case ended, as the isolated runner saw it. */
export interface CaseOutcome {
  index: number;
  name: string;
  file: string;
  bytes: number;
  outcome: OutcomeClass;
  /** The IngestError code for "reported". */
  code?: string;
  /** Error message, crash reason or (for "completed") a short description of the table. */
  detail: string;
  ms: number;
  /** Resident memory of the isolated process after the case (MiB). */
  rssMb: number;
  /** Why the outcome does not satisfy the case, when it does not. */
  problem?: string;
}
