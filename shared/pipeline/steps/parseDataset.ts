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
    throw err;
  }
}
