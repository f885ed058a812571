import { createLogger, type LogFields, type LogSink } from './createLogger';

/** What the record reads from an HTTP request (the Functions HttpRequest has all of it). */
export interface LoggedRequest {
  method: string;
  url: string;
  params?: Record<string, string | undefined>;
  query?: URLSearchParams;
}

/** What the record reads from an answer: its status and, for a refusal, the error code. */
export interface LoggedResponse {
  status?: number;
  jsonBody?: unknown;
}

/**
 * Wraps an HTTP function so that every answer writes one record, `event: "request"`: method, path
 * (never the query string, where `?code=` keys travel), `status`, `durationMs`, the `dataset` and
 * `runId` the route names, and the `errorCode` of a 4xx or 5xx answer (a field named `code` would be
 * redacted: it is where function keys travel). A handler that throws is
 * recorded as a 500 with its error, then rethrown for the host to answer.
 */
export function withRequestLog<Req extends LoggedRequest, Res extends LoggedResponse, Ctx extends LogSink>(
  handler: (request: Req, context: Ctx) => Promise<Res>,
): (request: Req, context: Ctx) => Promise<Res> {
  return async (request, context) => {
    const started = performance.now();
    const log = createLogger(context, { ...routeFields(request), event: 'request', method: request.method, path: pathOf(request.url) });
    let response: Res;
    try {
      response = await handler(request, context);
    } catch (err) {
      const durationMs = Math.round(performance.now() - started);
      log.error(`${request.method} ${pathOf(request.url)} failed after ${durationMs} ms`, err, { status: 500, durationMs });
      throw err;
    }
    const status = response.status ?? 200;
    const durationMs = Math.round(performance.now() - started);
    const errorCode = errorCodeOf(response.jsonBody);
    const text = `${request.method} ${pathOf(request.url)} answered ${status} in ${durationMs} ms${errorCode ? ` (${errorCode})` : ''}`;
    const fields = { status, durationMs, ...(errorCode ? { errorCode } : {}) };
    if (status >= 500) log.error(text, fields);
    else log.info(text, fields);
    return response;
  };
}

function routeFields(request: LoggedRequest): LogFields {
  const dataset = request.params?.dataset;
  const runId = request.params?.runId ?? request.query?.get('runId') ?? undefined;
  return { ...(runId ? { runId } : {}), ...(dataset ? { dataset: dataset.toLowerCase() } : {}) };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? '';
  }
}

function errorCodeOf(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | null | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}
