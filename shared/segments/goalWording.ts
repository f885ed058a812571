import type { Goal } from '../ingest/Schema';

/** What the model's positive class is, as segment names, actions and the report speak of it. */
export interface Outcome {
  goal: Goal;
  /** The target column, when there is one. */
  target?: string;
  /** The target's value that counts as positive. */
  positive?: string;
}

/**
 * The words a goal uses. A churn model finds customers at risk of leaving (retention, win-back);
 * a conversion model finds likely buyers or responders to invite, and must never call them "at
 * risk"; without a known goal the words stay neutral and name the target's positive value.
 */
export interface GoalWording {
  /** "churn probability", "conversion probability", "probability of y = yes". */
  probability: string;
  /** "churn rate" …: the observed share of positives. */
  rate: string;
  /** Heading of the model section: "Churn model" … */
  model: string;
  /** "churn risk", "likelihood to convert", "likelihood of y = yes": what a high score means. */
  score: string;
  /** The clause for the segment with the highest mean score: "Highest churn risk". */
  highest: string;
  /** What acting first on a customer means: "expected loss", "expected gain", "expected value". */
  priorityMeaning: string;
  /** What a positive customer does, after "a predicted 30 %": "churns", "converts", "ends with y = yes". */
  happens: string;
}

export function outcomeLabel(outcome: Outcome): string {
  if (outcome.target && outcome.positive !== undefined) return `${outcome.target} = ${outcome.positive}`;
  if (outcome.target) return `a positive ${outcome.target}`;
  return 'the positive outcome';
}

export function goalWording(outcome: Outcome): GoalWording {
  if (outcome.goal === 'churn') {
    return { probability: 'churn probability', rate: 'churn rate', model: 'Churn model', score: 'churn risk', highest: 'Highest churn risk', priorityMeaning: 'expected loss', happens: 'churns' };
  }
  if (outcome.goal === 'conversion') {
    return {
      probability: 'conversion probability',
      rate: 'conversion rate',
      model: 'Conversion model',
      score: 'likelihood to convert',
      highest: 'Most likely to convert',
      priorityMeaning: 'expected gain',
      happens: 'converts',
    };
  }
  const label = outcomeLabel(outcome);
  return {
    probability: `probability of ${label}`,
    rate: `rate of ${label}`,
    model: 'Outcome model',
    score: `likelihood of ${label}`,
    highest: `Most likely ${label}`,
    priorityMeaning: 'expected value',
    happens: `ends with ${label}`,
  };
}

/** The words for the top and bottom of the score in segment names. */
export interface SegmentNameWords {
  /** High score and high value, e.g. "High-value at risk". */
  highValueHigh: string;
  /** Low score and high value, e.g. "Loyal high-value". */
  highValueLow: string;
  /** Prefix for a high-score segment with a descriptive phrase: "At risk: engaged bargain hunters". */
  high: string;
  /** High score and low value. */
  lowValueHigh: string;
  /** Low score and nothing else stands out. */
  low: string;
}

export function segmentNameWords(outcome: Outcome): SegmentNameWords {
  if (outcome.goal === 'churn') {
    return { highValueHigh: 'High-value at risk', highValueLow: 'Loyal high-value', high: 'At risk', lowValueHigh: 'Low-value drifting away', low: 'Steady customers' };
  }
  if (outcome.goal === 'conversion') {
    return {
      highValueHigh: 'High-value likely buyers',
      highValueLow: 'High-value, not ready to buy',
      high: 'Likely buyers',
      lowValueHigh: 'Low-value likely buyers',
      low: 'Unlikely to buy now',
    };
  }
  const label = outcomeLabel(outcome);
  return {
    highValueHigh: `High-value, more likely ${label}`,
    highValueLow: `High-value, less likely ${label}`,
    high: `More likely ${label}`,
    lowValueHigh: `Low-value, more likely ${label}`,
    low: `Less likely ${label}`,
  };
}

/** Suggested actions by score (high/low relative to all customers) and value. */
export interface SegmentActions {
  highValueHigh: string;
  highLowValue: string;
  high: string;
  highValueLow: string;
  low: string;
  typical: string;
}

export function segmentActions(outcome: Outcome): SegmentActions {
  if (outcome.goal === 'churn') {
    return {
      highValueHigh: 'Reach out personally this week with a retention offer; ask what is missing before they leave.',
      highLowValue: 'Send a low-cost win-back message (reminder or small time-limited discount); do not spend much per customer.',
      high: 'Start a win-back sequence: remind them of value, address the drivers behind their risk, and offer an incentive.',
      highValueLow: 'Reward loyalty (early access, VIP perks) and invite referrals; avoid discounts they do not need.',
      low: 'Keep engaged with regular, relevant content and cross-sell complementary products.',
      typical: 'Nurture with personalised recommendations and test offers to move them toward higher value.',
    };
  }
  if (outcome.goal === 'conversion') {
    return {
      highValueHigh: 'Invite them first and personally: they are the most likely to buy and worth the most; lead with the offer that fits their profile.',
      highLowValue: 'Invite them with a low-cost message and a simple offer; they are likely to respond, so little incentive is needed.',
      high: 'Invite them in the next campaign: they are likely to respond; lead with what sets them apart and keep incentives small.',
      highValueLow: 'Not ready to buy yet: keep them informed with relevant content and invite them again later; avoid costly offers now.',
      low: 'Least likely to respond: leave them out of this campaign or reach them only through low-cost channels.',
      typical: 'Include them in the campaign with a standard offer and test which message lifts the response.',
    };
  }
  const label = outcomeLabel(outcome);
  return {
    highValueHigh: `More likely ${label} and high value: look at what sets them apart before deciding how to act, and test any action against a hold-out group.`,
    highLowValue: `More likely ${label}: test a low-cost action on part of them against a hold-out group before spending more.`,
    high: `More likely ${label}: study what sets them apart and test an action on part of them against a hold-out group.`,
    highValueLow: `Less likely ${label}, high value: keep them engaged with relevant content.`,
    low: `Less likely ${label}: keep them engaged with regular, relevant content.`,
    typical: 'Nurture with personalised recommendations and test offers to learn what moves them.',
  };
}
