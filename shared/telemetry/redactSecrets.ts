/** What a secret is replaced with in logs. */
export const REDACTED = '[REDACTED]';

/**
 * Patterns of secrets that end up in log text by accident: storage and Service Bus connection
 * strings, SAS tokens in URLs, function keys in `?code=`, OpenAI keys in headers, bearer tokens
 * and JWTs. Each keeps its label and hides only the value, so a log still says what was there.
 */
const secretPatterns: { pattern: RegExp; replace: string | ((...match: string[]) => string) }[] = [
  // Connection-string parts: AccountKey=...; SharedAccessKey=...; Password=...; (up to ; or a quote)
  {
    pattern:
      /\b(AccountKey|SharedAccessKey|SharedAccessSignature|AccessKey|Password|Pwd|ClientSecret|InstrumentationKey)=([^;"'\s]+)/gi,
    replace: (_m, label) => `${label}=${REDACTED}`,
  },
  // SAS signature and function keys in URLs and query strings.
  { pattern: /([?&](?:amp;)?(?:sig|code|secret|client_secret|token|api[-_]?key|access_token)=)[^&\s"'#<>]+/gi, replace: `$1${REDACTED}` },
  // Authorization headers and their values, however they were serialized.
  { pattern: /\b(Bearer|Basic|SharedKey|SharedAccessSignature)\s+[A-Za-z0-9._~+/=:%-]{8,}/g, replace: `$1 ${REDACTED}` },
  // "api-key": "...", api-key: ..., AZURE_OPENAI_API_KEY=... (headers, JSON, key=value logs)
  {
    pattern:
      /(["']?(?<![A-Za-z0-9])(?:api[-_]?key|x-functions-key|ocp-apim-subscription-key|client[-_]?secret|password|secret)["']?(?:\s*[:=]\s*|\s+(?=["']))["']?)([^"'\s,;&}]+)/gi,
    replace: `$1${REDACTED}`,
  },
  // A JSON Web Token on its own (header.payload.signature, base64url).
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, replace: REDACTED },
  // Credentials inside URLs: scheme://user:password@host
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@/\s]+@/gi, replace: `$1${REDACTED}@` },
];

/** Hide secret values in free text (log messages, error messages, URLs). */
export function redactSecrets(text: string): string {
  let result = text;
  for (const { pattern, replace } of secretPatterns) {
    result = result.replace(pattern, replace as string);
  }
  return result;
}

const secretKeyName =
  /^(?:.*(?:password|passwd|pwd|secret|api[-_]?key|apikey|access[-_]?key|account[-_]?key|sas|signature|token|credential|connection[-_]?string|authorization|cookie)|sig|code|key)$/i;

/** Whether a field name says its value is a secret (`apiKey`, `AZURE_OPENAI_API_KEY`, `authorization`, ...). */
export function isSecretFieldName(name: string): boolean {
  return secretKeyName.test(name);
}
