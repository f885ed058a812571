import { app, HttpRequest } from '@azure/functions';
import { ScoreInputError, scoreCustomers, scoreRequestSchema } from '../shared/api/scoreCustomers';
import { readJsonBody } from '../shared/http/readJsonBody';
import { errorResponse, jsonResponse } from '../shared/http/httpErrors';
import { withStorageDeadline } from '../shared/http/withStorageDeadline';
import { apiStore } from '../shared/storage/apiStore';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/**
 * POST /api/score: segment, churn probability, priority, drivers and action for new customers (rows
 * or a manifest dataset's files as uploaded), scored by the latest model exactly as its run scored.
 */
export async function scoreHandler(request: HttpRequest) {
  const body = await readJsonBody(request, scoreRequestSchema);
  if (!body.ok) return body.response;
  const scoreRequest = body.value;
  return withStorageDeadline(async () => {
    try {
      return jsonResponse(200, await scoreCustomers(apiStore(), scoreRequest));
    } catch (err) {
      if (err instanceof ScoreInputError) return errorResponse(err.status, err.code, err.message, err.details);
      throw err;
    }
  });
}

app.http('score', { route: 'score', methods: ['POST'], authLevel: 'function', handler: withRequestLog(scoreHandler) });
