export interface SegmentTraits {
  /** Standardized difference from the population, strongest first. */
  distinguishing: { feature: string; z: number }[];
  /** Segment mean risk relative to the population mean risk (1 = average). */
  riskRatio?: number;
  /** Segment value in population standard deviations from the mean value. */
  valueZ?: number;
}

const THEMES: { re: RegExp; high: string; low: string }[] = [
  { re: /promo|discount|coupon|cashback|sale|акци|скидк/i, high: 'bargain hunters', low: 'full-price buyers' },
  { re: /minut|time|visit|page|session|app|view|просмотр|минут|страниц|engage/i, high: 'engaged', low: 'disengaged' },
  { re: /complain|error|ошибк|unpaid|неоплач|support|ticket/i, high: 'with service issues', low: 'trouble-free' },
  { re: /tenure|длительн|months|age_?days|since_?signup/i, high: 'long-standing', low: 'newer' },
  { re: /recen|days?_?since|daysincelast/i, high: 'lapsing', low: 'recently active' },
  { re: /order|frequen|purchase|покуп|заказ/i, high: 'frequent buyers', low: 'occasional buyers' },
  { re: /spend|revenue|charge|amount|выручк|прибыл|monetary|value/i, high: 'big spenders', low: 'light spenders' },
];

/**
 * A short human name from risk, value and the most distinguishing features, e.g.
 * "High-value at risk", "Engaged bargain hunters", "Steady · newer".
 */
export function nameSegment(t: SegmentTraits): string {
  const risky = (t.riskRatio ?? 1) >= 1.25, safe = (t.riskRatio ?? 1) <= 0.8;
  const highValue = (t.valueZ ?? 0) >= 0.4, lowValue = (t.valueZ ?? 0) <= -0.4;
  if (highValue && risky) return 'High-value at risk';
  if (highValue && safe) return 'Loyal high-value';
  const descriptors: string[] = [];
  for (const d of t.distinguishing) {
    // one-hot columns ("Contract=Two year") name a category, not a quantity: no themes for them
    if (Math.abs(d.z) < 0.4 || d.feature.includes('=')) continue;
    const theme = THEMES.find((th) => th.re.test(d.feature));
    const word = theme ? (d.z > 0 ? theme.high : theme.low) : undefined;
    if (word && !descriptors.includes(word)) descriptors.push(word);
    if (descriptors.length === 2) break;
  }
  const noun = descriptors.find((w) => /buyers|hunters|spenders/.test(w));
  const adjective = descriptors.find((w) => w !== noun);
  const phrase = noun ? `${adjective ? adjective + ' ' : ''}${noun}` : adjective;
  if (risky) return phrase ? `At risk: ${phrase}` : lowValue ? 'Low-value drifting away' : 'At risk';
  if (phrase) return capitalize(phrase) + (highValue ? ' (high value)' : '');
  if (t.distinguishing.length > 0 && Math.abs(t.distinguishing[0].z) >= 0.4) {
    const d = t.distinguishing[0];
    const [column, category] = d.feature.split('=');
    if (category !== undefined) return d.z > 0 ? `Mostly ${column}: ${category}` : `Few ${column}: ${category}`;
    return `${d.z > 0 ? 'High' : 'Low'} ${d.feature}`;
  }
  return safe ? 'Steady customers' : 'Typical customers';
}

/** A next step a marketer can act on, from the same traits. */
export function suggestAction(t: SegmentTraits): string {
  const risky = (t.riskRatio ?? 1) >= 1.25, safe = (t.riskRatio ?? 1) <= 0.8;
  const highValue = (t.valueZ ?? 0) >= 0.4, lowValue = (t.valueZ ?? 0) <= -0.4;
  if (highValue && risky) return 'Reach out personally this week with a retention offer; ask what is missing before they leave.';
  if (risky && lowValue) return 'Send a low-cost win-back message (reminder or small time-limited discount); do not spend much per customer.';
  if (risky) return 'Start a win-back sequence: remind them of value, address the drivers behind their risk, and offer an incentive.';
  if (highValue && safe) return 'Reward loyalty (early access, VIP perks) and invite referrals; avoid discounts they do not need.';
  if (safe) return 'Keep engaged with regular, relevant content and cross-sell complementary products.';
  return 'Nurture with personalised recommendations and test offers to move them toward higher value.';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
