import { parseNumberText } from '../ingest/parseCellText';

/** Larger magnitudes are no customer's spend, count or tenure: a unit or typing mistake, refused. */
const largest = 1e15;

/**
 * A number sent to the API, read as uploaded files are read (a point for decimals, commas only as
 * thousands separators: "1,000" is 1000), or the reason it is not one: hex, booleans, "1,5" (a
 * decimal comma the API cannot tell from a thousands group), non-finite and absurd values are refused
 * rather than guessed.
 */
export function readRequestNumber(value: unknown): { ok: true; value: number } | { ok: false; reason: string } {
  if (typeof value === 'boolean') return { ok: false, reason: 'is true/false, not a number' };
  if (typeof value === 'number') return checked(value);
  if (typeof value !== 'string') return { ok: false, reason: 'is not a number' };
  const text = value.trim();
  if (/^[+-]?0[xob]/i.test(text)) return { ok: false, reason: 'is written in hex, octal or binary; send a decimal number' };
  const n = parseNumberText(text, '.');
  if (Number.isNaN(n)) {
    return { ok: false, reason: /^[+-]?\d+,\d+$/.test(text) ? 'has a decimal comma or a thousands group that cannot be told apart; send it with a decimal point' : 'is not a number' };
  }
  return checked(n);
}

function checked(n: number): { ok: true; value: number } | { ok: false; reason: string } {
  if (!Number.isFinite(n)) return { ok: false, reason: 'is not a finite number' };
  if (Math.abs(n) > largest) return { ok: false, reason: `is beyond ±${largest.toExponential(0)}, not a plausible value` };
  return { ok: true, value: n };
}
