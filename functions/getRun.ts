import { app, HttpRequest, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { errorResponse, isUnknownInstanceError, jsonResponse } from '../shared/http/httpErrors';
import { describeRun } from '../shared/pipeline/describeRun';
import { appStore } from '../shared/storage/appStore';

/** GET /api/runs/{runId}: a run's status, progress and, once done, where its results are. */
export async function getRun(request: HttpRequest, context: InvocationContext) {
  const runId = request.params.runId ?? '';
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(runId)) return errorResponse(400, 'invalid_run_id', 'A run id is 1-128 letters, digits, ".", "-" or "_".');
  const client = df.getClient(context);
  try {
    const status = await client.getStatus(runId);
    return jsonResponse(200, await describeRun(appStore(), status));
  } catch (err) {
    if (isUnknownInstanceError(err)) return errorResponse(404, 'run_not_found', `No run with id ${runId}.`);
    throw err;
  }
}

app.http('getRun', {
  route: 'runs/{runId}',
  methods: ['GET'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: getRun,
});
