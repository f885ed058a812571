import { app, HttpRequest, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { datasetExists, datasetNameRule, isDatasetName } from '../shared/api/datasetQueries';
import { quoteInput } from '../shared/http/quoteInput';
import { errorResponse, jsonResponse } from '../shared/http/httpErrors';
import { withStorageDeadline } from '../shared/http/withStorageDeadline';
import { apiStore } from '../shared/storage/apiStore';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/** GET /api/datasets/{dataset}/runs: the dataset's runs, newest first. */
export async function listDatasetRuns(request: HttpRequest, context: InvocationContext) {
  const dataset = (request.params.dataset ?? '').toLowerCase();
  if (!isDatasetName(dataset)) return errorResponse(400, 'invalid_dataset', `${quoteInput(request.params.dataset ?? '')} is not a dataset name. ${datasetNameRule}`);
  const client = df.getClient(context);
  return withStorageDeadline(async () => {
    const instances = await client.getStatusBy({});
    const runs = instances
      .filter((i) => i.name === 'segmentationPipeline' && (i.input as { dataset?: string } | undefined)?.dataset === dataset)
      .map((i) => ({ runId: i.instanceId, runtimeStatus: i.runtimeStatus, createdAt: new Date(i.createdTime).toISOString() }))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    if (runs.length === 0 && !(await datasetExists(apiStore(), dataset))) {
      return errorResponse(404, 'dataset_not_found', `No dataset named ${dataset}: nothing was uploaded to uploads/${dataset}/. GET /api/datasets lists the datasets.`);
    }
    return jsonResponse(200, { runs });
  });
}

app.http('listDatasetRuns', {
  route: 'datasets/{dataset}/runs',
  methods: ['GET'],
  authLevel: 'function',
  extraInputs: [df.input.durableClient()],
  handler: withRequestLog(listDatasetRuns),
});
