import { BlobStore } from '../../storage/BlobStore';
import { RunInput, RunProblem } from '../RunInput';
import { runPaths } from '../runPaths';

/** Writes error.json for a run that could not finish; the upload itself is left untouched. */
export async function reportFailure(store: BlobStore, input: RunInput, problem: RunProblem): Promise<void> {
  const body = {
    runId: input.runId,
    dataset: input.dataset,
    ...(problem.file !== undefined ? { file: problem.file } : {}),
    ...(problem.row !== undefined ? { row: problem.row } : {}),
    ...(problem.column !== undefined ? { column: problem.column } : {}),
    code: problem.code,
    message: problem.message,
    hint: problem.hint,
    at: new Date().toISOString(),
  };
  await store.writeJson(store.resultsContainer, runPaths.file(input.dataset, input.runId, 'error.json'), body);
}
