import { z } from 'zod';
import type { ReviewDecision } from './messageReview';

/** Who decides: the signed-in principal on Azure (App Service authentication), else the reviewer header sent locally. */
export const reviewerHeaders = ['x-ms-client-principal-name', 'x-segmentwise-reviewer'] as const;

const reviewBody = z.strictObject({
  customerIds: z.array(z.union([z.string().min(1).max(200), z.number().finite().transform(String)])).min(1).max(10_000).optional(),
  /** Why, for the record (kept with the decision's reviewer). */
  note: z.string().max(500).optional(),
});

export type ParsedReview =
  | { ok: true; decision: ReviewDecision; customerIds?: string[]; by: string }
  | { ok: false; status: 400; code: string; message: string };

/** The body (`{}` for every draft, or `{ "customerIds": [...] }`) and the reviewer of an approve or reject call. */
export function parseReviewRequest(decision: ReviewDecision, body: unknown, header: (name: string) => string | null): ParsedReview {
  const parsed = reviewBody.safeParse(body ?? {});
  if (!parsed.success) {
    return { ok: false, status: 400, code: 'invalid_request', message: `The body must be {} or {"customerIds": ["…"]}: ${parsed.error.issues.map((i) => i.message).join('; ')}.` };
  }
  const by = reviewerHeaders.map((h) => header(h)?.trim()).find((v) => v !== undefined && v !== '');
  if (!by) {
    return {
      ok: false,
      status: 400,
      code: 'reviewer_required',
      message: 'Say who reviews: sign in (App Service authentication sets x-ms-client-principal-name) or send the x-segmentwise-reviewer header.',
    };
  }
  return { ok: true, decision, by: by.slice(0, 200), ...(parsed.data.customerIds ? { customerIds: parsed.data.customerIds } : {}) };
}
