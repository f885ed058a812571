/**
 * Blob names of batch scores in the results container: every file of one score stays under
 * `<dataset>/scores/<scoreId>/`, beside the dataset's runs (a runId never reads `scores`).
 */
export const scorePaths = {
  folder: (dataset: string, scoreId: string) => `${dataset}/scores/${scoreId}/`,
  file: (dataset: string, scoreId: string, name: ScoreFile | 'status.json' | 'error.json') => `${dataset}/scores/${scoreId}/${name}`,
};

/** The files a completed score holds (docs/CONTRACTS.md), besides status.json. */
export const scoreFiles = ['scores.csv', 'scores.xlsx'] as const;
export type ScoreFile = (typeof scoreFiles)[number];
