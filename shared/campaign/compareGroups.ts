import { meanDifference, type MeanDifference } from './meanDifference';
import { proportionDifference, type ProportionDifference } from './proportionDifference';

/** Fewest customers per group, and fewest outcomes of each kind over both groups, for a comparison to be shown. */
export const minimumGroup = { customers: 30, events: 10 } as const;

/** A measured comparison of treated against control customers, or why there is none. */
export type GroupComparison =
  | { status: 'measured'; outcome: ProportionDifference; spend?: MeanDifference }
  | { status: 'too-little-data'; treated: number; control: number; events: number; reason: string };

/**
 * Treated rows against control rows on a 0/1 outcome (and mean spend when given). Rows whose
 * outcome is missing are left out. Below `minimumGroup` no figure is returned, only the counts and
 * the reason: an interval from a handful of customers would be read as a result.
 */
export function compareGroups(treatedRows: ArrayLike<number>, controlRows: ArrayLike<number>, outcome: Float64Array, spend?: Float64Array, seed = 0): GroupComparison {
  const t = known(treatedRows, outcome), c = known(controlRows, outcome);
  const te = events(t, outcome), ce = events(c, outcome);
  const all = t.length + c.length, positive = te + ce;
  const shortOf =
    t.length < minimumGroup.customers || c.length < minimumGroup.customers
      ? `${t.length} treated and ${c.length} control customers with a known outcome; at least ${minimumGroup.customers} in each group are needed`
      : positive < minimumGroup.events || all - positive < minimumGroup.events
        ? `${positive} of ${all} customers had the outcome; at least ${minimumGroup.events} with it and ${minimumGroup.events} without are needed`
        : undefined;
  if (shortOf) return { status: 'too-little-data', treated: t.length, control: c.length, events: positive, reason: `Too little data to measure: ${shortOf}.` };
  const comparison: GroupComparison = { status: 'measured', outcome: proportionDifference(te, t.length, ce, c.length) };
  if (spend) comparison.spend = meanDifference(Float64Array.from(t, (i) => spend[i]!), Float64Array.from(c, (i) => spend[i]!), seed);
  return comparison;
}

function known(rows: ArrayLike<number>, outcome: Float64Array): number[] {
  const out: number[] = [];
  for (let k = 0; k < rows.length; k++) if (!Number.isNaN(outcome[rows[k]!]!)) out.push(rows[k]!);
  return out;
}

function events(rows: number[], outcome: Float64Array): number {
  let e = 0;
  for (const i of rows) if (outcome[i]! > 0) e++;
  return e;
}
