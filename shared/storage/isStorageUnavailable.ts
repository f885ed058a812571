import { RestError } from '@azure/storage-blob';

/** Network failures the storage SDK reports without an HTTP status. */
const networkCodes = new Set(['REQUEST_SEND_ERROR', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * Whether an error means storage (or the durable task hub kept in it) is down, overloaded or not
 * answering, as opposed to a request that is wrong: such failures pass, so a caller may retry.
 */
export function isStorageUnavailable(err: unknown): boolean {
  if (err instanceof StorageTimeoutError) return true;
  if (err instanceof RestError) {
    if (err.statusCode !== undefined) return err.statusCode >= 500 || err.statusCode === 408;
    return true;
  }
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && networkCodes.has(code)) return true;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  // durable-functions' client: the durable API answered 502/503/504 (its own storage failed).
  return /unexpected status code: 50[234]\b/.test(err.message);
}

/** Storage did not answer within the time an HTTP caller is kept waiting. */
export class StorageTimeoutError extends Error {
  override name = 'StorageTimeoutError';
}
