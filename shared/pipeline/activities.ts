import type { MessageJob } from '../api/messageJobs';
import type { RemovedBlobs } from './cleanupRunWork';
import type { PartitionSums } from './lloydStep';
import type { RunInput, RunProblem, StepResult } from './RunInput';
import type { CandidateK } from './steps/chooseK';
import type { Clustering } from './steps/clusterCustomers';
import type { ParsedDataset } from './steps/parseDataset';
import type { ClusteringAlgorithm, PreparedFeatures } from './steps/prepareFeatures';
import type { ResultsRequest, WrittenResults } from './steps/writeResults';
import type { ChurnSummary } from './steps/workFiles';

/**
 * An activity's name with the types of what it takes and returns. The registration in functions/
 * and the orchestrator that calls it both take these from one table, so a payload cannot change on
 * one side only. The types exist only for the compiler: at run time an activity is its name.
 */
export interface Activity<I, O> {
  readonly name: string;
  /** Never set: carries I and O for the compiler. */
  readonly types?: { input: I; output: O };
}

export function defineActivity<I, O>(name: string): Activity<I, O> {
  return { name };
}

/** Every activity of the app: the segmentation pipeline's steps, then those of large message requests. */
export const activities = {
  parseDataset: defineActivity<RunInput, StepResult<ParsedDataset>>('parseDataset'),
  prepareFeatures: defineActivity<RunInput, StepResult<PreparedFeatures>>('prepareFeatures'),
  chooseK: defineActivity<{ input: RunInput; k: number }, CandidateK>('chooseK'),
  initCenters: defineActivity<{ input: RunInput; k: number }, number[]>('initCenters'),
  clusterCustomers: defineActivity<{ input: RunInput; init: number[]; tolAbs: number; algorithm?: ClusteringAlgorithm; k?: number }, { centers: number[]; iterations: number }>('clusterCustomers'),
  lloydPartition: defineActivity<{ input: RunInput; start: number; end: number; centers: number[] }, PartitionSums>('lloydPartition'),
  assignLabels: defineActivity<{ input: RunInput; centers: number[]; iterations: number; algorithm?: ClusteringAlgorithm }, Clustering>('assignLabels'),
  scoreChurn: defineActivity<RunInput, ChurnSummary>('scoreChurn'),
  profileSegments: defineActivity<RunInput, { segments: number }>('profileSegments'),
  writeResults: defineActivity<ResultsRequest, WrittenResults>('writeResults'),
  cleanupRunWork: defineActivity<RunInput, RemovedBlobs>('cleanupRunWork'),
  reportFailure: defineActivity<{ input: RunInput; problem: RunProblem }, void>('reportFailure'),
  planMessageBatches: defineActivity<MessageJob, { batches: number; customers: number }>('planMessageBatches'),
  writeMessageBatch: defineActivity<{ job: MessageJob; batch: number }, { written: number; failed: number }>('writeMessageBatch'),
  collectMessages: defineActivity<{ job: MessageJob; batches: number }, { files: string[] }>('collectMessages'),
} as const;
