import { app, HttpRequest, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { datasetNameRule, isDatasetName } from '../shared/api/datasetQueries';
import { deleteDataset } from '../shared/api/deleteDataset';
import { deletionAnswer, interruptedDeletion } from '../shared/api/deletionAnswers';
import { instancesInProgress } from '../shared/api/instancesInProgress';
import { errorResponse } from '../shared/http/httpErrors';
import { quoteInput } from '../shared/http/quoteInput';
import { appStore } from '../shared/storage/appStore';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/** DELETE /api/datasets/{dataset}: the dataset's uploads, results, messages and work files; what went. */
export async function deleteDatasetRoute(request: HttpRequest, context: InvocationContext) {
  const dataset = (request.params.dataset ?? '').toLowerCase();
  if (!isDatasetName(dataset)) return errorResponse(400, 'invalid_dataset', `${quoteInput(request.params.dataset ?? '')} is not a dataset name. ${datasetNameRule}`);
  try {
    const inProgress = instancesInProgress(await df.getClient(context).getStatusBy({}), dataset);
    return deletionAnswer(dataset, await deleteDataset(appStore(), dataset, inProgress));
  } catch (err) {
    const answer = interruptedDeletion(err);
    if (answer) return answer;
    throw err;
  }
}

app.http('deleteDataset', {
  route: 'datasets/{dataset}',
  methods: ['DELETE'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: withRequestLog(deleteDatasetRoute),
});
