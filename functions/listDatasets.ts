import { app } from '@azure/functions';
import { listDatasets } from '../shared/api/datasetQueries';
import { jsonResponse } from '../shared/http/httpErrors';
import { appStore } from '../shared/storage/appStore';

/** GET /api/datasets: every dataset and its latest completed run. */
export async function listDatasetsHandler() {
  return jsonResponse(200, { datasets: await listDatasets(appStore()) });
}

app.http('listDatasets', { route: 'datasets', methods: ['GET'], authLevel: 'function', handler: listDatasetsHandler });
