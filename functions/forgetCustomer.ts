import { app, HttpRequest, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { datasetNameRule, isDatasetName } from '../shared/api/datasetQueries';
import { deletionAnswer, interruptedDeletion } from '../shared/api/deletionAnswers';
import { forgetCustomer } from '../shared/api/forgetCustomer';
import { instancesInProgress } from '../shared/api/instancesInProgress';
import { errorResponse } from '../shared/http/httpErrors';
import { quoteInput } from '../shared/http/quoteInput';
import { appStore } from '../shared/storage/appStore';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/** Longest id accepted: the longest cell an upload may hold is far longer, but no id is. */
const maxIdChars = 1000;

/**
 * DELETE /api/datasets/{dataset}/customers/{id}: a privacy request. The customer (the id as uploaded,
 * percent-encoded in the path) is removed from the uploads, results and messages, with a record.
 */
export async function forgetCustomerRoute(request: HttpRequest, context: InvocationContext) {
  const dataset = (request.params.dataset ?? '').toLowerCase();
  if (!isDatasetName(dataset)) return errorResponse(400, 'invalid_dataset', `${quoteInput(request.params.dataset ?? '')} is not a dataset name. ${datasetNameRule}`);
  const id = request.params.id ?? '';
  if (id === '' || id.length > maxIdChars) return errorResponse(400, 'invalid_customer_id', `A customer id is the id as uploaded, 1 to ${maxIdChars} characters, percent-encoded in the path.`);
  try {
    const inProgress = instancesInProgress(await df.getClient(context).getStatusBy({}), dataset);
    return deletionAnswer(dataset, await forgetCustomer(appStore(), dataset, id, inProgress));
  } catch (err) {
    const answer = interruptedDeletion(err);
    if (answer) return answer;
    throw err;
  }
}

app.http('forgetCustomer', {
  route: 'datasets/{dataset}/customers/{id}',
  methods: ['DELETE'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: withRequestLog(forgetCustomerRoute),
});
