import type { z } from 'zod';
import { JsonResponse, errorResponse } from './httpErrors';

/** Request bodies larger than this are refused before parsing. */
export const maxJsonBodyBytes = 5 * 1024 * 1024;

interface BodySource {
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Reads, size-checks, parses and validates a JSON body; every failure is a 4xx that says what is wrong. */
export async function readJsonBody<S extends z.ZodType>(
  request: BodySource,
  schema: S,
): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: JsonResponse }> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxJsonBodyBytes) {
    return { ok: false, response: errorResponse(413, 'body_too_large', `The body is ${declared} bytes; the limit is ${maxJsonBodyBytes}.`) };
  }
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxJsonBodyBytes) {
    return { ok: false, response: errorResponse(413, 'body_too_large', `The body is ${bytes.length} bytes; the limit is ${maxJsonBodyBytes}.`) };
  }
  if (bytes.length === 0) return { ok: false, response: errorResponse(400, 'empty_body', 'Send a JSON body.') };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return { ok: false, response: errorResponse(400, 'invalid_json', `The body is not valid JSON: ${(err as Error).message}`) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = details[0]!;
    return {
      ok: false,
      response: errorResponse(400, 'invalid_request', `${first.path ? `${first.path}: ` : ''}${first.message}`, details),
    };
  }
  return { ok: true, value: parsed.data };
}
