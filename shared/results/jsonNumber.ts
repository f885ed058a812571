/** The text of 0 to 9999 ten-thousandths after the decimal point, trailing zeros dropped (`.5`, `.0662`; 0 has none). */
const fractions = Array.from({ length: 10_000 }, (_, f) => (f === 0 ? '' : `.${String(f).padStart(4, '0').replace(/0+$/, '')}`));

/**
 * A number as JSON.stringify writes it (null for NaN and ±Infinity), found about twice as fast for
 * the values uploaded columns mostly hold, at most 4 decimals below a billion (`12.5`, `-0.0662`):
 * V8's search for the shortest text that reads back costs as much as the rest of a customers.jsonl
 * line. Such a value's shortest text is its 4-decimal text without trailing zeros, since no other
 * decimal that short lies within its rounding interval, and JavaScript writes every number from
 * 1e-6 to 1e21 without an exponent. Any other value is left to JSON.stringify.
 */
export function jsonNumber(value: number): string {
  const scaled = Math.round(value * 10_000);
  // Division is correctly rounded, as reading the decimal text is: equal means the text reads back as `value`.
  if (scaled / 10_000 !== value || !(scaled > -1e13 && scaled < 1e13)) return JSON.stringify(value);
  if (scaled === 0) return '0';
  const magnitude = scaled < 0 ? -scaled : scaled;
  const fraction = magnitude % 10_000;
  return `${scaled < 0 ? '-' : ''}${(magnitude - fraction) / 10_000}${fractions[fraction]}`;
}
