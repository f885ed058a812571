import { mulberry32 } from '../random/mulberry32';

/**
 * A randomized retention campaign with a known true effect, for tests and benches: three kinds of
 * customer (the true segments), each with its own usage profile and churn rate; a random share is
 * treated (one of `arms`, or held out as `control`), and treatment lowers the churn probability by
 * `effect` in the `effectSegment` only. Everything is drawn from the seed, so the truth is known.
 */
export interface SimulatedCampaignOptions {
  customers: number;
  seed?: number;
  /** Absolute drop in churn probability for a treated customer of `effectSegment` (default 0.15). */
  effect?: number;
  /** The true segment the campaign works on (default 1, the middle-risk customers). */
  effectSegment?: number;
  /** Names of the treated arms (default one arm, "email"); every arm has the same effect. */
  arms?: string[];
  control?: string;
}

/** Base churn probability, monthly spend, tenure and support calls of each true segment. */
export const simulatedSegments = [
  { name: 'new and unhappy', churn: 0.5, spend: 95, tenure: 5, calls: 6 },
  { name: 'settled, persuadable', churn: 0.3, spend: 70, tenure: 26, calls: 2.5 },
  { name: 'loyal', churn: 0.08, spend: 45, tenure: 64, calls: 0.5 },
] as const;

export interface SimulatedCustomer {
  id: string;
  trueSegment: number;
  monthly_spend: number;
  tenure_months: number;
  support_calls: number;
  contract: 'monthly' | 'annual';
  /** The arm's name, or the control value. */
  campaign: string;
  treated: boolean;
  /** Churn probability without treatment, and with (the same outside the effect segment). */
  baseChurn: number;
  treatedChurn: number;
  churned: 0 | 1;
}

export function simulateCampaign(options: SimulatedCampaignOptions): SimulatedCustomer[] {
  const rand = mulberry32(options.seed ?? 7);
  const effect = options.effect ?? 0.15;
  const effectSegment = options.effectSegment ?? 1;
  const arms = options.arms ?? ['email'];
  const control = options.control ?? 'control';
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const out: SimulatedCustomer[] = [];
  for (let i = 0; i < options.customers; i++) {
    const s = Math.floor(rand() * simulatedSegments.length);
    const profile = simulatedSegments[s]!;
    const group = Math.floor(rand() * (arms.length + 1));
    const treated = group > 0;
    // Churn varies a little inside a segment, with the customer's own spend.
    const spend = Math.max(5, profile.spend * (1 + 0.15 * normal()));
    const baseChurn = Math.min(0.95, Math.max(0.01, profile.churn + 0.05 * normal()));
    const treatedChurn = s === effectSegment ? Math.max(0, baseChurn - effect) : baseChurn;
    const p = treated ? treatedChurn : baseChurn;
    out.push({
      id: `S${100000 + i}`,
      trueSegment: s,
      monthly_spend: Math.round(spend * 100) / 100,
      tenure_months: Math.max(1, Math.round(profile.tenure * (1 + 0.2 * normal()))),
      support_calls: Math.max(0, Math.round(profile.calls + normal())),
      contract: rand() < (s === 2 ? 0.8 : s === 1 ? 0.5 : 0.1) ? 'annual' : 'monthly',
      campaign: treated ? arms[group - 1]! : control,
      treated,
      baseChurn,
      treatedChurn,
      churned: rand() < p ? 1 : 0,
    });
  }
  return out;
}

/** The customers as a CSV (the columns an upload has: no truth columns). */
export function simulatedCampaignCsv(customers: SimulatedCustomer[], options: { withCampaign?: boolean; withChurn?: boolean } = {}): string {
  const withCampaign = options.withCampaign ?? true, withChurn = options.withChurn ?? true;
  const header = ['customer_id', 'monthly_spend', 'tenure_months', 'support_calls', 'contract', ...(withCampaign ? ['campaign'] : []), ...(withChurn ? ['churned'] : [])];
  const lines = customers.map((c) =>
    [c.id, c.monthly_spend, c.tenure_months, c.support_calls, c.contract, ...(withCampaign ? [c.campaign] : []), ...(withChurn ? [c.churned ? 'Yes' : 'No'] : [])].join(','),
  );
  return `${header.join(',')}\n${lines.join('\n')}\n`;
}
