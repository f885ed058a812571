import { app, HttpRequest } from '@azure/functions';
import { datasetNameRule, isDatasetName } from '../shared/api/datasetQueries';
import { ModelNotFoundError, describeModel } from '../shared/api/describeModel';
import { quoteInput } from '../shared/http/quoteInput';
import { errorResponse, jsonResponse } from '../shared/http/httpErrors';
import { withStorageDeadline } from '../shared/http/withStorageDeadline';
import { apiStore } from '../shared/storage/apiStore';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/** GET /api/datasets/{dataset}/model: the latest model's inputs (features, categories, files), metrics and age. */
export async function getModel(request: HttpRequest) {
  const dataset = (request.params.dataset ?? '').toLowerCase();
  if (!isDatasetName(dataset)) return errorResponse(400, 'invalid_dataset', `${quoteInput(request.params.dataset ?? '')} is not a dataset name. ${datasetNameRule}`);
  return withStorageDeadline(async () => {
    try {
      return jsonResponse(200, await describeModel(apiStore(), dataset));
    } catch (err) {
      if (err instanceof ModelNotFoundError) return errorResponse(404, err.code, err.message);
      throw err;
    }
  });
}

app.http('getModel', { route: 'datasets/{dataset}/model', methods: ['GET'], authLevel: 'function', handler: withRequestLog(getModel) });
