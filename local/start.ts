/**
 * `npm start`: Azurite on its standard ports (data under .azurite/), the uploads, results and scoring
 * containers, and the local host serving the app's functions on http://127.0.0.1:7071/api.
 */
import * as path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { getSettings } from '../shared/config/settings';
import { isPortFree, spawnAzurite } from './azurite';
import { applyLocalSettings } from './localSettings';
import { LocalHost } from './LocalHost';
import { localHostOptions } from './localHostOptions';

const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  applyLocalSettings(path.join(root, 'local.settings.json'));
  process.env.AzureWebJobsStorage ??= 'UseDevelopmentStorage=true';
  const connection = process.env.AzureWebJobsStorage;
  const stops: (() => Promise<void>)[] = [];

  const usesDevStorage = /UseDevelopmentStorage=true|127\.0\.0\.1:10000|localhost:10000/i.test(connection);
  if (usesDevStorage) {
    if (await isPortFree(10000)) {
      const azurite = await spawnAzurite({ location: path.join(root, '.azurite') });
      stops.push(() => azurite.stop());
      console.log('Azurite is running: blob 10000, queue 10001, table 10002 (data in .azurite/).');
    } else {
      console.log('Using the storage emulator already listening on port 10000.');
    }
  }

  const settings = getSettings();
  const service = BlobServiceClient.fromConnectionString(connection);
  await service.getContainerClient(settings.SEGMENTWISE_UPLOADS_CONTAINER).createIfNotExists();
  await service.getContainerClient(settings.SEGMENTWISE_RESULTS_CONTAINER).createIfNotExists();
  await service.getContainerClient(settings.SEGMENTWISE_SCORING_CONTAINER).createIfNotExists();

  const host = new LocalHost(localHostOptions(root, connection));
  await host.start();
  stops.unshift(() => host.stop());

  const functions = [...host.registry.functions.values()];
  const http = functions.filter((f) => f.trigger.type === 'httpTrigger');
  console.log(`
Segmentwise is running.
  Functions: ${functions.map((f) => f.metadata.name).join(', ')}
  HTTP:      ${http.map((f) => `${host.url}/api/${String(f.trigger.route ?? f.metadata.name)}`).join('\n             ')}

Drop a customer file into the "${settings.SEGMENTWISE_UPLOADS_CONTAINER}" container as <dataset>/<file>, from a second terminal:
  npm run upload -- ../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv telco --wait
  (or Azure Storage Explorer → Emulator → Blob Containers → ${settings.SEGMENTWISE_UPLOADS_CONTAINER})
Results appear in "${settings.SEGMENTWISE_RESULTS_CONTAINER}/<dataset>/<runId>/"; --wait also copies them to ./results/<dataset>/<runId>/.
To score new customers with a dataset's latest model (no retraining), drop their file into "${settings.SEGMENTWISE_SCORING_CONTAINER}" as <dataset>/<file>;
the scores appear in "${settings.SEGMENTWISE_RESULTS_CONTAINER}/<dataset>/scores/<scoreId>/scores.csv" (and .xlsx).
This terminal prints a line when each run completes or fails. Follow one at ${host.url}/api/runs/<runId>.
Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping…');
    for (const s of stops) await s().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
