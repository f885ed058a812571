/** Numbers as docs/CONTRACTS.md asks: at most 6 significant decimals, no exponent for everyday sizes, no separators. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  // One rounding, of the exact binary value: rounding first to some significant digits and then to
  // 6 decimals would round twice (0.25426350256 became 0.254263, not 0.254264).
  const fixed = value.toFixed(6);
  // Below a billion, that text without its trailing zeros is the shortest text of the number it
  // reads as (no other decimal that short lies within the number's rounding interval), so it is
  // what String(Number(fixed)) gives, found without two more conversions: float noise and trailing
  // zeros go alike (0.1 + 0.2 is written 0.3).
  if (value <= -1e9 || value >= 1e9) return String(Number(fixed));
  let end = fixed.length;
  while (fixed.charCodeAt(end - 1) === 48) end--;
  if (fixed.charCodeAt(end - 1) === 46) end--;
  const text = fixed.slice(0, end);
  return text === '-0' ? '0' : text;
}
