/** HTTP answers in the shape docs/CONTRACTS.md fixes: `{ error: { code, message, details? } }` with a 4xx. */
export interface JsonResponse {
  status: number;
  jsonBody: unknown;
  headers?: Record<string, string>;
}

export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): JsonResponse {
  return { status, jsonBody: body, ...(headers ? { headers } : {}) };
}

export function errorResponse(status: number, code: string, message: string, details?: unknown): JsonResponse {
  return { status, jsonBody: { error: { code, message, ...(details !== undefined ? { details } : {}) } } };
}

/** durable-functions' client rejects unknown instances with an error that mentions the 404. */
export function isUnknownInstanceError(err: unknown): boolean {
  return err instanceof Error && /HTTP 404/.test(err.message);
}
