import type { HttpRequest } from '@azure/functions';
import { MessageRequestRefused } from '../../shared/api/messageJobs';
import { reviewMessages } from '../../shared/api/messageReview';
import { parseReviewRequest } from '../../shared/api/parseReviewRequest';
import { errorResponse, jsonResponse } from '../../shared/http/httpErrors';
import { readJson } from '../../shared/http/readJsonBody';
import { withStorageDeadline } from '../../shared/http/withStorageDeadline';
import { appStore } from '../../shared/storage/appStore';

/**
 * POST /api/messages/{requestId}/approve or /reject: records who decided on which drafts, and when,
 * and rewrites approved.jsonl / approved.csv. One handler for both routes, told its decision.
 */
export function reviewHandler(decision: 'approved' | 'rejected') {
  return async (request: HttpRequest) => {
    const requestId = request.params.requestId ?? '';
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(requestId)) return errorResponse(400, 'invalid_request_id', 'requestId may hold letters, digits, ".", "_" and "-" (up to 64).');
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const review = parseReviewRequest(decision, body.value, (name) => request.headers.get(name));
    if (!review.ok) return errorResponse(review.status, review.code, review.message);
    return withStorageDeadline(async () => {
      try {
        const result = await reviewMessages(appStore(), requestId, review.decision, { by: review.by, ...(review.customerIds ? { customerIds: review.customerIds } : {}) });
        return jsonResponse(200, result);
      } catch (error) {
        if (error instanceof MessageRequestRefused) return errorResponse(error.status, error.code, error.message, error.details);
        throw error;
      }
    });
  };
}
