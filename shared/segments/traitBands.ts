/** Where a segment stands on risk and on value: the bands both its name and its action are chosen by. */
export interface TraitBands {
  /** Mean risk at least 1.25 times the population's. */
  risky: boolean;
  /** Mean risk at most 0.8 times the population's. */
  safe: boolean;
  /** Mean value at least 0.4 standard deviations above the population's. */
  highValue: boolean;
  /** Mean value at least 0.4 standard deviations below the population's. */
  lowValue: boolean;
}

/** Without a risk score a segment is neither risky nor safe; without a value column, neither high nor low value. */
export function traitBands(t: { riskRatio?: number; valueZ?: number }): TraitBands {
  const risk = t.riskRatio ?? 1, value = t.valueZ ?? 0;
  return { risky: risk >= 1.25, safe: risk <= 0.8, highValue: value >= 0.4, lowValue: value <= -0.4 };
}
