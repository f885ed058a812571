import * as df from 'durable-functions';
import { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { chooseClusterCount } from '../shared/ml/chooseClusterCount';
import { partitionRows } from '../shared/ml/partitionRows';
import { PartitionSums, lloydStep, maxLloydIterations } from '../shared/pipeline/lloydStep';
import { PipelineStep, progressAt } from '../shared/pipeline/pipelineProgress';
import { RunInput, RunProblem, StepResult } from '../shared/pipeline/RunInput';
import type { CandidateK } from '../shared/pipeline/steps/chooseK';
import type { Clustering } from '../shared/pipeline/steps/clusterCustomers';
import type { ParsedDataset } from '../shared/pipeline/steps/parseDataset';
import type { PreparedFeatures } from '../shared/pipeline/steps/prepareFeatures';
import type { WrittenResults } from '../shared/pipeline/steps/writeResults';

/** Transient failures (storage hiccups, a recycled worker) are retried: 3 attempts, 2 s then 4 s apart. */
const retry = new df.RetryOptions(2000, 3);
retry.backoffCoefficient = 2;

/** scikit-learn's default k-means tolerance, relative to the mean feature variance. */
const kMeansTol = 1e-4;

export class RunFailedError extends Error {
  override name = 'RunFailedError';
}

/**
 * parse → features → choose k (one activity per candidate, in parallel) → k-means → churn →
 * profiles → results. Activities exchange blob names, never tables. Above `partitionRows` rows the
 * Lloyd iterations fan out over row partitions and their sums are added here. This code stays
 * deterministic: no I/O, no clock but the orchestration's own.
 */
export const segmentationPipeline: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = context.df.getInput<RunInput>();
  const timings: { step: string; seconds: number }[] = [];
  let step: PipelineStep = 'parseDataset';
  let stepStarted = context.df.currentUtcDateTime.getTime();
  const enter = (next: PipelineStep) => {
    const now = context.df.currentUtcDateTime.getTime();
    if (next !== step) timings.push({ step, seconds: (now - stepStarted) / 1000 });
    step = next;
    stepStarted = now;
    context.df.setCustomStatus(progressAt(next));
  };
  const call = (name: string, payload: unknown) => context.df.callActivityWithRetry(name, retry, payload);
  const fail = function* (problem: RunProblem) {
    yield call('reportFailure', { input, problem });
    throw new RunFailedError(`${problem.message} ${problem.hint}`.trim());
  };

  try {
    enter('parseDataset');
    const parsed = (yield call('parseDataset', input)) as StepResult<ParsedDataset>;
    if (!parsed.ok) return yield* fail(parsed.problem);

    enter('prepareFeatures');
    const features = (yield call('prepareFeatures', input)) as StepResult<PreparedFeatures>;
    if (!features.ok) return yield* fail(features.problem);
    if (features.rows < 2) {
      return yield* fail({ code: 'TOO_FEW_ROWS', message: `Only ${features.rows} customer row is left.`, hint: 'Segments need at least two customers.' });
    }

    enter('chooseK');
    const [low, high] = input.options.kRange ?? [2, 8];
    const candidates: number[] = [];
    for (let c = Math.max(2, low); c <= Math.min(high, features.rows - 1); c++) candidates.push(c);
    if (input.options.k && !candidates.includes(input.options.k)) candidates.push(input.options.k);
    const evaluations = (yield context.df.Task.all(candidates.map((k) => call('chooseK', { input, k })))) as CandidateK[];
    const choice = input.options.k
      ? { k: input.options.k, reason: `k = ${input.options.k} was set in manifest.json` }
      : chooseClusterCount(evaluations);
    const k = Math.min(choice.k, features.rows);

    enter('clusterCustomers');
    let centers = (yield call('initCenters', { input, k })) as number[];
    const tolAbs = kMeansTol * features.meanVariance;
    const parts = features.rows > input.partitionRows ? partitionRows(features.rows, Math.ceil(features.rows / input.partitionRows)) : [];
    let iterations: number;
    if (parts.length > 1) {
      // Distributed k-means: each iteration is a fan-out of partial sums, added here in partition order.
      for (iterations = 1; iterations <= maxLloydIterations; iterations++) {
        const sums = (yield context.df.Task.all(
          parts.map(([start, end]) => call('lloydPartition', { input, start, end, centers })),
        )) as PartitionSums[];
        const next = lloydStep(sums, centers, tolAbs);
        centers = next.centers;
        if (next.converged) break;
      }
    } else {
      const fitted = (yield call('clusterCustomers', { input, init: centers, tolAbs })) as { centers: number[]; iterations: number };
      centers = fitted.centers;
      iterations = fitted.iterations;
    }
    const clustering = (yield call('assignLabels', { input, centers, iterations })) as Clustering;

    enter('scoreChurn');
    yield call('scoreChurn', input);

    enter('profileSegments');
    yield call('profileSegments', input);

    enter('writeResults');
    const written = (yield call('writeResults', {
      input,
      kSelection: { evaluations, chosenK: k, reason: choice.reason },
      timings,
      clustering: { path: parts.length > 1 ? 'partitioned' : 'single', partitions: Math.max(1, parts.length), iterations: clustering.iterations },
    })) as WrittenResults;
    return { runId: input.runId, dataset: input.dataset, k, rows: parsed.rows, files: written.files };
  } catch (err) {
    if (err instanceof RunFailedError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    yield call('reportFailure', {
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
