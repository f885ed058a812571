/** Numbers as docs/CONTRACTS.md asks: at most 6 significant decimals, no exponent for everyday sizes, no separators. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  // One rounding, of the exact binary value: rounding first to some significant digits and then to
  // 6 decimals would round twice (0.25426350256 became 0.254263, not 0.254264). Number() then drops
  // trailing zeros and float noise alike (0.1 + 0.2 is written 0.3).
  return String(Number(value.toFixed(6)));
}
