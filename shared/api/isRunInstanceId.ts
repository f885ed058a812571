/** A pipeline run: the first 16 hex characters of its SHA-256 identity (docs/CONTRACTS.md). */
const runIdPattern = /^[0-9a-f]{16}$/;
/** A large message request's orchestration: `messages-<runId>-<requestId>` (see functions/messages.ts). */
const messageInstancePattern = /^messages-[0-9a-f]{16}-[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What a client is told when an id has the wrong shape. */
export const runIdShape =
  'A run id is 16 lower-case hexadecimal characters, as in results/<dataset>/<runId>/ (or the messages-… id in a 202 answer\'s statusUrl).';

/** Ids that GET /api/runs/{runId} may look up; anything else is refused before it reaches the durable API. */
export function isRunInstanceId(id: string): boolean {
  return runIdPattern.test(id) || messageInstancePattern.test(id);
}

export function isRunId(id: string): boolean {
  return runIdPattern.test(id);
}
