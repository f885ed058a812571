import { app, HttpRequest, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { errorResponse, isUnknownInstanceError, jsonResponse } from '../shared/http/httpErrors';
import { isRunInstanceId, runIdShape } from '../shared/api/isRunInstanceId';
import { quoteInput } from '../shared/http/quoteInput';
import { describeRun } from '../shared/pipeline/describeRun';
import { withStorageDeadline } from '../shared/http/withStorageDeadline';
import { apiStore } from '../shared/storage/apiStore';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/** GET /api/runs/{runId}: a run's status, progress and, once done, where its results are. */
export async function getRun(request: HttpRequest, context: InvocationContext) {
  const runId = request.params.runId ?? '';
  if (!isRunInstanceId(runId)) return errorResponse(400, 'invalid_run_id', `${quoteInput(runId)} is not a run id. ${runIdShape}`);
  const client = df.getClient(context);
  return withStorageDeadline(async () => {
    try {
      const status = await client.getStatus(runId);
      return jsonResponse(200, await describeRun(apiStore(), status));
    } catch (err) {
      if (isUnknownInstanceError(err)) return errorResponse(404, 'run_not_found', `No run with id ${runId}.`);
      throw err;
    }
  });
}

app.http('getRun', {
  route: 'runs/{runId}',
  methods: ['GET'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: withRequestLog(getRun),
});
