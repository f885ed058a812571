import { app, HttpRequest } from '@azure/functions';
import { datasetNameRule, isDatasetName, isDownloadable, latestRunId } from '../shared/api/datasetQueries';
import { getSettings } from '../shared/config/settings';
import { quoteInput } from '../shared/http/quoteInput';
import { errorResponse, jsonResponse } from '../shared/http/httpErrors';
import { isRunId, runIdShape } from '../shared/api/isRunInstanceId';
import { resultFiles, runPaths } from '../shared/pipeline/runPaths';
import { withStorageDeadline } from '../shared/http/withStorageDeadline';
import { apiStore } from '../shared/storage/apiStore';
import { apiRetryOptions, blobServiceClient } from '../shared/storage/blobServiceClient';
import { readLink } from '../shared/storage/readLink';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/**
 * GET /api/datasets/{dataset}/results/{file}[?runId=]: a short-lived read-only link to a result file of
 * the latest run (or the run named), for clients that have no storage access of their own.
 */
export async function getResultLink(request: HttpRequest) {
  const dataset = (request.params.dataset ?? '').toLowerCase();
  const file = request.params.file ?? '';
  if (!isDatasetName(dataset)) return errorResponse(400, 'invalid_dataset', `${quoteInput(request.params.dataset ?? '')} is not a dataset name. ${datasetNameRule}`);
  if (!isDownloadable(file)) return errorResponse(400, 'invalid_file', `${quoteInput(file)} is not a result file. Ask for one of ${resultFiles.join(', ')}, error.json or messages/<requestId>.json(l).`);
  const store = apiStore();
  const asked = request.query.get('runId');
  if (asked !== null && !isRunId(asked)) return errorResponse(400, 'invalid_run_id', `${quoteInput(asked)} is not a run id. ${runIdShape}`);
  return withStorageDeadline(async () => {
    const runId = asked ?? (await latestRunId(store, dataset));
    if (!runId) return errorResponse(404, 'dataset_not_found', `Dataset ${dataset} has no completed run yet.`);
    const name = runPaths.file(dataset, runId, file);
    if (!(await store.info(store.resultsContainer, name))) {
      return errorResponse(404, 'file_not_found', `Run ${runId} of ${dataset} has no ${file}.`);
    }
    const settings = getSettings();
    return jsonResponse(200, await readLink(blobServiceClient(settings, apiRetryOptions(settings.SEGMENTWISE_STORAGE_TIMEOUT_MS)), store.resultsContainer, name));
  });
}

app.http('getResultLink', {
  route: 'datasets/{dataset}/results/{*file}',
  methods: ['GET'],
  authLevel: 'function',
  handler: withRequestLog(getResultLink),
});
