import { REDACTED, isSecretFieldName, redactSecrets } from './redactSecrets';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where log lines go: an Azure Functions InvocationContext (the host forwards its lines to
 * Application Insights with the invocation id), `console` in the local host, or a test double.
 */
export interface LogSink {
  debug?(...args: unknown[]): void;
  info?(...args: unknown[]): void;
  warn?(...args: unknown[]): void;
  error?(...args: unknown[]): void;
  log?(...args: unknown[]): void;
}

/** Fields carried by every line; runId and dataset are how a run is followed across functions. */
export interface LogFields {
  runId?: string;
  dataset?: string;
  [field: string]: unknown;
}

export interface Logger {
  readonly fields: Readonly<LogFields>;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** The second argument may be the error that was caught (any value) or more fields. */
  error(message: string, errorOrFields?: unknown, fields?: LogFields): void;
  /** A logger whose lines also carry `fields` (e.g. the runId once it is known). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Lines below this level are dropped before formatting. Default 'info'. */
  level?: LogLevel;
  /** Clock for the `time` field (tests pin it). */
  now?: () => Date;
}

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Application Insights truncates a trace message at 32 768 characters; keep single values well below.
const maxStringLength = 4000;
const maxArrayItems = 50;
const maxDepth = 6;

/**
 * A logger writing one JSON object per line: `{ time, level, message, runId, dataset, ...fields }`.
 * Secrets are redacted from every string and from fields whose names mark them as secrets, so a
 * connection string or SAS URL that slips into an error message never reaches the logs.
 */
export function createLogger(sink: LogSink = console, fields: LogFields = {}, options: LoggerOptions = {}): Logger {
  const minimum = levelRank[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const context: LogFields = { ...fields };

  const write = (level: LogLevel, message: string, extra: Record<string, unknown>): void => {
    if (levelRank[level] < minimum) return;
    const line = formatLine(now(), level, message, { ...context, ...extra });
    const method = sink[level] ?? sink.log;
    method?.call(sink, line);
  };

  return {
    fields: context,
    debug: (message, extra) => write('debug', message, extra ?? {}),
    info: (message, extra) => write('info', message, extra ?? {}),
    warn: (message, extra) => write('warn', message, extra ?? {}),
    error: (message, errorOrFields, extra) => {
      if (errorOrFields === undefined || isPlainFields(errorOrFields)) {
        write('error', message, { ...((errorOrFields as LogFields | undefined) ?? {}), ...extra });
      } else {
        write('error', message, { ...extra, error: errorOrFields });
      }
    },
    child: (more) => createLogger(sink, { ...context, ...more }, options),
  };
}

/** One log line as JSON text; exported for the local host, which prints lines the same way. */
export function formatLine(time: Date, level: LogLevel, message: string, fields: Record<string, unknown>): string {
  const { runId, dataset, ...rest } = fields;
  const record: Record<string, unknown> = {
    time: time.toISOString(),
    level,
    message: truncate(redactSecrets(String(message))),
  };
  const seen = new WeakSet<object>();
  if (runId !== undefined) record.runId = sanitize(runId, 0, seen);
  if (dataset !== undefined) record.dataset = sanitize(dataset, 0, seen);
  for (const [name, value] of Object.entries(rest)) {
    if (value === undefined || name in record) continue;
    record[name] = isSecretFieldName(name) && value !== '' && value !== null ? REDACTED : sanitize(value, 0, seen);
  }
  return JSON.stringify(record);
}

function isPlainFields(value: unknown): value is LogFields {
  if (value === null || typeof value !== 'object' || value instanceof Error) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function truncate(text: string): string {
  return text.length <= maxStringLength ? text : `${text.slice(0, maxStringLength)}…(+${text.length - maxStringLength} chars)`;
}

/** A JSON-safe, redacted copy of a value; large and exotic values become short descriptions. */
function sanitize(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string':
      return truncate(redactSecrets(value));
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
      return undefined;
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return null;
  const object = value as object;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof Error) return serializeError(object, depth, seen);
  if (ArrayBuffer.isView(object)) return `[${object.constructor.name}(${(object as unknown as ArrayLike<unknown>).length ?? object.byteLength})]`;
  if (object instanceof ArrayBuffer) return `[ArrayBuffer(${object.byteLength})]`;
  if (seen.has(object)) return '[Circular]';
  if (depth >= maxDepth) return Array.isArray(object) ? '[Array]' : '[Object]';
  seen.add(object);
  try {
    if (Array.isArray(object) || object instanceof Set) {
      const items = Array.from(object as Iterable<unknown>);
      const shown = items.slice(0, maxArrayItems).map((item) => sanitize(item, depth + 1, seen) ?? null);
      if (items.length > maxArrayItems) shown.push(`…(+${items.length - maxArrayItems} items)`);
      return shown;
    }
    const entries = object instanceof Map ? Array.from(object.entries()) : Object.entries(object);
    const result: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const name = String(key);
      if (item === undefined) continue;
      result[name] = isSecretFieldName(name) && item !== '' && item !== null ? REDACTED : sanitize(item, depth + 1, seen);
    }
    return result;
  } finally {
    seen.delete(object);
  }
}

function serializeError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const result: Record<string, unknown> = { name: error.name, message: truncate(redactSecrets(error.message)) };
  const extra = error as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
  if (extra.code !== undefined) result.code = sanitize(extra.code, depth + 1, seen);
  if (extra.statusCode !== undefined) result.statusCode = sanitize(extra.statusCode, depth + 1, seen);
  if (error.stack) result.stack = truncate(redactSecrets(error.stack));
  if (extra.cause !== undefined && depth < maxDepth) result.cause = sanitize(extra.cause, depth + 1, seen);
  return result;
}
