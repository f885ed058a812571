/**
 * Text that a spreadsheet would run as a formula (= + - @, or a leading tab / carriage return) gets
 * a leading apostrophe, the convention spreadsheets use for "this is text" (OWASP CSV injection).
 * Numbers are written as numbers and never touched.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
