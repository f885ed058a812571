import { getSettings } from '../../config/settings';
import { IngestError } from '../../ingest/IngestError';
import { buildCustomerTable } from '../../features/buildCustomerTable';
import { BlobStore } from '../../storage/BlobStore';
import { blobTableSource } from '../../storage/blobTableSource';
import { RunInput, StepResult } from '../RunInput';
import { runPaths } from '../runPaths';
import { WorkFiles } from './workFiles';

export interface ParsedDataset {
  rows: number;
  columns: number;
  idColumn: string | null;
  target: string | null;
}

/**
 * Reads the run's files (joined, pivoted, aggregated as the manifest says) into one customer table,
 * infers what each column is and writes quality.json. Problems with the data come back as a
 * RunProblem for error.json; they are not worth retrying.
 */
export async function parseDataset(store: BlobStore, input: RunInput): Promise<StepResult<ParsedDataset>> {
  const settings = getSettings();
  try {
    const loaded = await buildCustomerTable(
      input.files.map((f) => blobTableSource(store, f)),
      input.manifest,
      { maxFileBytes: settings.SEGMENTWISE_MAX_FILE_BYTES, maxColumns: settings.SEGMENTWISE_MAX_COLUMNS, seed: input.options.seed },
    );
    const work = new WorkFiles(store, input);
    await work.writeTable(loaded.table, loaded.schema);
    await work.writeJson('recipe.json', loaded.recipe);
    if (loaded.customerValue) await work.writeCustomerValue(loaded.customerValue);
    await store.writeJson(store.resultsContainer, runPaths.file(input.dataset, input.runId, 'quality.json'), loaded.quality);
    return {
      ok: true,
      rows: loaded.table.rowCount,
      columns: loaded.table.columns.length,
      idColumn: loaded.schema.id,
      target: loaded.schema.target?.column ?? null,
    };
  } catch (err) {
    if (err instanceof IngestError) return { ok: false, problem: err.toJSON() };
    if (isReplacedBeforeRead(err)) return { ok: false, problem: replacedUpload };
    throw err;
  }
}

/**
 * The run reads each file at the version it was started for (its ETag); storage refuses that read
 * (412) once a newer upload has replaced the file. That newer upload starts its own run, so this
 * one ends with a problem to read, not an error to retry.
 */
function isReplacedBeforeRead(err: unknown): boolean {
  return (err as { statusCode?: unknown } | null)?.statusCode === 412;
}

const replacedUpload = {
  code: 'UPLOAD_REPLACED',
  message: 'A file of this run was replaced by a newer upload before the run had read it, so the data this run was started for is no longer there.',
  hint: 'Nothing to do: the newer upload starts its own run. To run this version, upload it again.',
};
