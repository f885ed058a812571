/** Numbers as docs/CONTRACTS.md asks: at most 6 significant decimals, no exponent for everyday sizes, no separators. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  const rounded = Number(value.toPrecision(Math.max(6, Math.ceil(Math.log10(Math.abs(value) + 1)) + 6)));
  const fixed = Number(rounded.toFixed(6));
  return String(fixed);
}
