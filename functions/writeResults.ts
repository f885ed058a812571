import type { InvocationContext } from '@azure/functions';
import { activities } from '../shared/pipeline/activities';
import { runStep } from '../shared/pipeline/stepThreads';
import type { ResultsRequest } from '../shared/pipeline/steps/writeResults';
import { createLogger } from '../shared/telemetry/createLogger';
import { registerActivity } from './durable/registerActivity';

export async function writeResultsActivity(request: ResultsRequest, context: InvocationContext) {
  const written = await runStep('writeResults', request);
  if (written.historical) {
    const { runId, dataset } = request.input;
    createLogger(context, { runId, dataset, event: 'historical', newerRunId: written.newerRunId }).warn(
      `Run ${runId} of ${dataset} completed as a historical run: run ${written.newerRunId} holds data uploaded later, so latest.json stays on it (see historical.json).`,
    );
  }
  return written;
}

registerActivity(activities.writeResults, writeResultsActivity);
