import { createHash } from 'node:crypto';
import { getSettings } from '../config/settings';
import { isSupportedLanguage, supportedLanguages } from '../messaging/detectLanguage';
import { CallMeter, type ModelUsage } from '../messaging/ModelCallGovernor';
import type { MessageRequest } from '../messaging/messageRequestSchema';
import { selectCustomers } from '../messaging/selectCustomers';
import type { CustomerOutcome, Message } from '../messaging/types';
import { writeMessages } from '../messaging/writeMessages';
import { runPaths } from '../pipeline/runPaths';
import { BlobStore } from '../storage/BlobStore';
import { loadMessageRun } from './messageCustomers';
import { MessageCheckpoint } from './messageCheckpoint';
import { messagePaths } from './messagePaths';
import { messageWriter, requestContext } from './messageRequestContext';

/** One message request against one run: what the HTTP function and the orchestration pass around. */
export interface MessageJob {
  dataset: string;
  runId: string;
  requestId: string;
  request: MessageRequest;
}

export { messagePaths } from './messagePaths';

export interface MessagesResult {
  requestId: string;
  runId: string;
  messages: Message[];
  skipped: CustomerOutcome[];
  failed: CustomerOutcome[];
  /** Customers held out without a message (the request's `holdout` share). */
  holdout: string[];
  /** Distinct texts over messages (1 = every message different). */
  distinctShare: number;
  /** SHA-256 of the request body: the same requestId with another body is refused. */
  requestHash: string;
  /** Model calls, tokens and estimated cost (zero with the embedded writer). */
  usage: ModelUsage;
}

export function usageOf(meter: CallMeter): ModelUsage {
  const s = getSettings();
  return meter.usage(s.SEGMENTWISE_OPENAI_COST_PER_1K_INPUT, s.SEGMENTWISE_OPENAI_COST_PER_1K_OUTPUT);
}

