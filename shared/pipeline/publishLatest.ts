import { BlobStore } from '../storage/BlobStore';
import type { RunInput } from './RunInput';
import { runPaths } from './runPaths';

/** `results/<dataset>/latest.json`: the run readers are sent to, and what orders it against others. */
export interface LatestPointer {
  runId: string;
  completedAt: string;
  /** Upload time of the newest file the run read (RunInput.inputsUploadedAt). */
  inputsUploadedAt?: string;
  /** When the run was planned: orders two runs of inputs uploaded within the same second. */
  startedAt?: string;
}

/** Written into the folder of a run that finished after a run of newer data had been published. */
export const historicalRunFile = 'historical.json';

export interface HistoricalRun {
  runId: string;
  historical: true;
  /** The run latest.json points to, whose inputs were uploaded later. */
  newerRunId: string;
  inputsUploadedAt: string | null;
  newerInputsUploadedAt: string | null;
  message: string;
}

export type Publication = { historical: false } | ({ historical: true; file: typeof historicalRunFile } & HistoricalRun);

/** Conditional writes that lose to another run are retried this often before giving up. */
const maxAttempts = 8;

/**
 * Moves latest.json to this run, unless latest.json already points to a run of newer data (a file
 * uploaded again while this run was working): then this run stays a historical run and says so in
 * historical.json. The write is conditional on the ETag read, so of two runs finishing at once
 * exactly one decision stands, and latest.json only ever moves forward.
 */
export async function publishLatest(store: BlobStore, input: RunInput, now: () => Date = () => new Date()): Promise<Publication> {
  const container = store.resultsContainer;
  const name = runPaths.latest(input.dataset);
  const mine: LatestPointer = {
    runId: input.runId,
    completedAt: '',
    ...(input.inputsUploadedAt ? { inputsUploadedAt: input.inputsUploadedAt } : {}),
    startedAt: input.startedAt,
  };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await store.readJsonVersion<LatestPointer>(container, name);
    if (current && current.value.runId !== input.runId && isOlder(mine, current.value)) {
      const historical: HistoricalRun = {
        runId: input.runId,
        historical: true,
        newerRunId: current.value.runId,
        inputsUploadedAt: input.inputsUploadedAt ?? null,
        newerInputsUploadedAt: current.value.inputsUploadedAt ?? null,
        message:
          `Run ${current.value.runId} holds data uploaded later, so latest.json stays on it; ` +
          `the results of this run are complete and stay in its folder.`,
      };
      await store.writeJson(container, runPaths.file(input.dataset, input.runId, historicalRunFile), historical);
      return { ...historical, file: historicalRunFile };
    }
    const written = await store.writeJsonIfUnchanged(container, name, { ...mine, completedAt: now().toISOString() }, current?.etag);
    if (written) return { historical: false };
  }
  throw new Error(`latest.json of ${input.dataset} kept changing while run ${input.runId} tried to publish; the step is retried.`);
}

/**
 * Whether run `a` holds older data than run `b`: by the upload time of their newest input, then by
 * when each was planned. A pointer from before upload times were recorded orders nothing, and the
 * run that finishes last is published, as it always was.
 */
export function isOlder(a: LatestPointer, b: LatestPointer): boolean {
  if (!a.inputsUploadedAt || !b.inputsUploadedAt) return false;
  const byUpload = Date.parse(a.inputsUploadedAt) - Date.parse(b.inputsUploadedAt);
  if (byUpload !== 0) return byUpload < 0;
  return Date.parse(a.startedAt ?? '') < Date.parse(b.startedAt ?? '');
}
