import * as df from 'durable-functions';
import { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { chooseClusterCount } from '../shared/ml/chooseClusterCount';
import { partitionRows } from '../shared/ml/partitionRows';
import { PipelineStep, progressAt } from '../shared/pipeline/pipelineProgress';
import { activities } from '../shared/pipeline/activities';
import { lloydStep, maxLloydIterations } from '../shared/pipeline/lloydStep';
import { RunInput, RunProblem } from '../shared/pipeline/RunInput';
import { RunEnd, logRunEnd } from '../shared/telemetry/logRunEnd';
import { callActivities, callActivity } from './durable/callActivity';

/** scikit-learn's default k-means tolerance, relative to the mean feature variance. */
const kMeansTol = 1e-4;

export class RunFailedError extends Error {
  override name = 'RunFailedError';
}

/**
 * parse → features → choose k (one activity per candidate, in parallel) → k-means → churn →
 * profiles → results, then the run's work files are deleted. Activities exchange blob names, never
 * tables. Above `partitionRows` rows the Lloyd iterations fan out over row partitions and their sums
 * are added here; above SEGMENTWISE_MINIBATCH_ROWS (prepareFeatures decides) mini-batch k-means runs
 * in one activity instead. This code stays
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
  const runStarted = context.df.currentUtcDateTime.getTime();
  // One record per run: a replay re-executes this code, the record is written only the first time.
  const ended = (end: Omit<RunEnd, 'runId' | 'dataset' | 'durationMs'>) => {
    if (context.df.isReplaying) return;
    const durationMs = context.df.currentUtcDateTime.getTime() - runStarted;
    logRunEnd(context, { runId: input.runId, dataset: input.dataset, durationMs, ...end });
  };
  const fail = function* (problem: RunProblem) {
    yield* callActivity(context, activities.reportFailure, { input, problem });
    ended({ status: 'Failed', step, errorCode: problem.code, reason: problem.message });
    throw new RunFailedError(`${problem.message} ${problem.hint}`.trim());
  };

  try {
    enter('parseDataset');
    const parsed = yield* callActivity(context, activities.parseDataset, input);
    if (!parsed.ok) return yield* fail(parsed.problem);

    enter('prepareFeatures');
    const features = yield* callActivity(context, activities.prepareFeatures, input);
    if (!features.ok) return yield* fail(features.problem);
    if (features.rows < 2) {
      return yield* fail({ code: 'TOO_FEW_ROWS', message: `Only ${features.rows} customer row is left.`, hint: 'Segments need at least two customers.' });
    }

    enter('chooseK');
    const [low, high] = input.options.kRange ?? [2, 8];
    const candidates: number[] = [];
    for (let c = Math.max(2, low); c <= Math.min(high, features.rows - 1); c++) candidates.push(c);
    if (input.options.k && !candidates.includes(input.options.k)) candidates.push(input.options.k);
    const evaluations = yield* callActivities(context, activities.chooseK, candidates.map((k) => ({ input, k })));
    const choice = input.options.k
      ? { k: input.options.k, reason: `k = ${input.options.k} was set in manifest.json` }
      : chooseClusterCount(evaluations);
    const k = Math.min(choice.k, features.rows);

    enter('clusterCustomers');
    const tolAbs = kMeansTol * features.meanVariance;
    const { algorithm } = features;
    // Mini-batch k-means starts itself and runs in one activity: no starting centres, no partitions.
    let centers = algorithm === 'minibatch' ? [] : yield* callActivity(context, activities.initCenters, { input, k });
    const parts = algorithm === 'lloyd' && features.rows > input.partitionRows ? partitionRows(features.rows, Math.ceil(features.rows / input.partitionRows)) : [];
    let iterations: number;
    if (parts.length > 1) {
      // Distributed k-means: each iteration is a fan-out of partial sums, added here in partition order.
      for (iterations = 1; iterations <= maxLloydIterations; iterations++) {
        const sums = yield* callActivities(context, activities.lloydPartition, parts.map(([start, end]) => ({ input, start, end, centers })));
        const next = lloydStep(sums, centers, tolAbs);
        centers = next.centers;
        if (next.converged) break;
      }
    } else {
      const fitted = yield* callActivity(context, activities.clusterCustomers, { input, init: centers, tolAbs, algorithm, k });
      centers = fitted.centers;
      iterations = fitted.iterations;
    }
    const clustering = yield* callActivity(context, activities.assignLabels, { input, centers, iterations, algorithm });

    enter('scoreChurn');
    yield* callActivity(context, activities.scoreChurn, input);

    enter('profileSegments');
    yield* callActivity(context, activities.profileSegments, input);

    enter('writeResults');
    const written = yield* callActivity(context, activities.writeResults, {
      input,
      kSelection: { evaluations, chosenK: k, reason: choice.reason },
      timings,
      clustering: { path: parts.length > 1 ? 'partitioned' : 'single', partitions: Math.max(1, parts.length), iterations: clustering.iterations },
    });
    // After latest.json: a crash before publication resumes from the work files, one after it only
    // repeats this delete. The run's results stand either way: what is left, the timer's sweep removes.
    try {
      yield* callActivity(context, activities.cleanupRunWork, input);
    } catch (err) {
      if (!context.df.isReplaying) context.warn(`Run ${input.runId}: its work files stay until the next sweep (${err instanceof Error ? err.message.split('\n')[0] : String(err)}).`);
    }
    ended({ status: 'Completed', rows: parsed.rows, k, files: written.files.length });
    return { runId: input.runId, dataset: input.dataset, k, rows: parsed.rows, files: written.files };
  } catch (err) {
    if (err instanceof RunFailedError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    yield* callActivity(context, activities.reportFailure, {
      input,
      problem: {
        code: 'RUN_FAILED',
        message: `The run stopped at step ${step}: ${message.split('\n')[0]}`,
        hint: 'Nothing was lost: the upload is still there. Upload the file again to retry; if it keeps failing, contact the Segmentwise operators with this runId.',
      },
    });
    ended({ status: 'Failed', step, errorCode: 'RUN_FAILED', reason: message.split('\n')[0] });
    throw err;
  }
};

df.app.orchestration('segmentationPipeline', segmentationPipeline);
