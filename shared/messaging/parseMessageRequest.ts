import type { z } from 'zod';
import { messageRequestSchema, type MessageRequest } from './messageRequestSchema';

/** The `error` member of a 400 reply (docs/CONTRACTS.md: `{ error: { code, message, details } }`). */
export interface RequestError {
  code: 'invalid_request';
  message: string;
  details: { path: string; message: string }[];
}

export type ParsedMessageRequest = { ok: true; request: MessageRequest } | { ok: false; error: RequestError };

/** Validates a POST /api/messages body and words every problem so a curl user can fix it. */
export function parseMessageRequest(body: unknown): ParsedMessageRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      error: {
        code: 'invalid_request',
        message: 'The body must be a JSON object such as {"dataset": "telco-churn", "segment": 0, "channel": "email"}.',
        details: [],
      },
    };
  }
  // reportInput puts the offending value on each issue, so "missing" and "wrong type" read differently.
  const parsed = messageRequestSchema.safeParse(body, { reportInput: true });
  if (parsed.success) return { ok: true, request: parsed.data };
  const details = describeIssues(parsed.error.issues);
  return {
    ok: false,
    error: {
      code: 'invalid_request',
      message: `Invalid message request: ${details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ')}.`,
      details,
    },
  };
}

function describeIssues(issues: z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { path, message: `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) return { path, message: 'is required' };
    return { path, message: issue.message };
  });
}
