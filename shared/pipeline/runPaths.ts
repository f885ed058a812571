/** Blob names in the results container. Every file of a run stays under `<dataset>/<runId>/`. */
export const runPaths = {
  folder: (dataset: string, runId: string) => `${dataset}/${runId}/`,
  file: (dataset: string, runId: string, name: string) => `${dataset}/${runId}/${name}`,
  /** Intermediate artifacts handed between activities (claim-check). */
  work: (dataset: string, runId: string, name: string) => `${dataset}/${runId}/_work/${name}`,
  latest: (dataset: string) => `${dataset}/latest.json`,
  rejected: (key: string) => `_rejected/${key}/error.json`,
};

/** The result files a completed run holds, in the order people read them. */
export const resultFiles = [
  'assignments.csv',
  'assignments.xlsx',
  'customers.jsonl',
  'segments.json',
  'model.json',
  'quality.json',
  'report.html',
  'drift.json',
  'lift.json',
] as const;
