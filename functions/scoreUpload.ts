import { app, InvocationContext } from '@azure/functions';
import { getSettings } from '../shared/config/settings';
import { scoreDrop } from '../shared/scoring/scoreDrop';
import { appStore } from '../shared/storage/appStore';
import { createLogger } from '../shared/telemetry/createLogger';
import { isBlobReference, registerBlobReferenceFactory, type BlobReference } from './bindings/blobReference';

registerBlobReferenceFactory();

/**
 * A file dropped into scoring/<dataset>/ (or a manifest and its files) is scored with the dataset's
 * latest model, without retraining, into results/<dataset>/scores/<scoreId>/. Like uploads, the
 * trigger receives where the blob is, never its bytes: the files are streamed.
 */
export async function scoreUpload(blob: BlobReference | unknown, context: InvocationContext): Promise<void> {
  const blobName = isBlobReference(blob) ? blob.blobName : String(context.triggerMetadata?.name ?? '');
  const settings = getSettings();
  const container = settings.SEGMENTWISE_SCORING_CONTAINER;
  const log = createLogger(context, { dataset: blobName.slice(0, Math.max(0, blobName.indexOf('/'))) || undefined, event: 'score', blob: blobName });
  const outcome = await scoreDrop(appStore(), container, blobName, {
    maxFileBytes: settings.SEGMENTWISE_MAX_FILE_BYTES,
    maxColumns: settings.SEGMENTWISE_MAX_COLUMNS,
  });
  const results = appStore().resultsContainer;
  switch (outcome.kind) {
    case 'scored':
      log.info(`Scored ${outcome.customers} customers of ${container}/${blobName} with run ${outcome.runId}: ${results}/${outcome.dataset}/scores/${outcome.scoreId}/scores.csv`, { decision: 'scored', scoreId: outcome.scoreId, runId: outcome.runId, rows: outcome.customers });
      return;
    case 'exists':
      log.info(`Score ${outcome.scoreId} of ${outcome.dataset} already ${outcome.state}; nothing to do.`, { decision: 'exists', scoreId: outcome.scoreId });
      return;
    case 'failed':
      log.warn(`Could not score ${container}/${blobName}: ${outcome.problem.message} (see ${results}/${outcome.errorBlob})`, { decision: 'failed', scoreId: outcome.scoreId, code: outcome.problem.code });
      return;
    case 'refused':
      log.warn(`Scoring drop ${blobName} refused: ${outcome.message} (see ${results}/${outcome.errorBlob})`, { decision: 'refused' });
      return;
    default:
      log.info(`Scoring drop ${blobName}: ${outcome.reason}`, { decision: outcome.kind });
  }
}

app.storageBlob('scoreUpload', {
  path: '%SEGMENTWISE_SCORING_CONTAINER%/{name}',
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  // A reference to the blob instead of its content, as for uploads: big files are streamed, never buffered to be named.
  sdkBinding: true,
  handler: scoreUpload,
});
