export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff; doubles each retry (with jitter), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  isRetryable(error: unknown): boolean;
  /** A delay the server asked for (Retry-After), which takes precedence over the backoff. */
  retryAfterMs?(error: unknown): number | undefined;
  /** Longest server-asked delay waited for as sent; maxDelayMs when unset. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  onRetry?(info: { attempt: number; delayMs: number; error: unknown }): void;
  random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, runs out of retries, or the
 * signal aborts (then the abort reason is thrown). Backoff is exponential with full jitter so that
 * concurrent callers hit by the same 429 do not come back in lockstep.
 */
export async function retryWithBackoff<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  for (let n = 0; ; n++) {
    options.signal?.throwIfAborted();
    try {
      return await attempt(n);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (n >= options.maxRetries || !options.isRetryable(error)) throw error;
      const asked = options.retryAfterMs?.(error);
      const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** n);
      const delayMs = asked !== undefined ? Math.min(asked, options.maxRetryAfterMs ?? options.maxDelayMs) : Math.round(backoff / 2 + (random() * backoff) / 2);
      options.onRetry?.({ attempt: n + 1, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}

/** A timer that an AbortSignal cancels (rejecting with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Milliseconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date), as Azure OpenAI sends them. */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
