import { getSettings } from '../../config/settings';
import { IngestError } from '../../ingest/IngestError';
import { inferSchema } from '../../ingest/inferSchema';
import type { Manifest } from '../../ingest/manifestSchema';
import { readTable } from '../../ingest/readTable';
import { BlobStore } from '../../storage/BlobStore';
import { blobTableSource } from '../../storage/blobTableSource';
import { RunInput, StepResult } from '../RunInput';
import { WorkFiles } from './workFiles';

export interface ParsedDataset {
  rows: number;
  columns: number;
}

/** Reads the run's files into one customer table and infers what each column is. */
export async function parseDataset(store: BlobStore, input: RunInput): Promise<StepResult<ParsedDataset>> {
  const settings = getSettings();
  const manifest = input.manifest as Manifest | undefined;
  try {
    const file = input.files[0]!;
    const table = await readTable(blobTableSource(store, file), {
      maxFileBytes: settings.SEGMENTWISE_MAX_FILE_BYTES,
      maxColumns: settings.SEGMENTWISE_MAX_COLUMNS,
      sheet: manifest?.sheet,
    });
    const schema = inferSchema(table, manifest);
    await new WorkFiles(store, input).writeTable(table, schema);
    return { ok: true, rows: table.rowCount, columns: table.columns.length };
  } catch (err) {
    if (err instanceof IngestError) return { ok: false, problem: err.toJSON() };
    throw err;
  }
}
