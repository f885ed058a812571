import { segmentActions, segmentNameWords, type Outcome } from './goalWording';
import { traitBands } from './traitBands';

export interface SegmentTraits {
  /** Standardized difference from the population, strongest first. */
  distinguishing: { feature: string; z: number }[];
  /** Segment mean risk relative to the population mean risk (1 = average). */
  riskRatio?: number;
  /** Segment value in population standard deviations from the mean value. */
  valueZ?: number;
  /**
   * What a high risk means: churn (leaving), conversion (buying, responding) or neutral. Without it
   * the words are churn's.
   */
  outcome?: Outcome;
}

const churnOutcome: Outcome = { goal: 'churn' };

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
 * "High-value at risk", "Engaged bargain hunters", "Steady · newer"; a conversion target's
 * segments are "Likely buyers", never "at risk".
 */
export function nameSegment(t: SegmentTraits): string {
  const words = segmentNameWords(t.outcome ?? churnOutcome);
  const { risky, safe, highValue, lowValue } = traitBands(t);
  if (highValue && risky) return words.highValueHigh;
  if (highValue && safe) return words.highValueLow;
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
  if (risky) return phrase ? `${words.high}: ${phrase}` : lowValue ? words.lowValueHigh : words.high;
  if (phrase) return capitalize(phrase) + (highValue ? ' (high value)' : '');
  if (t.distinguishing.length > 0 && Math.abs(t.distinguishing[0].z) >= 0.4) {
    const d = t.distinguishing[0];
    const [column, category] = d.feature.split('=');
    if (category !== undefined) return d.z > 0 ? `Mostly ${column}: ${category}` : `Few ${column}: ${category}`;
    return `${d.z > 0 ? 'High' : 'Low'} ${d.feature}`;
  }
  return safe ? words.low : 'Typical customers';
}

/** A next step a marketer can act on, from the same traits and the goal. */
export function suggestAction(t: SegmentTraits): string {
  const actions = segmentActions(t.outcome ?? churnOutcome);
  const { risky, safe, highValue, lowValue } = traitBands(t);
  if (highValue && risky) return actions.highValueHigh;
  if (risky && lowValue) return actions.highLowValue;
  if (risky) return actions.high;
  if (highValue && safe) return actions.highValueLow;
  if (safe) return actions.low;
  return actions.typical;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
