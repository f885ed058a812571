/** One piece of personal-looking data found in a text. */
export interface PersonalDataFinding {
  kind: 'email' | 'phone' | 'card' | 'iban' | 'known';
  match: string;
}

const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/gu;
// Digits with the separators people write phone numbers with; judged by digit count below.
const phonePattern = /\+?\(?\d[\d\s().-]{6,22}\d/g;
const ibanPattern = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;

/**
 * Emails, phone numbers, card numbers, IBANs, and any of `known` (the customer's own personal
 * values: a name, an id) found in `text`. Parts of `allowed` (an offer's own text, which may carry
 * a hotline number) are not findings.
 */
export function findPersonalData(
  text: string,
  options: { known?: readonly string[]; allowed?: readonly string[] } = {},
): PersonalDataFinding[] {
  const allowed = (options.allowed ?? []).join('\n');
  const findings: PersonalDataFinding[] = [];
  const add = (kind: PersonalDataFinding['kind'], match: string) => {
    if (!allowed.includes(match.trim())) findings.push({ kind, match: match.trim() });
  };
  for (const m of text.matchAll(emailPattern)) add('email', m[0]);
  for (const m of text.matchAll(ibanPattern)) add('iban', m[0]);
  for (const m of text.matchAll(phonePattern)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) add('card', m[0]);
    else if (digits.length >= 9 && digits.length <= 15 && !looksLikeAmountOrDate(m[0])) add('phone', m[0]);
  }
  if (options.known && options.known.length > 0) {
    const lower = text.toLowerCase();
    for (const value of options.known) {
      const v = value.trim();
      if (v.length >= 3 && containsWord(lower, v.toLowerCase())) add('known', v);
    }
  }
  return findings;
}

/** Whether a single cell value looks like personal data (used to drop it from prompts). */
export function looksPersonalValue(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) >= 1e8;
  if (typeof value !== 'string') return false;
  return findPersonalData(value).length > 0;
}

function looksLikeAmountOrDate(s: string): boolean {
  // "2024-01-31", "1.234.567", "12 500.50": dates and grouped amounts are not phone numbers.
  return /^\d{4}-\d{2}-\d{2}/.test(s.trim()) || /^\d{1,3}([ .]\d{3})+([.,]\d{1,2})?$/.test(s.trim());
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const wordChar = /[\p{L}\p{N}]/u;

// A plain search with a boundary check: a case-insensitive Unicode regex per value costs milliseconds to build.
function containsWord(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = at > 0 ? haystack[at - 1] : '';
    const after = haystack[at + needle.length] ?? '';
    if (!(before && wordChar.test(before)) && !(after && wordChar.test(after))) return true;
  }
  return false;
}
