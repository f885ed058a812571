import { BlobServiceClient } from '@azure/storage-blob';
import { isMissingBlob, listBlobs, readBlobText } from './azurite';
import { RunStatus, getRun } from './runStatus';

/**
 * The one way tests wait. A wait ends as soon as its event is seen, fails at once when the product
 * reports that the event will never come (an error.json, a run that ended otherwise, a receipt that
 * says the trigger gave up), and fails on its own time limit with what it was waiting for, always
 * before the test's Jest limit, so a failure says why instead of "Exceeded timeout".
 *
 * Polling starts quick and backs off, so a fast event is seen at once and a slow one costs little.
 */
export const defaultWaitMs = 90_000;

export class WaitTimeoutError extends Error {}

/** Calls `probe` until it returns a value; a probe that throws ends the wait with its error. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, limitMs: number, what: string): Promise<T> {
  const deadline = Date.now() + limitMs;
  const timedOut = () => new WaitTimeoutError(`Gave up after ${limitMs / 1000} s waiting for ${what}.`);
  let pause = 20;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw timedOut();
    // A probe that hangs (a storage call that never answers) must not outlive the wait either.
    let timer: NodeJS.Timeout | undefined;
    const attempt = probe();
    attempt.catch(() => undefined); // a probe that fails after the wait gave up is nobody's error
    const value = await Promise.race([
      attempt,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(timedOut()), left))),
    ]).finally(() => clearTimeout(timer));
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(0, deadline - Date.now()))));
    pause = Math.min(pause * 2, 500);
  }
}

export interface LatestRun {
  runId: string;
  completedAt: string;
}

export interface LatestOptions {
  /** A runId latest.json pointed at before: wait for a newer one. */
  after?: string;
  limitMs?: number;
}

/**
 * Waits for `results/<dataset>/latest.json` to point at a completed run (another than `after`), and
 * fails at once with the content of any error.json that appears under the dataset meanwhile.
 */
export async function waitForLatest(service: BlobServiceClient, dataset: string, options: LatestOptions = {}): Promise<LatestRun> {
  return waitFor(
    async () => {
      const text = await readBlobText(service, 'results', `${dataset}/latest.json`);
      const latest = text ? (JSON.parse(text) as LatestRun) : undefined;
      if (latest && latest.runId !== options.after) return latest;
      const errors = (await listBlobs(service, 'results', `${dataset}/`)).filter((n) => n.endsWith('/error.json'));
      if (errors.length > 0) {
        throw new Error(`${dataset} failed instead of completing; ${errors[0]}:\n${await readBlobText(service, 'results', errors[0]!)}`);
      }
      return undefined;
    },
    options.limitMs ?? defaultWaitMs,
    `results/${dataset}/latest.json${options.after ? ` to move on from ${options.after}` : ''}`,
  );
}

const endedStatuses = ['Completed', 'Failed', 'Terminated'];

/** Waits for a run to end, whichever way; the caller asserts how. */
export async function waitForRunEnd(url: string, runId: string, limitMs = defaultWaitMs): Promise<RunStatus> {
  return waitFor(
    async () => {
      const run = await getRun(url, runId);
      return run && endedStatuses.includes(run.runtimeStatus) ? run : undefined;
    },
    limitMs,
    `run ${runId} to end`,
  );
}

/** Waits for a run to complete; a run that fails or is terminated ends the wait with its error. */
export async function waitForRunCompleted(url: string, runId: string, limitMs = defaultWaitMs): Promise<RunStatus> {
  const run = await waitForRunEnd(url, runId, limitMs);
  if (run.runtimeStatus !== 'Completed') throw new Error(`Run ${runId} ended ${run.runtimeStatus}: ${JSON.stringify(run.error ?? null)}`);
  return run;
}

export interface Receipt {
  /** The receipt blob's own ETag: it changes whenever the trigger claims or settles the upload again. */
  receiptEtag: string;
  blobEtag: string;
  state: string;
}

/** Which blob trigger handled a blob: the upload trigger unless a test names another (the scoring drop's). */
export interface BlobTriggerName {
  functionName: string;
  container: string;
}

const uploadTrigger: BlobTriggerName = { functionName: 'ingestUpload', container: 'uploads' };

/** The blob trigger's receipt for one upload (the local host's record of the version it handled). */
export async function readReceipt(service: BlobServiceClient, uploadName: string, functionName = 'ingestUpload', container = 'uploads'): Promise<Receipt | undefined> {
  const blob = service.getContainerClient('segmentwise-durable').getBlobClient(`receipts/${functionName}/${container}/${uploadName}`);
  const props = await blob.getProperties().catch((err: unknown) => {
    if (isMissingBlob(err)) return undefined;
    throw err;
  });
  if (!props) return undefined;
  return { receiptEtag: props.etag ?? '', blobEtag: props.metadata?.blobetag ?? '', state: props.metadata?.state ?? '' };
}

/**
 * Waits until the blob trigger has handled this version (ETag) of an upload: the positive event that
 * lets a test check what the trigger did not do (no new run) without sleeping first.
 */
export async function waitForReceipt(
  service: BlobServiceClient,
  uploadName: string,
  blobEtag: string,
  limitMs = 30_000,
  trigger: BlobTriggerName = uploadTrigger,
): Promise<Receipt> {
  return waitFor(
    async () => {
      const receipt = await readReceipt(service, uploadName, trigger.functionName, trigger.container);
      // Metadata keeps the ETag without its quotes.
      if (!receipt || receipt.blobEtag !== blobEtag.replace(/"/g, '') || receipt.state === 'claimed') return undefined;
      if (receipt.state !== 'done') throw new Error(`The blob trigger gave up on ${trigger.container}/${uploadName} (receipt state ${receipt.state}).`);
      return receipt;
    },
    limitMs,
    `the blob trigger ${trigger.functionName} to handle ${trigger.container}/${uploadName} (ETag ${blobEtag})`,
  );
}
