import type { PlanEffect } from './LiftDocument';

/** One customer the plan may contact, from the latest run. */
export interface PlanCustomer {
  id: string;
  segment: number;
  /** The positive outcome's probability (churn or conversion); null when the run has no score. */
  probability: number | null;
  /** Money at stake (the value column); 1 when the run has none, so gains count customers. */
  value: number;
  /** The customer's own uplift estimate (change in the positive outcome's probability), when the run has one. */
  uplift?: number;
}

/** An offer the plan may attach: its own cost per contact, and its effect as a multiple of the measured one. */
export interface PlanOffer {
  id: string;
  costPerContact?: number;
  effect?: number;
}

export interface PlanOptions {
  budget: number;
  costPerContact: number;
  offers?: PlanOffer[];
  effect: PlanEffect;
  /** 1 when the campaign wants the positive outcome (conversion), −1 when it wants it avoided (churn). */
  direction: 1 | -1;
}

export interface Range {
  value: number;
  low: number;
  high: number;
}

export interface PlannedContact {
  customerId: string;
  segment: number;
  offer?: string;
  cost: number;
  expectedGain: number;
}

export interface TargetingPlan {
  contacts: number;
  spent: number;
  /** Expected saved (churn) or won (conversion) value of the contacts, over the effect's interval. */
  expectedGain: Range;
  /** expectedGain − spent. */
  expectedReturn: Range;
  /** Why the plan stops where it does. */
  stoppedBecause: 'budget' | 'no-positive-return' | 'no-customers';
  /** The same number of contacts chosen at random, or by highest probability first, valued the same way. */
  alternatives: { random: number; highestRiskFirst: number };
  /** Customers without a probability (and without uplift) cannot be valued and are left out. */
  unscored: number;
  customers: PlannedContact[];
}

/**
 * Whom to contact within a budget: each customer's expected gain is probability × value × effect
 * (or the customer's own uplift × value), each offer's net gain its gain × the offer's effect minus
 * its cost; customers are taken by net gain, best first, while the net gain is positive and the
 * budget lasts. The range follows the effect's interval, which moves every customer's gain together.
 */
export function planTargeting(customers: PlanCustomer[], options: PlanOptions): TargetingPlan {
  const { effect, direction } = options;
  const bySegment = new Map(effect.bySegment.map((s) => [s.segment, s]));
  const scale = effect.relative.value !== 0 ? { low: effect.relative.low / effect.relative.value, high: effect.relative.high / effect.relative.value } : { low: 1, high: 1 };
  const offers: PlanOffer[] = options.offers?.length ? options.offers : [{ id: '', effect: 1 }];
  let unscored = 0;
  const candidates: { customer: PlanCustomer; gain: Range; offer: PlanOffer; cost: number; net: number }[] = [];
  for (const customer of customers) {
    const gain = customerGain(customer, effect, bySegment, direction, scale);
    if (!gain) {
      unscored++;
      continue;
    }
    let best: (typeof candidates)[number] | undefined;
    for (const offer of offers) {
      const m = offer.effect ?? 1;
      const cost = offer.costPerContact ?? options.costPerContact;
      const net = gain.value * m - cost;
      if (!best || net > best.net) best = { customer, gain: { value: gain.value * m, low: gain.low * m, high: gain.high * m }, offer, cost, net };
    }
    candidates.push(best!);
  }
  candidates.sort((a, b) => b.net - a.net || (a.customer.id < b.customer.id ? -1 : 1));

  const chosen: typeof candidates = [];
  let spent = 0;
  let overBudget = false;
  for (const c of candidates) {
    if (c.net <= 0) break;
    if (spent + c.cost > options.budget + 1e-9) {
      overBudget = true;
      continue;
    }
    chosen.push(c);
    spent += c.cost;
  }
  const stoppedBecause: TargetingPlan['stoppedBecause'] = !candidates.length ? 'no-customers' : overBudget ? 'budget' : 'no-positive-return';
  const sum = (key: keyof Range) => chosen.reduce((s, c) => s + c.gain[key], 0);
  const expectedGain = { value: sum('value'), low: sum('low'), high: sum('high') };
  const k = chosen.length;
  const meanGain = candidates.length ? candidates.reduce((s, c) => s + c.gain.value, 0) / candidates.length : 0;
  const byRisk = [...candidates].sort((a, b) => (b.customer.probability ?? -1) - (a.customer.probability ?? -1));
  return {
    contacts: k,
    spent,
    expectedGain,
    expectedReturn: { value: expectedGain.value - spent, low: expectedGain.low - spent, high: expectedGain.high - spent },
    stoppedBecause,
    alternatives: { random: meanGain * k, highestRiskFirst: byRisk.slice(0, k).reduce((s, c) => s + c.gain.value, 0) },
    unscored,
    customers: chosen.map((c) => ({ customerId: c.customer.id, segment: c.customer.segment, ...(c.offer.id ? { offer: c.offer.id } : {}), cost: c.cost, expectedGain: c.gain.value })),
  };
}

/** A customer's expected gain from contact, with the effect's range; undefined when it cannot be valued. */
function customerGain(
  customer: PlanCustomer,
  effect: PlanEffect,
  bySegment: Map<number, { value: number; low: number; high: number }>,
  direction: 1 | -1,
  scale: { low: number; high: number },
): Range | undefined {
  if (effect.source === 'uplift' && customer.uplift !== undefined && Number.isFinite(customer.uplift)) {
    const g = direction * customer.uplift * customer.value;
    const a = g * scale.low, b = g * scale.high;
    return { value: g, low: Math.min(a, b), high: Math.max(a, b) };
  }
  if (customer.probability === null || !Number.isFinite(customer.probability)) return undefined;
  const rel = bySegment.get(customer.segment) ?? effect.relative;
  const base = customer.probability * customer.value;
  return { value: base * rel.value, low: base * rel.low, high: base * rel.high };
}
