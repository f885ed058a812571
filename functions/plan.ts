import { app, HttpRequest } from '@azure/functions';
import { planCampaign, PlanRefused, planRequestSchema } from '../shared/api/planCampaign';
import { errorResponse, jsonResponse } from '../shared/http/httpErrors';
import { readJsonBody } from '../shared/http/readJsonBody';
import { withStorageDeadline } from '../shared/http/withStorageDeadline';
import { apiStore } from '../shared/storage/apiStore';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/**
 * POST /api/plan: how many and which customers to contact within a budget, the expected return and
 * its range, from the latest run's measured lift, uplift or a stated assumption.
 */
export async function planHandler(request: HttpRequest) {
  const body = await readJsonBody(request, planRequestSchema);
  if (!body.ok) return body.response;
  const planRequest = body.value;
  return withStorageDeadline(async () => {
    try {
      return jsonResponse(200, await planCampaign(apiStore(), planRequest));
    } catch (err) {
      if (err instanceof PlanRefused) return errorResponse(err.status, err.code, err.message);
      throw err;
    }
  });
}

app.http('plan', { route: 'plan', methods: ['POST'], authLevel: 'function', handler: withRequestLog(planHandler) });
