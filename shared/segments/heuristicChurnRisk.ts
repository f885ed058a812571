/**
 * Churn risk without a churn label: a documented heuristic, not a trained model.
 * Each available signal becomes a percentile in the population (0 = safest, 1 = riskiest):
 * recency (days since last activity, higher is riskier), activity decline (recent activity
 * relative to earlier activity, a drop is riskier) and engagement (visits, minutes, pages:
 * lower is riskier). The risk is their weighted mean (0.5 / 0.3 / 0.2, reweighted over the
 * signals present), so it ranks customers; it is not a calibrated probability.
 */
export interface HeuristicSignals {
  recency?: ArrayLike<number>;
  recentActivity?: ArrayLike<number>;
  earlierActivity?: ArrayLike<number>;
  engagement?: ArrayLike<number>;
}

export interface HeuristicChurnState {
  kind: 'heuristic';
  weights: { recency: number; decline: number; engagement: number };
  /** 101 population quantiles per signal, so a new customer is placed on the same scale. */
  quantiles: { recency?: number[]; decline?: number[]; engagement?: number[] };
}

export function fitHeuristicChurnRisk(signals: HeuristicSignals): HeuristicChurnState {
  const q: HeuristicChurnState['quantiles'] = {};
  if (signals.recency) q.recency = quantiles101(signals.recency);
  const decline = declineOf(signals);
  if (decline) q.decline = quantiles101(decline);
  if (signals.engagement) q.engagement = quantiles101(signals.engagement);
  if (!q.recency && !q.decline && !q.engagement) throw new Error('no recency, activity or engagement signal to estimate churn risk from');
  return { kind: 'heuristic', weights: { recency: 0.5, decline: 0.3, engagement: 0.2 }, quantiles: q };
}

export function heuristicChurnRisk(state: HeuristicChurnState, signals: HeuristicSignals, n: number): Float64Array {
  const decline = declineOf(signals);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let total = 0, weight = 0;
    const add = (q: number[] | undefined, v: number | undefined, w: number, riskyHigh: boolean): void => {
      if (!q || v === undefined || Number.isNaN(v)) return;
      const p = percentile(q, v);
      total += w * (riskyHigh ? p : 1 - p);
      weight += w;
    };
    add(state.quantiles.recency, signals.recency?.[i], state.weights.recency, true);
    add(state.quantiles.decline, decline?.[i], state.weights.decline, true);
    add(state.quantiles.engagement, signals.engagement?.[i], state.weights.engagement, false);
    out[i] = weight > 0 ? total / weight : 0.5;
  }
  return out;
}

/** Relative drop: (earlier − recent) / (earlier + recent), in [−1, 1]; positive = declining. */
function declineOf(s: HeuristicSignals): Float64Array | undefined {
  if (!s.recentActivity || !s.earlierActivity) return undefined;
  const n = s.recentActivity.length, out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = s.recentActivity[i], b = s.earlierActivity[i];
    out[i] = a + b > 0 ? (b - a) / (a + b) : 0;
  }
  return out;
}

function quantiles101(values: ArrayLike<number>): number[] {
  const s = Array.from(values).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (s.length === 0) return [];
  return Array.from({ length: 101 }, (_, q) => s[Math.round((q / 100) * (s.length - 1))]);
}

/** Fraction of the population at or below v (midpoint of ties), from stored quantiles. */
function percentile(q: number[], v: number): number {
  if (q.length === 0) return 0.5;
  let below = 0, equal = 0;
  for (const x of q) { if (x < v) below++; else if (x === v) equal++; }
  return (below + equal / 2) / q.length;
}
