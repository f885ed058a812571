import { app, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { isUnknownInstanceError } from '../shared/http/httpErrors';
import { planRun } from '../shared/pipeline/planRun';
import { appStore } from '../shared/storage/appStore';

/** A file dropped into uploads/<dataset>/ starts (at most) one pipeline run: the runId is the instance id. */
export async function ingestUpload(_blob: unknown, context: InvocationContext): Promise<void> {
  const blobName = String(context.triggerMetadata?.name ?? '');
  const store = appStore();
  const plan = await planRun(store, blobName);
  switch (plan.kind) {
    case 'reject':
      await store.writeJson(store.resultsContainer, plan.errorBlob, plan.error);
      context.warn(`Upload ${blobName} refused: ${String(plan.error.message)} (see ${store.resultsContainer}/${plan.errorBlob})`);
      return;
    case 'wait':
    case 'ignore':
      context.log(`Upload ${blobName}: ${plan.reason}`);
      return;
  }
  const { input } = plan;
  const client = df.getClient(context);
  const existing = await client.getStatus(input.runId).catch((err: unknown) => {
    if (isUnknownInstanceError(err)) return undefined;
    throw err;
  });
  if (existing && existing.runtimeStatus !== 'Failed' && existing.runtimeStatus !== 'Terminated') {
    context.log(`Run ${input.runId} for ${input.dataset} already exists (${existing.runtimeStatus}); nothing to start.`);
    return;
  }
  try {
    await client.startNew('segmentationPipeline', { instanceId: input.runId, input });
    context.log(`Started run ${input.runId} for dataset ${input.dataset} (${input.files.map((f) => f.file).join(', ')}).`);
  } catch (err) {
    // A concurrent delivery of the same upload started it first.
    const status = await client.getStatus(input.runId).catch(() => undefined);
    if (status) context.log(`Run ${input.runId} was started by a concurrent delivery.`);
    else throw err;
  }
}

app.storageBlob('ingestUpload', {
  path: '%SEGMENTWISE_UPLOADS_CONTAINER%/{name}',
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  extraInputs: [df.input.durableClient()],
  handler: ingestUpload,
});
