import { app, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { getSettings } from '../shared/config/settings';
import { planRun } from '../shared/pipeline/planRun';
import { screenUpload } from '../shared/pipeline/screenUpload';
import { startOrSkip } from '../shared/pipeline/startOrSkip';
import { appStore } from '../shared/storage/appStore';
import { createLogger } from '../shared/telemetry/createLogger';
import { isBlobReference, registerBlobReferenceFactory, type BlobReference } from './bindings/blobReference';

registerBlobReferenceFactory();

/**
 * A file dropped into uploads/<dataset>/ starts (at most) one pipeline run: the runId is the instance id.
 * The trigger receives where the blob is, never its bytes: sizes are checked from metadata first, and
 * afterwards only manifest.json (at most 1 MiB) is read whole; data files are streamed (the run's hash,
 * then the parse step).
 */
export async function ingestUpload(blob: BlobReference | unknown, context: InvocationContext): Promise<void> {
  const blobName = isBlobReference(blob) ? blob.blobName : String(context.triggerMetadata?.name ?? '');
  const store = appStore();
  const log = createLogger(context, { dataset: blobName.slice(0, Math.max(0, blobName.indexOf('/'))) || undefined, event: 'upload', blob: blobName });
  const upload = await store.info(store.uploadsContainer, blobName);
  if (!upload) {
    log.info(`Upload ${blobName} is no longer there; nothing to do.`, { decision: 'gone' });
    return;
  }
  const maxFileBytes = getSettings().SEGMENTWISE_MAX_FILE_BYTES;
  // planRun reads the folder's manifest.json whole, whichever file arrived: its size is checked too.
  const manifest = await store.info(store.uploadsContainer, `${blobName.slice(0, blobName.indexOf('/') + 1)}manifest.json`);
  const refusal =
    screenUpload(blobName, upload.size, maxFileBytes) ?? (manifest && screenUpload(manifest.name, manifest.size, maxFileBytes));
  if (refusal) {
    await store.writeJson(store.resultsContainer, refusal.errorBlob, refusal.error);
    log.warn(`Upload ${blobName} refused: ${String(refusal.error.message)} (see ${store.resultsContainer}/${refusal.errorBlob})`, { decision: 'refused' });
    return;
  }
  const plan = await planRun(store, blobName);
  switch (plan.kind) {
    case 'reject':
      await store.writeJson(store.resultsContainer, plan.errorBlob, plan.error);
      log.warn(`Upload ${blobName} refused: ${String(plan.error.message)} (see ${store.resultsContainer}/${plan.errorBlob})`, { decision: 'refused' });
      return;
    case 'wait':
    case 'ignore':
      log.info(`Upload ${blobName}: ${plan.reason}`, { decision: plan.kind });
      return;
  }
  const { input } = plan;
  const outcome = await startOrSkip(df.getClient(context), 'segmentationPipeline', input.runId, input);
  const run = log.child({ runId: input.runId, dataset: input.dataset });
  if (outcome.started) run.info(`Started run ${input.runId} for dataset ${input.dataset} (${input.files.map((f) => f.file).join(', ')}).`, { decision: 'started', files: input.files.length });
  else run.info(`Run ${input.runId} for ${input.dataset} already exists (${outcome.runtimeStatus}); nothing to start.`, { decision: 'exists', runtimeStatus: outcome.runtimeStatus });
}

app.storageBlob('ingestUpload', {
  path: '%SEGMENTWISE_UPLOADS_CONTAINER%/{name}',
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  // A reference to the blob instead of its content: uploads of up to SEGMENTWISE_MAX_FILE_BYTES never
  // land in the worker's memory just to be named.
  sdkBinding: true,
  extraInputs: [df.input.durableClient()],
  handler: ingestUpload,
});
