import { getSettings } from '../config/settings';
import { StorageTimeoutError, isStorageUnavailable } from '../storage/isStorageUnavailable';
import { JsonResponse, errorResponse } from './httpErrors';

/** Seconds a client is asked to wait before trying again after a 503. */
export const storageRetryAfterSeconds = 5;

/**
 * Runs an HTTP route's work, answering 503 with Retry-After when storage fails or has not answered
 * within SEGMENTWISE_STORAGE_TIMEOUT_MS: a caller learns at once that it may retry, instead of a 500
 * after the SDK's retries or a request that hangs while storage does not respond. Other errors are
 * rethrown unchanged.
 */
export async function withStorageDeadline(work: () => Promise<JsonResponse>, timeoutMs = getSettings().SEGMENTWISE_STORAGE_TIMEOUT_MS): Promise<JsonResponse> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageTimeoutError(`Storage did not answer within ${timeoutMs} ms.`)), timeoutMs);
  });
  const running = work();
  // The work may still fail after the deadline has answered; that failure is already reported.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } catch (err) {
    if (!isStorageUnavailable(err)) throw err;
    const response = errorResponse(
      503,
      'storage_unavailable',
      err instanceof StorageTimeoutError
        ? `Storage did not answer within ${timeoutMs} ms. Nothing was changed; try again in ${storageRetryAfterSeconds} seconds.`
        : `Storage is not available right now. Nothing was changed; try again in ${storageRetryAfterSeconds} seconds.`,
    );
    return { ...response, headers: { ...response.headers, 'Retry-After': String(storageRetryAfterSeconds) } };
  } finally {
    clearTimeout(timer);
  }
}
