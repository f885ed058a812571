/** The steps of a batch score, in order: status.json reports the one under way. */
export const scoreSteps = ['readFiles', 'scoreCustomers', 'writeScores'] as const;
export type ScoreStep = (typeof scoreSteps)[number];

/**
 * `results/<dataset>/scores/<scoreId>/status.json` (docs/CONTRACTS.md): a batch score's progress,
 * the counterpart of a run's customStatus. `error.json` beside it says why a failed score failed.
 */
export interface ScoreStatus {
  scoreId: string;
  dataset: string;
  /** The run whose model scored the files; null when the dataset had none. */
  runId: string | null;
  modelVersion: number | null;
  /** The dropped files, by their names in the dataset folder. */
  inputs: string[];
  state: 'running' | 'completed' | 'failed';
  step: ScoreStep;
  stepIndex: number;
  steps: number;
  percent: number;
  startedAt: string;
  lastUpdatedAt: string;
  completedAt?: string;
  /** Customers scored (completed scores). */
  customers?: number;
  results?: { folder: string; files: string[] };
}

/** The status at the start of a step: percent counts the steps already done. */
export function statusAt(base: Omit<ScoreStatus, 'step' | 'stepIndex' | 'steps' | 'percent' | 'lastUpdatedAt'>, step: ScoreStep, at = new Date()): ScoreStatus {
  const stepIndex = scoreSteps.indexOf(step) + 1;
  return {
    ...base,
    step,
    stepIndex,
    steps: scoreSteps.length,
    percent: base.state === 'completed' ? 100 : Math.round(((stepIndex - 1) / scoreSteps.length) * 100),
    lastUpdatedAt: at.toISOString(),
  };
}
