import { normalUpperTail, z95 } from './normalQuantiles';

/** A share with its Wilson score interval (95 %). */
export interface ProportionEstimate {
  customers: number;
  events: number;
  rate: number;
  low: number;
  high: number;
}

/** Treated minus control, with Newcombe's hybrid score interval and the pooled two-proportion z-test. */
export interface ProportionDifference {
  treated: ProportionEstimate;
  control: ProportionEstimate;
  difference: number;
  low: number;
  high: number;
  pValue: number;
  method: 'newcombe-wilson';
}

/**
 * Wilson's score interval: unlike the plain normal interval it stays inside 0..1 and keeps its
 * coverage for rare outcomes (a 1 % conversion rate), which campaign outcomes often are.
 */
export function wilsonInterval(events: number, customers: number, z = z95): ProportionEstimate {
  if (customers === 0) return { customers, events, rate: NaN, low: NaN, high: NaN };
  const p = events / customers;
  const z2 = z * z;
  const denominator = 1 + z2 / customers;
  const centre = (p + z2 / (2 * customers)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / customers + z2 / (4 * customers * customers));
  return { customers, events, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's method 10: the difference's interval from each group's Wilson interval. Its coverage is
 * close to 95 % even when one group has few events, where the Wald interval is too narrow.
 */
export function proportionDifference(treatedEvents: number, treatedCustomers: number, controlEvents: number, controlCustomers: number): ProportionDifference {
  const treated = wilsonInterval(treatedEvents, treatedCustomers);
  const control = wilsonInterval(controlEvents, controlCustomers);
  const difference = treated.rate - control.rate;
  const low = difference - Math.sqrt((treated.rate - treated.low) ** 2 + (control.high - control.rate) ** 2);
  const high = difference + Math.sqrt((treated.high - treated.rate) ** 2 + (control.rate - control.low) ** 2);
  const pooled = (treatedEvents + controlEvents) / (treatedCustomers + controlCustomers);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / treatedCustomers + 1 / controlCustomers));
  const pValue = se > 0 ? 2 * normalUpperTail(Math.abs(difference) / se) : difference === 0 ? 1 : 0;
  return { treated, control, difference, low, high, pValue, method: 'newcombe-wilson' };
}
