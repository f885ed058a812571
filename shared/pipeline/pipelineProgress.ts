/** The pipeline's steps, in order; `customStatus` reports where a run is (docs/CONTRACTS.md). */
export const pipelineSteps = [
  'parseDataset',
  'prepareFeatures',
  'chooseK',
  'clusterCustomers',
  'scoreChurn',
  'profileSegments',
  'writeResults',
] as const;

export type PipelineStep = (typeof pipelineSteps)[number];

export interface PipelineProgress {
  step: PipelineStep;
  stepIndex: number;
  steps: number;
  percent: number;
}

/** Progress while `step` runs: stepIndex is 1-based and percent is stepIndex / steps (docs/CONTRACTS.md). */
export function progressAt(step: PipelineStep): PipelineProgress {
  const stepIndex = pipelineSteps.indexOf(step) + 1;
  return { step, stepIndex, steps: pipelineSteps.length, percent: Math.round((stepIndex / pipelineSteps.length) * 100) };
}
