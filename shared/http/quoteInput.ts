/**
 * A client's value as it may appear inside an error message: quoted, control and bidi characters
 * escaped (a message must read the same in a terminal and a log), and cut short, so echoing a
 * hostile or 5,000-character value never makes the message itself hostile or unreadable.
 */
export function quoteInput(value: unknown, maxChars = 60): string {
  const text = typeof value === 'string' ? value : String(value);
  const chars = [...text];
  const shown = chars.length > maxChars ? `${chars.slice(0, maxChars).join('')}…` : text;
  // eslint-disable-next-line no-control-regex
  const escaped = shown.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udfff]/gu, (c) =>
    `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped.replace(/"/g, '\\"')}"${chars.length > maxChars ? ` (${chars.length} characters)` : ''}`;
}
