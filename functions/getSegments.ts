import { app, HttpRequest } from '@azure/functions';
import { datasetNameRule, isDatasetName, latestRunId } from '../shared/api/datasetQueries';
import { quoteInput } from '../shared/http/quoteInput';
import { errorResponse, jsonResponse } from '../shared/http/httpErrors';
import { runPaths } from '../shared/pipeline/runPaths';
import { withStorageDeadline } from '../shared/http/withStorageDeadline';
import { apiStore } from '../shared/storage/apiStore';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/** GET /api/datasets/{dataset}/segments: segments.json of the latest completed run. */
export async function getSegments(request: HttpRequest) {
  const dataset = (request.params.dataset ?? '').toLowerCase();
  if (!isDatasetName(dataset)) return errorResponse(400, 'invalid_dataset', `${quoteInput(request.params.dataset ?? '')} is not a dataset name. ${datasetNameRule}`);
  const store = apiStore();
  return withStorageDeadline(async () => {
    const runId = await latestRunId(store, dataset);
    if (!runId) return errorResponse(404, 'dataset_not_found', `Dataset ${dataset} has no completed run yet.`);
    const segments = await store.readJson(store.resultsContainer, runPaths.file(dataset, runId, 'segments.json'));
    if (!segments) return errorResponse(404, 'segments_not_found', `Run ${runId} of ${dataset} has no segments.json.`);
    return jsonResponse(200, segments);
  });
}

app.http('getSegments', { route: 'datasets/{dataset}/segments', methods: ['GET'], authLevel: 'function', handler: withRequestLog(getSegments) });
