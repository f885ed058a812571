import type { z } from 'zod';
import { JsonResponse, errorResponse } from './httpErrors';

/** Request bodies larger than this are refused before parsing. */
export const maxJsonBodyBytes = 5 * 1024 * 1024;

interface BodySource {
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: JsonResponse };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads, size-checks, decodes and parses a JSON body; every failure is a 4xx that says what is
 * wrong. Bytes that are not UTF-8 are refused rather than silently replaced, and a leading BOM (as
 * Windows tools write) is accepted.
 */
export async function readJson(request: BodySource): Promise<BodyResult<unknown>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxJsonBodyBytes) return tooLarge(declared);
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxJsonBodyBytes) return tooLarge(bytes.length);
  let text: string;
  try {
    text = utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { ok: false, response: errorResponse(400, 'invalid_encoding', 'The body is not valid UTF-8 text; send JSON encoded as UTF-8.') };
  }
  if (text.trim() === '') return { ok: false, response: errorResponse(400, 'empty_body', 'Send a JSON object as the body.') };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, response: errorResponse(400, 'invalid_json', `The body is not valid JSON: ${(err as Error).message.slice(0, 200)}`) };
  }
}

function tooLarge(bytes: number): { ok: false; response: JsonResponse } {
  return {
    ok: false,
    response: errorResponse(413, 'body_too_large', `The body is ${bytes} bytes; the limit is ${maxJsonBodyBytes}. Split the request into smaller ones.`),
  };
}

/** readJson, then validation against a zod schema; the first issue becomes the message, all are in details. */
export async function readJsonBody<S extends z.ZodType>(request: BodySource, schema: S): Promise<BodyResult<z.infer<S>>> {
  const json = await readJson(request);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value, { reportInput: true });
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i) }));
    const first = details[0]!;
    return {
      ok: false,
      response: errorResponse(400, 'invalid_request', `${first.path ? `${first.path}: ` : ''}${first.message}`, details),
    };
  }
  return { ok: true, value: parsed.data };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; remove them`;
  return issue.message;
}
