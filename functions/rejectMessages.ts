import { app } from '@azure/functions';
import { withRequestLog } from '../shared/telemetry/withRequestLog';
import { reviewHandler } from './http/reviewHandler';

/** POST /api/messages/{requestId}/reject: records who rejected which drafts, and rewrites approved.jsonl / approved.csv. */
export const rejectMessages = reviewHandler('rejected');

app.http('rejectMessages', { route: 'messages/{requestId}/reject', methods: ['POST'], authLevel: 'function', handler: withRequestLog(rejectMessages) });