/** A request that cannot be served as asked: the HTTP function answers with this status and code. */
export class MessageRequestRefused extends Error {
  override name = 'MessageRequestRefused';
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Customers per activity when a large request runs as an orchestration. */
export const messageBatchSize = 100;
/** A synchronous request must answer before HTTP front ends give up. */
export const syncMessagesBudgetMs = 120_000;


/** The hash of a request's body as parsed (defaults filled), without its requestId. */
export function requestHash(request: MessageRequest): string {
  const { requestId: _omit, ...rest } = request;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Refuses what cannot be served: a run without consent information (409, with the manifest line
 * that adds it), a language the writer cannot write (400, listing those it can), and a requestId
 * already used with another body (409). Records the request's body the first time it is accepted.
 */
export async function acceptMessageJob(store: BlobStore, job: MessageJob): Promise<void> {
  const hash = requestHash(job.request);
  const previous = await store.readJson<{ requestHash: string }>(store.resultsContainer, messagePaths.accepted(job));
  if (previous && previous.requestHash !== hash) throw idempotencyConflict(job);
  // quality.json's consent role says how consent was read (column, all, none); a run that does not say
  // (made before roles were recorded) counts as having no consent information.
  const quality = await store.readJson<{ roles?: { consent?: { mode?: string } } }>(store.resultsContainer, runPaths.file(job.dataset, job.runId, 'quality.json'));
  const mode = quality?.roles?.consent?.mode;
  const knowsConsent = mode !== undefined && mode !== 'none';
  if (!knowsConsent) {
    throw new MessageRequestRefused(
      409,
      'no_consent_information',
      `Run ${job.runId} of ${job.dataset} has no consent information, so no customer may be messaged.`,
      { hint: 'Name the consent column in the dataset\'s manifest.json ("consent": "<column>"), or "consent": "all" if every customer agreed, and upload again.' },
    );
  }
  const { manifest } = await requestContext(store, job);
  const language = job.request.language ?? manifest.language ?? 'en';
  if (!isSupportedLanguage(language)) {
    throw new MessageRequestRefused(400, 'unsupported_language', `Messages cannot be written in "${language}"; supported: ${supportedLanguages.join(', ')}.`, {
      supported: [...supportedLanguages],
    });
  }
  if (!previous) {
    const created = await store.writeIfAbsent(store.resultsContainer, messagePaths.accepted(job), JSON.stringify({ requestHash: hash, request: job.request }), 'application/json');
    if (!created) {
      const winner = await store.readJson<{ requestHash: string }>(store.resultsContainer, messagePaths.accepted(job));
      if (winner && winner.requestHash !== hash) throw idempotencyConflict(job);
    }
  }
}

function idempotencyConflict(job: MessageJob): MessageRequestRefused {
  return new MessageRequestRefused(409, 'request_id_reused', `requestId ${job.requestId} was already used with a different body; use a new requestId.`);
}

/** How many customers a request would write for (to decide between answering now and a 202). */
export async function countChosen(store: BlobStore, job: MessageJob): Promise<number> {
  const run = await loadMessageRun(store, job.dataset, job.runId, job.request.customerIds);
  const { rules } = await requestContext(store, job);
  return selectCustomers(job.request, run.customers, { ...rules, channel: job.request.channel }).chosen.length;
}

/** A result already stored under this requestId (the client's idempotency key); 409 when its body differed. */
export async function storedResult(store: BlobStore, job: MessageJob): Promise<MessagesResult | undefined> {
  const stored = await store.readJson<MessagesResult>(store.resultsContainer, messagePaths.json(job));
  if (stored?.requestHash !== undefined && stored.requestHash !== requestHash(job.request)) throw idempotencyConflict(job);
  return stored;
}

export function distinctShare(messages: readonly Message[]): number {
  if (messages.length === 0) return 1;
  return Math.round((new Set(messages.map((m) => m.text)).size / messages.length) * 1000) / 1000;
}

export async function storeResult(store: BlobStore, job: MessageJob, result: MessagesResult): Promise<void> {
  await store.writeJson(store.resultsContainer, messagePaths.index(job.requestId), { dataset: job.dataset, runId: job.runId });
  const lines = result.messages.map((m) => JSON.stringify(m)).join('\n');
  await store.write(store.resultsContainer, messagePaths.jsonl(job), lines ? `${lines}\n` : '', 'application/x-ndjson; charset=utf-8');
  await store.writeJson(store.resultsContainer, messagePaths.json(job), result);
}

/** What both paths (now and in batches) hand the writer from the request's context: one place, one meaning. */
export function writerOptions(context: Awaited<ReturnType<typeof requestContext>>) {
  return {
    writer: messageWriter(),
    ...(context.offers ? { offers: context.offers } : {}),
    ...(context.manifest.language ? { language: context.manifest.language } : {}),
    ...(context.manifest.labels ? { labels: context.manifest.labels } : {}),
    policy: context.policy,
  };
}

/** Writes the messages of a small request now, stores them and returns them. */
export async function writeMessagesNow(store: BlobStore, job: MessageJob): Promise<MessagesResult> {
  const run = await loadMessageRun(store, job.dataset, job.runId, job.request.customerIds);
  const context = await requestContext(store, job);
  const meter = new CallMeter(getSettings().SEGMENTWISE_OPENAI_REQUEST_CALL_BUDGET);
  // The same request sent again after an interruption continues: what was written is reused.
  const checkpoint = await MessageCheckpoint.open(store, messagePaths.checkpoint(job));
  const out = await writeMessages({
    request: job.request,
    customers: run.customers,
    segments: run.segments,
    ...writerOptions(context),
    rules: context.rules,
    concurrency: getSettings().SEGMENTWISE_OPENAI_CONCURRENCY,
    budgetMs: syncMessagesBudgetMs,
    meter,
    reuse: checkpoint.saved(),
    onWritten: (message) => checkpoint.add(message),
  });
  await checkpoint.settle();
  const result: MessagesResult = {
    requestId: job.requestId,
    runId: job.runId,
    ...out,
    distinctShare: distinctShare(out.messages),
    requestHash: requestHash(job.request),
    usage: usageOf(meter),
  };
  await storeResult(store, job, result);
  return result;
}
