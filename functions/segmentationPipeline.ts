import * as df from 'durable-functions';
import { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { PipelineStep, progressAt } from '../shared/pipeline/pipelineProgress';
import { RunInput, RunProblem, StepResult } from '../shared/pipeline/RunInput';
import type { ParsedDataset } from '../shared/pipeline/steps/parseDataset';
import type { PreparedFeatures } from '../shared/pipeline/steps/prepareFeatures';
import { KEvaluation, pickK } from '../shared/pipeline/steps/chooseK';
import type { Clustering } from '../shared/pipeline/steps/clusterCustomers';
import type { WrittenResults } from '../shared/pipeline/steps/writeResults';

/** Transient failures (storage hiccups, a recycled worker) are retried: 3 attempts, 2 s then 4 s apart. */
const retry = new df.RetryOptions(2000, 3);
retry.backoffCoefficient = 2;

export class RunFailedError extends Error {
  override name = 'RunFailedError';
}

/**
 * parse → features → choose k (one activity per candidate, in parallel) → k-means → results.
 * Activities exchange blob names, never tables; this code stays deterministic (no I/O, no clock).
 */
export const segmentationPipeline: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<RunInput>();
  let step: PipelineStep = 'parseDataset';
  const enter = (next: PipelineStep) => {
    step = next;
    context.df.setCustomStatus(progressAt(next));
  };
  const fail = function* (problem: RunProblem) {
    yield context.df.callActivityWithRetry('reportFailure', retry, { input, problem });
    throw new RunFailedError(`${problem.message} ${problem.hint}`.trim());
  };

  try {
    enter('parseDataset');
    const parsed = (yield context.df.callActivityWithRetry('parseDataset', retry, input)) as StepResult<ParsedDataset>;
    if (!parsed.ok) return yield* fail(parsed.problem);

    enter('prepareFeatures');
    const features = (yield context.df.callActivityWithRetry('prepareFeatures', retry, input)) as StepResult<PreparedFeatures>;
    if (!features.ok) return yield* fail(features.problem);

    enter('chooseK');
    let k = input.options.k;
    let evaluations: KEvaluation[] = [];
    if (!k) {
      const [low, high] = input.options.kRange ?? [2, 8];
      const candidates: number[] = [];
      for (let c = low; c <= Math.min(high, features.rows - 1); c++) candidates.push(c);
      evaluations = (yield context.df.Task.all(
        candidates.map((candidate) => context.df.callActivityWithRetry('chooseK', retry, { input, k: candidate })),
      )) as KEvaluation[];
      k = evaluations.length ? pickK(evaluations) : 1;
    }

    enter('clusterCustomers');
    const clustering = (yield context.df.callActivityWithRetry('clusterCustomers', retry, { input, k })) as Clustering;

    enter('writeResults');
    const written = (yield context.df.callActivityWithRetry('writeResults', retry, input)) as WrittenResults;
    return { runId: input.runId, dataset: input.dataset, k: clustering.k, rows: parsed.rows, files: written.files };
  } catch (err) {
    if (err instanceof RunFailedError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    yield context.df.callActivityWithRetry('reportFailure', retry, {
      input,
      problem: {
        code: 'RUN_FAILED',
        message: `The run stopped at step ${step}: ${message.split('\n')[0]}`,
        hint: 'Nothing was lost: the upload is still there. Upload the file again to retry; if it keeps failing, contact the Segmentwise operators with this runId.',
      },
    });
    throw err;
  }
};

df.app.orchestration('segmentationPipeline', segmentationPipeline);
