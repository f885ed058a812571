import { app, HttpRequest } from '@azure/functions';
import { ScoreInputError, scoreCustomers, scoreRequestSchema } from '../shared/api/scoreCustomers';
import { readJsonBody } from '../shared/http/readJsonBody';
import { errorResponse, jsonResponse } from '../shared/http/httpErrors';
import { withStorageDeadline } from '../shared/http/withStorageDeadline';
import { apiStore } from '../shared/storage/apiStore';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/** POST /api/score: segment, churn probability and drivers for new customers, from the latest model. */
export async function scoreHandler(request: HttpRequest) {
  const body = await readJsonBody(request, scoreRequestSchema);
  if (!body.ok) return body.response;
  const customers = body.value;
  return withStorageDeadline(async () => {
    try {
      return jsonResponse(200, await scoreCustomers(apiStore(), customers));
    } catch (err) {
      if (err instanceof ScoreInputError) return errorResponse(err.status, err.code, err.message, err.details);
      throw err;
    }
  });
}

app.http('score', { route: 'score', methods: ['POST'], authLevel: 'function', handler: withRequestLog(scoreHandler) });
