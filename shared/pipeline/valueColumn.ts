/** Names that say a column measures what a customer is worth, most specific first. */
const preferences = [
  /profit|прибыль|margin/i,
  /monetary|clv|ltv|lifetime_?value/i,
  /revenue|выручк|sales|total_?(charges|spent|paid)/i,
  /monthly_?(charges|spend)|spend|amount|cashback/i,
];

/** The value column behind priority (risk × value): the manifest's, else the best-named numeric column. */
export function valueColumn(numeric: string[], manifestValue?: string): string | undefined {
  if (manifestValue && numeric.includes(manifestValue)) return manifestValue;
  for (const pattern of preferences) {
    const found = numeric.find((c) => pattern.test(c));
    if (found) return found;
  }
  return undefined;
}
