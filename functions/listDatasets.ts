import { app } from '@azure/functions';
import { listDatasets } from '../shared/api/datasetQueries';
import { jsonResponse } from '../shared/http/httpErrors';
import { withStorageDeadline } from '../shared/http/withStorageDeadline';
import { apiStore } from '../shared/storage/apiStore';
import { withRequestLog } from '../shared/telemetry/withRequestLog';

/** GET /api/datasets: every dataset and its latest completed run. */
export async function listDatasetsHandler() {
  return withStorageDeadline(async () => jsonResponse(200, { datasets: await listDatasets(apiStore()) }));
}

app.http('listDatasets', { route: 'datasets', methods: ['GET'], authLevel: 'function', handler: withRequestLog(listDatasetsHandler) });
