import { randomUUID } from 'node:crypto';
import { app, HttpRequest, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { latestRunId } from '../shared/api/datasetQueries';
import { MessageJob, countChosen, storedResult, writeMessagesNow } from '../shared/api/messageJobs';
import { getSettings } from '../shared/config/settings';
import { errorResponse, jsonResponse } from '../shared/http/httpErrors';
import { readJson } from '../shared/http/readJsonBody';
import { parseMessageRequest } from '../shared/messaging/parseMessageRequest';
import { startOrSkip } from '../shared/pipeline/startOrSkip';
import { appStore } from '../shared/storage/appStore';

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
  const store = appStore();
  const dataset = req.dataset.toLowerCase();
  const runId = await latestRunId(store, dataset);
  if (!runId) return errorResponse(404, 'dataset_not_found', `Dataset ${dataset} has no completed run yet.`);
  const job: MessageJob = { dataset, runId, requestId: req.requestId ?? randomUUID().replace(/-/g, ''), request: req };

  const stored = await storedResult(store, job);
  if (stored) return jsonResponse(200, stored);

  if ((await countChosen(store, job)) > getSettings().SEGMENTWISE_MESSAGES_SYNC_LIMIT) {
    const instanceId = `messages-${runId}-${job.requestId}`;
    await startOrSkip(df.getClient(context), 'messagePipeline', instanceId, job);
    return jsonResponse(202, { requestId: job.requestId, statusUrl: `/api/runs/${instanceId}` }, { location: `/api/runs/${instanceId}` });
  }
  return jsonResponse(200, await writeMessagesNow(store, job));
}

app.http('messages', {
  route: 'messages',
  methods: ['POST'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: messagesHandler,
});
