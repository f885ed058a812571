import type { ReportInput } from './ReportInput';
import { reportWords } from './reportLanguage';
import { reportGoal } from './summarizeReport';

/** The model section's words for the run's goal and outcome, in the report's language. */
export function reportModelWords(input: ReportInput): { heading: string; drives: string; happens: string } {
  const words = reportWords[input.language ?? 'en'].sections.model;
  const goal = words.goal[reportGoal(input)];
  const churnTarget = input.churn && !input.churn.heuristic ? input.churn.target : undefined;
  const outcome = input.outcome
    ? `${input.outcome.target} = ${input.outcome.positive}`
    : churnTarget
      ? words.positiveOf(churnTarget)
      : words.positiveOutcome;
  return { heading: goal.heading, drives: goal.drives, happens: goal.happens(outcome) };
}
