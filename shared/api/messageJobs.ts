import { getSettings } from '../config/settings';
import { manifestSchema } from '../ingest/manifestSchema';
import { createWriter, writerConfigFromSettings } from '../messaging/createWriter';
import type { MessageRequest } from '../messaging/messageRequestSchema';
import type { MessageWriter } from '../messaging/MessageWriter';
import { offerCatalogSchema, type OfferCatalog } from '../messaging/offerCatalogSchema';
import { selectCustomers } from '../messaging/selectCustomers';
import type { CustomerOutcome, Message } from '../messaging/types';
import { writeMessages } from '../messaging/writeMessages';
import { runPaths } from '../pipeline/runPaths';
import { BlobStore } from '../storage/BlobStore';
import { loadMessageRun } from './messageCustomers';

/** One message request against one run: what the HTTP function and the orchestration pass around. */
export interface MessageJob {
  dataset: string;
  runId: string;
  requestId: string;
  request: MessageRequest;
}

export interface MessagesResult {
  requestId: string;
  runId: string;
  messages: Message[];
  skipped: CustomerOutcome[];
  failed: CustomerOutcome[];
}

/** Customers per activity when a large request runs as an orchestration. */
export const messageBatchSize = 100;
/** A synchronous request must answer before HTTP front ends give up. */
const syncBudgetMs = 120_000;

export const messagePaths = {
  json: (job: MessageJob) => runPaths.file(job.dataset, job.runId, `messages/${job.requestId}.json`),
  jsonl: (job: MessageJob) => runPaths.file(job.dataset, job.runId, `messages/${job.requestId}.jsonl`),
  plan: (job: MessageJob) => runPaths.work(job.dataset, job.runId, `messages/${job.requestId}/plan.json`),
  batch: (job: MessageJob, b: number) => runPaths.work(job.dataset, job.runId, `messages/${job.requestId}/batch-${b}.json`),
};

let writer: MessageWriter | undefined;
function messageWriter(): MessageWriter {
  writer ??= createWriter(writerConfigFromSettings(getSettings()));
  return writer;
}

async function offersOf(store: BlobStore, dataset: string): Promise<OfferCatalog | undefined> {
  const raw = await store.readJson<unknown>(store.uploadsContainer, `${dataset}/offers.json`).catch(() => undefined);
  if (raw === undefined) return undefined;
  const parsed = offerCatalogSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The dataset's language from its manifest.json (`language`), used when a request names none. */
async function languageOf(store: BlobStore, dataset: string): Promise<string | undefined> {
  const raw = await store.readJson<unknown>(store.uploadsContainer, `${dataset}/manifest.json`).catch(() => undefined);
  const parsed = manifestSchema.safeParse(raw);
  return parsed.success ? parsed.data.language?.toLowerCase() : undefined;
}

/** How many customers a request would write for (to decide between answering now and a 202). */
export async function countChosen(store: BlobStore, job: MessageJob): Promise<number> {
  const run = await loadMessageRun(store, job.dataset, job.runId);
  return selectCustomers(job.request, run.customers).chosen.length;
}

/** A result already stored under this requestId (requestId is the client's idempotency key). */
export async function storedResult(store: BlobStore, job: MessageJob): Promise<MessagesResult | undefined> {
  return store.readJson<MessagesResult>(store.resultsContainer, messagePaths.json(job));
}

async function storeResult(store: BlobStore, job: MessageJob, result: MessagesResult): Promise<void> {
  const lines = result.messages.map((m) => JSON.stringify(m)).join('\n');
  await store.write(store.resultsContainer, messagePaths.jsonl(job), lines ? `${lines}\n` : '', 'application/x-ndjson; charset=utf-8');
  await store.writeJson(store.resultsContainer, messagePaths.json(job), result);
}

/** Writes the messages of a small request now, stores them and returns them. */
export async function writeMessagesNow(store: BlobStore, job: MessageJob): Promise<MessagesResult> {
  const run = await loadMessageRun(store, job.dataset, job.runId);
  const out = await writeMessages({
    request: job.request,
    customers: run.customers,
    segments: run.segments,
    writer: messageWriter(),
    offers: await offersOf(store, job.dataset),
    language: await languageOf(store, job.dataset),
    concurrency: getSettings().SEGMENTWISE_OPENAI_CONCURRENCY,
    budgetMs: syncBudgetMs,
  });
  const result: MessagesResult = { requestId: job.requestId, runId: job.runId, ...out };
  await storeResult(store, job, result);
  return result;
}

/** Large requests: choose the customers once and split them into batches (kept in a work file). */
export async function planMessageBatches(store: BlobStore, job: MessageJob): Promise<{ batches: number; customers: number }> {
  const run = await loadMessageRun(store, job.dataset, job.runId);
  const { chosen, skipped } = selectCustomers(job.request, run.customers);
  await store.writeJson(store.resultsContainer, messagePaths.plan(job), { ids: chosen.map((c) => c.customerId), skipped });
  return { batches: Math.ceil(chosen.length / messageBatchSize), customers: chosen.length };
}

/** One batch of a large request; its messages go to a work file, the orchestration gets counts. */
export async function writeMessageBatch(store: BlobStore, job: MessageJob, batch: number): Promise<{ written: number; failed: number }> {
  const plan = (await store.readJson<{ ids: string[] }>(store.resultsContainer, messagePaths.plan(job)))!;
  const ids = plan.ids.slice(batch * messageBatchSize, (batch + 1) * messageBatchSize);
  const run = await loadMessageRun(store, job.dataset, job.runId);
  const out = await writeMessages({
    request: { ...job.request, customerIds: ids, segment: undefined, limit: undefined },
    customers: run.customers,
    segments: run.segments,
    writer: messageWriter(),
    offers: await offersOf(store, job.dataset),
    language: await languageOf(store, job.dataset),
    concurrency: getSettings().SEGMENTWISE_OPENAI_CONCURRENCY,
  });
  await store.writeJson(store.resultsContainer, messagePaths.batch(job, batch), out);
  return { written: out.messages.length, failed: out.failed.length };
}

/** Joins the batches in order into the request's result files. */
export async function collectMessages(store: BlobStore, job: MessageJob, batches: number): Promise<{ files: string[] }> {
  const plan = (await store.readJson<{ skipped: CustomerOutcome[] }>(store.resultsContainer, messagePaths.plan(job)))!;
  const result: MessagesResult = { requestId: job.requestId, runId: job.runId, messages: [], skipped: [...plan.skipped], failed: [] };
  for (let b = 0; b < batches; b++) {
    const part = (await store.readJson<Omit<MessagesResult, 'requestId' | 'runId'>>(store.resultsContainer, messagePaths.batch(job, b)))!;
    result.messages.push(...part.messages);
    result.skipped.push(...part.skipped);
    result.failed.push(...part.failed);
  }
  await storeResult(store, job, result);
  return { files: [`messages/${job.requestId}.json`, `messages/${job.requestId}.jsonl`] };
}
