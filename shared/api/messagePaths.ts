import { runPaths } from '../pipeline/runPaths';
import type { Channel } from '../messaging/types';
import type { MessageJob } from './messageJobs';

/** Where a message request's files live: results for people and tools, work files for its orchestration. */
export const messagePaths = {
  json: (job: MessageJob) => runPaths.file(job.dataset, job.runId, `messages/${job.requestId}.json`),
  jsonl: (job: MessageJob) => runPaths.file(job.dataset, job.runId, `messages/${job.requestId}.jsonl`),
  plan: (job: MessageJob) => runPaths.work(job.dataset, job.runId, `messages/${job.requestId}/plan.json`),
  batch: (job: MessageJob, b: number) => runPaths.work(job.dataset, job.runId, `messages/${job.requestId}/batch-${b}.json`),
  /** A synchronous request's messages as they are written, reused when it is sent again after an interruption. */
  checkpoint: (job: MessageJob) => runPaths.work(job.dataset, job.runId, `messages/${job.requestId}/written.json`),
  accepted: (job: MessageJob) => runPaths.work(job.dataset, job.runId, `messages/${job.requestId}/request.json`),
  review: (job: MessageJob) => runPaths.file(job.dataset, job.runId, `messages/${job.requestId}.review.json`),
  approvedJsonl: (job: MessageJob) => runPaths.file(job.dataset, job.runId, `messages/${job.requestId}.approved.jsonl`),
  approvedCsv: (job: MessageJob) => runPaths.file(job.dataset, job.runId, `messages/${job.requestId}.approved.csv`),
  /** Where a requestId's run is found when only the requestId is known (approve, reject). */
  index: (requestId: string) => `_messages/${requestId}.json`,
  /** Customers approved per channel and when, for the frequency cap. */
  contacts: (dataset: string, channel: Channel) => `${dataset}/_contacts/${channel}.json`,
};
