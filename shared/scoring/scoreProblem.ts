import type { ErrorJson } from '../ingest/IngestError';
import { IngestError } from '../ingest/IngestError';

/** What a score that cannot finish writes to error.json, before the dataset and the time are added. */
export type ScoreProblem = Omit<ErrorJson, 'dataset' | 'at' | 'runId'>;

/**
 * A problem the sender of the file can fix, from what reading or scoring threw: a file that cannot
 * be read (IngestError) or a refusal of the scoring function (a 4xx with a code, naming the column
 * and the customer). Anything else is not the data's fault: undefined, and the trigger retries.
 */
export function scoreProblemOf(err: unknown, file: string): ScoreProblem | undefined {
  if (err instanceof IngestError) {
    const { code, message, hint, file: where, row, column } = err.toJSON();
    return { code, message, hint, file: where ?? file, ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}) };
  }
  if (!(err instanceof Error)) return undefined;
  const refusal = err as Error & { status?: unknown; code?: unknown; details?: unknown; hint?: unknown };
  if (typeof refusal.status !== 'number' || refusal.status < 400 || refusal.status >= 500) return undefined;
  const details = (typeof refusal.details === 'object' && refusal.details !== null ? refusal.details : {}) as Record<string, unknown>;
  const column = typeof details.column === 'string' ? details.column : undefined;
  const row = typeof details.row === 'number' ? details.row : undefined;
  const detailFile = typeof details.file === 'string' ? details.file : undefined;
  return {
    code: typeof refusal.code === 'string' ? refusal.code.toUpperCase() : 'SCORE_REFUSED',
    message: refusal.message,
    hint:
      typeof refusal.hint === 'string'
        ? refusal.hint
        : column
          ? `Add the column "${column}" to ${detailFile ?? file}, with the values as the training data had them, and drop the file again. GET /api/datasets/<dataset>/model lists every column the model needs.`
          : 'Send the files and columns the model was trained on (GET /api/datasets/<dataset>/model lists them) and drop the file again.',
    file: detailFile ?? file,
    ...(row !== undefined ? { row } : {}),
    ...(column !== undefined ? { column } : {}),
  };
}
