/** Tokens pandas reads as missing, plus the Excel error values. */
const missingTokens = new Set([
  '', 'na', 'n/a', 'nan', 'null', 'none', '#n/a', '#na', '-nan', '<na>', 'nil', '#value!', '#div/0!', '#ref!', '#num!', '#name?',
]);

export function isMissingText(text: string): boolean {
  if (text.length === 0) return true;
  const c = text.charCodeAt(0);
  // Digits and most letters cannot start a missing-value token: skip the lookup for them.
  if ((c >= 48 && c <= 57) || (c >= 0x400 && c <= 0x4ff)) return false;
  if (text.length <= 8) return missingTokens.has(text.trim().toLowerCase());
  return text.charCodeAt(0) <= 32 && text.trim() === '';
}

const plainNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const commaDecimal = /^[+-]?\d+,\d+$/;
// Thousands groups: "1 234,5", "1.234.567,8", "1 234 567".
const groupedCommaDecimal = /^[+-]?\d{1,3}([ \u00a0\u202f.]\d{3})+(,\d+)?$/;
const groupedDotDecimal = /^[+-]?\d{1,3}([,\u00a0\u202f ]\d{3})+(\.\d+)?$/;

/**
 * Reads a number written as text the way spreadsheets and locales write it, or returns NaN.
 * `decimal` is the file's decimal mark; thousands separators are accepted in either case.
 */
export function parseNumberText(text: string, decimal: '.' | ',' = '.'): number {
  let s = text;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) s = s.trim();
  if (plainNumber.test(s)) return Number(s);
  if (decimal === ',') {
    if (commaDecimal.test(s)) return Number(s.replace(',', '.'));
    if (groupedCommaDecimal.test(s)) return Number(s.replace(/[ \u00a0\u202f.]/g, '').replace(',', '.'));
  } else if (groupedDotDecimal.test(s)) {
    return Number(s.replace(/[,\u00a0\u202f ]/g, ''));
  }
  return NaN;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const dottedDate = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads an ISO date ("2010-12-01 09:32:00") or a European dotted date ("01.12.2010") as epoch ms (UTC
 * when no zone is given), or returns NaN. Slash dates are left as text: d/m and m/d cannot be told apart.
 */
export function parseDateText(text: string): number {
  const s = text.trim();
  let m = isoDate.exec(s);
  if (m) {
    if (m[8]) return Date.parse(s.replace(' ', 'T'));
    const ms = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
    return checkedUtc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms);
  }
  m = dottedDate.exec(s);
  if (m) return checkedUtc(+m[3], +m[2], +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0);
  return NaN;
}

function checkedUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}
