import { randomUUID } from 'node:crypto';
import { app, HttpRequest, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { latestRunId } from '../shared/api/datasetQueries';
import { MessageJob, MessageRequestRefused, acceptMessageJob, countChosen, storedResult, syncMessagesBudgetMs, writeMessagesNow } from '../shared/api/messageJobs';
import { getSettings } from '../shared/config/settings';
import { errorResponse, jsonResponse } from '../shared/http/httpErrors';
import { readJson } from '../shared/http/readJsonBody';
import { parseMessageRequest } from '../shared/messaging/parseMessageRequest';
import { startOrSkip } from '../shared/pipeline/startOrSkip';
import { withStorageDeadline } from '../shared/http/withStorageDeadline';
import { apiStore } from '../shared/storage/apiStore';
import { appStore } from '../shared/storage/appStore';
import { createLogger } from '../shared/telemetry/createLogger';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/**
 * POST /api/messages: personalized messages for customers or a segment of the latest run, only to
 * those who consented. Small requests answer at once; large ones run as an orchestration (202 and a
 * status URL), and both store the result under results/<dataset>/<runId>/messages/.
 */
export async function messagesHandler(request: HttpRequest, context: InvocationContext) {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = parseMessageRequest(body.value);
  if (!parsed.ok) return { status: 400, jsonBody: { error: parsed.error } };
  const req = parsed.request;
  const dataset = req.dataset.toLowerCase();
  const log = createLogger(context, { dataset, event: 'messages' });
  // Finding the run and a stored answer are two small reads: they answer within the storage deadline.
  let job: MessageJob | undefined;
  const found = await withStorageDeadline(async () => {
    const store = apiStore();
    const runId = await latestRunId(store, dataset);
    if (!runId) return errorResponse(404, 'dataset_not_found', `Dataset ${dataset} has no completed run yet.`);
    const asked: MessageJob = { dataset, runId, requestId: req.requestId ?? randomUUID().replace(/-/g, ''), request: req };
    try {
      const stored = await storedResult(store, asked);
      if (stored) return jsonResponse(200, stored);
      // No consent information, an unsupported language or a reused requestId end here (409, 400).
      await acceptMessageJob(store, asked);
    } catch (error) {
      if (error instanceof MessageRequestRefused) return errorResponse(error.status, error.code, error.message, error.details);
      throw error;
    }
    job = asked;
    return jsonResponse(200, null); // not an answer: the request is written below
  });
  if (!job) return found;
  const chosen: MessageJob = job;
  // Writing reads the whole run and may wait for the model up to the sync budget; a storage fault
  // while it does still answers 503 with Retry-After (the requestId makes a retry safe).
  return withStorageDeadline(async () => {
    const store = appStore();
    const customers = await countChosen(store, chosen);
    const run = log.child({ runId: chosen.runId, requestId: chosen.requestId });
    if (customers > getSettings().SEGMENTWISE_MESSAGES_SYNC_LIMIT) {
      const instanceId = `messages-${chosen.runId}-${chosen.requestId}`;
      await startOrSkip(df.getClient(context), 'messagePipeline', instanceId, chosen);
      run.info(`Messages for ${customers} customers of run ${chosen.runId} go to orchestration ${instanceId}.`, { customers, instanceId });
      return jsonResponse(202, { requestId: chosen.requestId, statusUrl: `/api/runs/${instanceId}` }, { location: `/api/runs/${instanceId}` });
    }
    const written = await writeMessagesNow(store, chosen);
    run.info(`Wrote ${written.messages.length} messages for run ${chosen.runId}.`, { messages: written.messages.length, skipped: written.skipped.length, failed: written.failed.length });
    return jsonResponse(200, written);
  }, syncMessagesBudgetMs + getSettings().SEGMENTWISE_STORAGE_TIMEOUT_MS);
}

app.http('messages', {
  route: 'messages',
  methods: ['POST'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: withRequestLog(messagesHandler),
});
