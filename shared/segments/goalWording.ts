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
