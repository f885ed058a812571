import { BlobStore } from '../../storage/BlobStore';
import { assignmentsCsv, CellValue } from '../../results/writeAssignmentsCsv';
import { RunInput } from '../RunInput';
import { runPaths } from '../runPaths';
import { WorkFiles } from './workFiles';

export interface WrittenResults {
  files: string[];
}

/** Writes the run's result files, then moves latest.json to the run (last, so readers never see half a run). */
export async function writeResults(store: BlobStore, input: RunInput): Promise<WrittenResults> {
  const work = new WorkFiles(store, input);
  const [{ table, schema }, labels] = await Promise.all([work.readTable(), work.readLabels()]);
  const idColumn = schema.id ? table.columns.find((c) => c.name === schema.id) : undefined;
  const header = [idColumn?.name ?? 'row_id', 'segment'];
  const rows: CellValue[][] = new Array(table.rowCount);
  for (let i = 0; i < table.rowCount; i++) {
    const id = idColumn ? idColumn.values[i] : i + 1;
    rows[i] = [typeof id === 'number' && Number.isNaN(id) ? null : (id as CellValue), labels[i]];
  }
  const folder = store.resultsContainer;
  await store.write(folder, runPaths.file(input.dataset, input.runId, 'assignments.csv'), assignmentsCsv({ header, rows }), 'text/csv; charset=utf-8');
  const files = ['assignments.csv'];
  await store.writeJson(folder, runPaths.latest(input.dataset), { runId: input.runId, completedAt: new Date().toISOString() });
  return { files };
}
