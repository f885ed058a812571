import { getSettings } from '../config/settings';
import { CallMeter } from '../messaging/ModelCallGovernor';
import { selectCustomers } from '../messaging/selectCustomers';
import type { CustomerOutcome, Message } from '../messaging/types';
import { writeMessages } from '../messaging/writeMessages';
import type { BlobStore } from '../storage/BlobStore';
import { loadMessageRun } from './messageCustomers';
import {
  distinctShare,
  messageBatchSize,
  requestHash,
  storeResult,
  usageOf,
  writerOptions,
  type MessageJob,
  type MessagesResult,
} from './messageJobs';
import { messagePaths } from './messagePaths';
import { requestContext } from './messageRequestContext';

/*
 * A large message request, run by the message orchestration: plan the customers once, write them in
 * batches (each reusable after a restart), then collect the batches into the request's one result.
 */

/** Large requests: choose the customers once and split them into batches (kept in a work file). */
export async function planMessageBatches(store: BlobStore, job: MessageJob): Promise<{ batches: number; customers: number }> {
  const run = await loadMessageRun(store, job.dataset, job.runId, job.request.customerIds);
  const { rules } = await requestContext(store, job);
  const { chosen, skipped, holdout } = selectCustomers(job.request, run.customers, { ...rules, channel: job.request.channel });
  await store.writeJson(store.resultsContainer, messagePaths.plan(job), { ids: chosen.map((c) => c.customerId), skipped, holdout });
  return { batches: Math.ceil(chosen.length / messageBatchSize), customers: chosen.length };
}

/** One batch of a large request; its messages go to a work file, the orchestration gets counts. */
export async function writeMessageBatch(store: BlobStore, job: MessageJob, batch: number): Promise<{ written: number; failed: number }> {
  // A batch already written (an activity run again after a host restart) is reused, not paid for twice.
  const done = await store.readJson<{ messages: Message[]; failed: CustomerOutcome[] }>(store.resultsContainer, messagePaths.batch(job, batch));
  if (done) return { written: done.messages.length, failed: done.failed.length };
  const plan = (await store.readJson<{ ids: string[] }>(store.resultsContainer, messagePaths.plan(job)))!;
  const ids = plan.ids.slice(batch * messageBatchSize, (batch + 1) * messageBatchSize);
  // The request's call budget is shared evenly by its batches (batches run in parallel).
  const batches = Math.max(1, Math.ceil(plan.ids.length / messageBatchSize));
  const meter = new CallMeter(Math.max(1, Math.floor(getSettings().SEGMENTWISE_OPENAI_REQUEST_CALL_BUDGET / batches)));
  // Only this batch's customers are read (through the run's customer index), not the whole run.
  const run = await loadMessageRun(store, job.dataset, job.runId, ids);
  const context = await requestContext(store, job);
  const out = await writeMessages({
    // The plan already applied holdout, suppression and the frequency cap to these ids.
    request: { ...job.request, customerIds: ids, segment: undefined, limit: undefined, holdout: 0 },
    customers: run.customers,
    segments: run.segments,
    ...writerOptions(context),
    rules: { holdout: 0 },
    concurrency: getSettings().SEGMENTWISE_OPENAI_CONCURRENCY,
    meter,
  });
  await store.writeJson(store.resultsContainer, messagePaths.batch(job, batch), { ...out, usage: usageOf(meter) });
  return { written: out.messages.length, failed: out.failed.length };
}

/** Joins the batches in order into the request's result files. */
export async function collectMessages(store: BlobStore, job: MessageJob, batches: number): Promise<{ files: string[] }> {
  const plan = (await store.readJson<{ skipped: CustomerOutcome[]; holdout?: string[] }>(store.resultsContainer, messagePaths.plan(job)))!;
  const result: MessagesResult = {
    requestId: job.requestId,
    runId: job.runId,
    messages: [],
    skipped: [...plan.skipped],
    failed: [],
    holdout: plan.holdout ?? [],
    distinctShare: 1,
    requestHash: requestHash(job.request),
    usage: { calls: 0, promptTokens: 0, completionTokens: 0, estimatedCost: 0 },
  };
  for (let b = 0; b < batches; b++) {
    const part = (await store.readJson<Omit<MessagesResult, 'requestId' | 'runId'>>(store.resultsContainer, messagePaths.batch(job, b)))!;
    result.messages.push(...part.messages);
    result.skipped.push(...part.skipped);
    result.failed.push(...part.failed);
    if (part.usage) {
      result.usage.calls += part.usage.calls;
      result.usage.promptTokens += part.usage.promptTokens;
      result.usage.completionTokens += part.usage.completionTokens;
      result.usage.estimatedCost = Math.round((result.usage.estimatedCost + part.usage.estimatedCost) * 1e6) / 1e6;
    }
  }
  result.distinctShare = distinctShare(result.messages);
  await storeResult(store, job, result);
  return { files: [`messages/${job.requestId}.json`, `messages/${job.requestId}.jsonl`] };
}
