import type { BlobStore } from '../storage/BlobStore';
import { activities, type Activity } from './activities';
import { evaluateCandidateK } from './steps/chooseK';
import { assignLabels, clusterInProcess, initCenters, lloydPartition } from './steps/clusterCustomers';
import { parseDataset } from './steps/parseDataset';
import { prepareFeatures } from './steps/prepareFeatures';
import { profileSegments } from './steps/profileSegments';
import { scoreChurn } from './steps/scoreChurn';
import { writeResults } from './steps/writeResults';

type Input<A> = A extends Activity<infer I, unknown> ? I : never;

/**
 * The pipeline's steps, each as its activity takes it. They hold the table (or its cluster matrix)
 * for seconds of work at a time, so they run on step threads (stepThreads.ts) and the thread
 * answering HTTP calls and durable heartbeats never waits behind them. Their k-means kernels run on
 * the k-means pool of the thread that runs the step.
 */
export const offThreadSteps = {
  parseDataset,
  prepareFeatures,
  chooseK: (store: BlobStore, { input, k }: Input<typeof activities.chooseK>) => evaluateCandidateK(store, input, k),
  initCenters: (store: BlobStore, { input, k }: Input<typeof activities.initCenters>) => initCenters(store, input, k),
  clusterCustomers: (store: BlobStore, { input, ...job }: Input<typeof activities.clusterCustomers>) => clusterInProcess(store, input, job),
  lloydPartition: (store: BlobStore, { input, start, end, centers }: Input<typeof activities.lloydPartition>) => lloydPartition(store, input, start, end, centers),
  assignLabels: (store: BlobStore, { input, centers, iterations, algorithm }: Input<typeof activities.assignLabels>) =>
    assignLabels(store, input, centers, iterations, algorithm),
  scoreChurn,
  profileSegments,
  writeResults,
} satisfies { [N in keyof typeof activities]?: (store: BlobStore, input: Input<(typeof activities)[N]>) => Promise<unknown> };

export type OffThreadStep = keyof typeof offThreadSteps;
export type StepInput<N extends OffThreadStep> = Parameters<(typeof offThreadSteps)[N]>[1];
export type StepOutput<N extends OffThreadStep> = Awaited<ReturnType<(typeof offThreadSteps)[N]>>;
