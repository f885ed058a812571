import { app } from '@azure/functions';
import { withRequestLog } from '../shared/telemetry/withRequestLog';
import { reviewHandler } from './http/reviewHandler';

/** POST /api/messages/{requestId}/approve: records who approved which drafts, and rewrites approved.jsonl / approved.csv. */
export const approveMessages = reviewHandler('approved');

app.http('approveMessages', { route: 'messages/{requestId}/approve', methods: ['POST'], authLevel: 'function', handler: withRequestLog(approveMessages) });
