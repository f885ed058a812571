import type { Manifest } from '../ingest/manifestSchema';
import { computeRunId, type RunFileStream } from '../pipeline/runIdentity';

/**
 * A score's identity: the first 16 hex characters of SHA-256 over the dropped files' bytes (hashed
 * while streaming, as a runId is) and the model that scores them. The same files scored by the same
 * model always land in the same folder, however often the trigger fires; a newer model scores them
 * anew in a folder of its own.
 */
export async function computeScoreId(
  files: RunFileStream[],
  of: { dataset: string; modelRunId: string | null; manifest?: Manifest },
): Promise<string> {
  // `purpose` keeps a score's id apart from the runId of the same bytes uploaded for training.
  return computeRunId(files, { purpose: 'score', dataset: of.dataset, modelRunId: of.modelRunId, manifest: of.manifest ?? null });
}
