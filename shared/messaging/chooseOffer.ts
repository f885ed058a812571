import { normalizeFieldName } from './isPersonalField';
import type { Offer, OfferCatalog, OfferCondition } from './offerCatalogSchema';
import type { AttributeValue, Channel, CustomerForMessage, Goal, SegmentProfile } from './types';

export interface ChosenOffer {
  offer: Offer;
  score: number;
  /** Why it won, for logs and for a marketer checking the choice. */
  reasons: string[];
}

export interface ChooseOfferOptions {
  channel?: Channel;
  goal?: Goal;
  /** At or above this churn probability a customer counts as at risk. */
  highRisk?: number;
}

/**
 * The customer's best eligible offer: eligibility first (segment, goal, churn bounds, feature
 * conditions, channel), then the best score from the segment's affinity (offers aimed at that
 * segment), the customer's preferred category where a column says it, and churn risk (retention
 * offers for customers at risk, upsell offers for the others). Ties keep catalogue order.
 */
export function chooseOffer(
  customer: CustomerForMessage,
  segment: SegmentProfile | undefined,
  catalog: OfferCatalog | undefined,
  options: ChooseOfferOptions = {},
): ChosenOffer | undefined {
  if (!catalog || catalog.offers.length === 0) return undefined;
  const highRisk = options.highRisk ?? 0.5;
  const risk = customer.churnProbability;
  const atRisk = (customer.runGoal ?? 'churn') === 'churn' && risk !== null && risk >= highRisk;
  const preferred = preferredCategory(customer.attributes);
  let best: ChosenOffer | undefined;
  for (const offer of catalog.offers) {
    if (!isEligible(offer, customer, options)) continue;
    const reasons: string[] = [];
    let score = offer.priority;
    if (offer.eligibility?.segments?.includes(customer.segment)) {
      score += 2;
      reasons.push(`aimed at segment ${segment?.name ?? customer.segment}`);
    }
    const conditions = offer.eligibility?.conditions ?? [];
    if (conditions.length > 0) {
      // Eligible already, so every condition holds: a targeted offer beats a general one.
      score += 2;
      reasons.push(`meets ${conditions.map((c) => `${c.feature} ${c.op} ${JSON.stringify(c.value)}`).join(', ')}`);
    }
    if (preferred && offer.category && sameText(offer.category, preferred)) {
      score += 3;
      reasons.push(`matches the preferred category "${preferred}"`);
    }
    if (offer.kind === 'retention') {
      score += atRisk ? 3 : -1;
      if (atRisk) reasons.push(`retention offer for a churn risk of ${risk.toFixed(2)}`);
    } else if (offer.kind === 'upsell' && risk !== null) {
      // Without a score the customer is not known to be safe: an upsell is neither favoured nor held back.
      score += atRisk ? -1 : 2;
      if (!atRisk) reasons.push('upsell offer for a customer not at risk');
    } else if (offer.kind === 'reengage' && options.goal === 'reengage') {
      score += 2;
      reasons.push('re-engagement offer for a re-engagement message');
    }
    if (options.goal && offer.eligibility?.goals?.includes(options.goal)) score += 1;
    if (!best || score > best.score) best = { offer, score, reasons };
  }
  return best;
}

/** The value of a column naming the customer's favourite category ("Популярная_категория", "PreferedOrderCat"). */
export function preferredCategory(attributes: Record<string, AttributeValue>): string | undefined {
  for (const [column, value] of Object.entries(attributes)) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    if (/categor|категори|order_cat/.test(normalizeFieldName(column))) return value.trim();
  }
  return undefined;
}

function isEligible(offer: Offer, customer: CustomerForMessage, options: ChooseOfferOptions): boolean {
  if (options.channel && offer.channels && !offer.channels.includes(options.channel)) return false;
  const e = offer.eligibility;
  if (!e) return true;
  if (e.segments && !e.segments.includes(customer.segment)) return false;
  if (e.goals && options.goal && !e.goals.includes(options.goal)) return false;
  // A bound on the score cannot be met by a customer the run has no score for.
  const risk = customer.churnProbability;
  if (e.minChurnProbability !== undefined && (risk === null || risk < e.minChurnProbability)) return false;
  if (e.maxChurnProbability !== undefined && (risk === null || risk > e.maxChurnProbability)) return false;
  return (e.conditions ?? []).every((c) => meetsCondition(c, customer.attributes));
}

function meetsCondition(condition: OfferCondition, attributes: Record<string, AttributeValue>): boolean {
  const actual = lookup(attributes, condition.feature);
  // A customer without the column cannot be shown to qualify.
  if (actual === undefined || actual === null || actual === '') return false;
  const expected = condition.value;
  if (condition.op === 'in') {
    const options = Array.isArray(expected) ? expected : [expected];
    return options.some((o) => equal(actual, o));
  }
  if (Array.isArray(expected)) return false;
  if (condition.op === '==') return equal(actual, expected);
  if (condition.op === '!=') return !equal(actual, expected);
  const a = toNumber(actual);
  const b = toNumber(expected);
  if (a === undefined || b === undefined) return false;
  switch (condition.op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function lookup(attributes: Record<string, AttributeValue>, feature: string): AttributeValue | undefined {
  if (feature in attributes) return attributes[feature];
  const wanted = normalizeFieldName(feature);
  for (const [column, value] of Object.entries(attributes)) {
    if (normalizeFieldName(column) === wanted) return value;
  }
  return undefined;
}

function equal(a: AttributeValue, b: string | number | boolean): boolean {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  return sameText(String(a), String(b));
}

function toNumber(v: AttributeValue | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim().replace(',', '.'));
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  return a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;
}
