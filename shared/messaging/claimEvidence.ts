import { classifyFeature, type FeatureTheme } from './describeFeature';
import type { CustomerForMessage } from './types';

/** Quartiles of each numeric column over every customer of the run. */
export type RunDistributions = ReadonlyMap<string, { q25: number; q50: number; q75: number }>;

const cache = new WeakMap<readonly CustomerForMessage[], RunDistributions>();

/** The run's distributions, computed once per customer list. */
export function runDistributions(customers: readonly CustomerForMessage[]): RunDistributions {
  const cached = cache.get(customers);
  if (cached) return cached;
  const values = new Map<string, number[]>();
  for (const c of customers) {
    for (const [column, v] of Object.entries(c.attributes)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      let list = values.get(column);
      if (!list) values.set(column, (list = []));
      list.push(v);
    }
  }
  const out = new Map<string, { q25: number; q50: number; q75: number }>();
  for (const [column, list] of values) {
    const sorted = Float64Array.from(list).sort();
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
    out.set(column, { q25: q(0.25), q50: q(0.5), q75: q(0.75) });
  }
  cache.set(customers, out);
  return out;
}

/**
 * Whether the customer's own values back a statement on a theme: for "high", one of the customer's
 * columns of that theme is in the run's top quarter (and above the median, so a column that is
 * mostly one value backs nothing); for "low", in the bottom quarter. A category column of the theme
 * backs its neutral lines (a plan, a contract). No value, no claim.
 */
export function hasEvidence(customer: CustomerForMessage, theme: FeatureTheme, side: 'high' | 'low', distributions: RunDistributions): boolean {
  for (const [column, v] of Object.entries(customer.attributes)) {
    if (classifyFeature(column).theme !== theme) continue;
    if (typeof v === 'string' && v.trim() !== '' && neutralThemes.has(theme)) return true;
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const d = distributions.get(column);
    if (!d) continue;
    if (side === 'high' && v >= d.q75 && v > d.q50 && v > 0) return true;
    if (side === 'low' && v <= d.q25 && v < d.q50) return true;
  }
  return false;
}

const neutralThemes = new Set<FeatureTheme>(['contract', 'marketing']);
