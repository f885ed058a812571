/** A signed number as a spreadsheet reads one ("-0.5", "+1e3"): it becomes that number, nothing runs. */
const plainNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Text a spreadsheet would run as a formula: `= + - @` at the start, also after leading blanks
 * (spreadsheets trim them before deciding), and a leading tab or carriage return (OWASP CSV injection).
 * A plain signed number is not one, so ids such as "-17" come back unchanged.
 */
export function looksLikeFormula(text: string): boolean {
  if (plainNumber.test(text)) return false;
  return /^\s*[=+\-@]/.test(text) || /^[\t\r]/.test(text);
}

/**
 * For CSV, where a cell has no type: text that looks like a formula gets a leading apostrophe, the
 * convention spreadsheets use for "this is text". Numbers are written as numbers and never touched.
 */
export function neutralizeFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
