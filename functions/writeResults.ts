import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { ResultsRequest, writeResults } from '../shared/pipeline/steps/writeResults';
import { appStore } from '../shared/storage/appStore';

export async function writeResultsActivity(request: ResultsRequest, context: InvocationContext) {
  const written = await writeResults(appStore(), request);
  if (written.historical) {
    const { runId, dataset } = request.input;
    context.warn(`Run ${runId} of ${dataset} completed as a historical run: run ${written.newerRunId} holds data uploaded later, so latest.json stays on it (see historical.json).`);
  }
  return written;
}

df.app.activity('writeResults', { handler: writeResultsActivity });
