import * as df from 'durable-functions';
import { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import type { MessageJob } from '../shared/api/messageJobs';
import { activities } from '../shared/pipeline/activities';
import { callActivities, callActivity } from './durable/callActivity';

/** Batches written at once: the writer's own concurrency applies inside each. */
const parallelBatches = 4;

/** A large message request: customers in batches of activities, progress per batch, one result at the end. */
export const messagePipeline: OrchestrationHandler = function* (context: OrchestrationContext) {
  const job = context.df.getInput<MessageJob>();
  const plan = yield* callActivity(context, activities.planMessageBatches, job);
  const progress = (done: number) =>
    context.df.setCustomStatus({ step: 'writeMessages', stepIndex: done, steps: plan.batches, percent: plan.batches ? Math.round((done / plan.batches) * 100) : 100 });
  progress(0);
  for (let first = 0; first < plan.batches; first += parallelBatches) {
    const wave: number[] = [];
    for (let b = first; b < Math.min(plan.batches, first + parallelBatches); b++) wave.push(b);
    yield* callActivities(context, activities.writeMessageBatch, wave.map((batch) => ({ job, batch })));
    progress(Math.min(plan.batches, first + parallelBatches));
  }
  const written = yield* callActivity(context, activities.collectMessages, { job, batches: plan.batches });
  return { requestId: job.requestId, dataset: job.dataset, runId: job.runId, files: written.files };
};

df.app.orchestration('messagePipeline', messagePipeline);
