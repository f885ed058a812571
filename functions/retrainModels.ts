import { app, InvocationContext, Timer } from '@azure/functions';
import * as df from 'durable-functions';
import { instancesInProgress } from '../shared/api/instancesInProgress';
import { getSettings } from '../shared/config/settings';
import { cleanupResults } from '../shared/pipeline/cleanupResults';
import { planRetrains } from '../shared/pipeline/planRetrains';
import { startOrSkip } from '../shared/pipeline/startOrSkip';
import { appStore } from '../shared/storage/appStore';
import { createLogger } from '../shared/telemetry/createLogger';

/**
 * On schedule: every dataset whose uploads changed since its latest run (a missed or failed trigger)
 * is run now; with RETRAIN_FORCE_DAYS, models older than that are retrained on the same data. Each
 * run writes drift.json against the run that was latest. Then the results are swept: runs past
 * SEGMENTWISE_RETENTION_DAYS and hand-over files past SEGMENTWISE_FAILED_WORK_DAYS go.
 */
export async function retrainModels(_timer: Timer, context: InvocationContext): Promise<void> {
  const client = df.getClient(context);
  const log = createLogger(context, { event: 'retrain' });
  const candidates = await planRetrains(appStore(), new Date(), getSettings().RETRAIN_FORCE_DAYS);
  // One dataset that cannot be started must not hold back the others; the tick still fails after.
  const failures: string[] = [];
  for (const candidate of candidates) {
    try {
      for (const input of [candidate.current, candidate.refresh]) {
        if (!input) continue;
        const outcome = await startOrSkip(client, 'segmentationPipeline', input.runId, input);
        if (outcome.started) {
          log.info(`Retraining ${candidate.dataset}: run ${input.runId}${input.options.refresh ? ' (scheduled refresh)' : ''}.`, {
            runId: input.runId,
            dataset: candidate.dataset,
            decision: 'started',
            refresh: Boolean(input.options.refresh),
          });
        }
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failures.push(`${candidate.dataset}: ${message}`);
      log.error(`Could not start the retrain of ${candidate.dataset}: ${message}`, err, { dataset: candidate.dataset, decision: 'failed' });
    }
  }
  // After the starts, so the runs this tick started count as in progress.
  try {
    const settings = getSettings();
    const inProgress = instancesInProgress(await client.getStatusBy({}));
    const policy = { retentionDays: settings.SEGMENTWISE_RETENTION_DAYS, failedWorkDays: settings.SEGMENTWISE_FAILED_WORK_DAYS };
    const swept = await cleanupResults(appStore(), new Date(), policy, inProgress);
    createLogger(context, { event: 'cleanup' }).info(
      `Clean-up: ${swept.runsRemoved.length} runs removed (${swept.runsKeptLatest} kept as latest, ${swept.runsKeptInProgress} in progress), ` +
        `${swept.workRemoved} sets of work files removed, ${swept.blobsDeleted} blobs, ${swept.bytesFreed} bytes.`,
      { ...policy, ...swept, runsRemoved: swept.runsRemoved.length, removedRuns: swept.runsRemoved.map((r) => `${r.dataset}/${r.runId}`) },
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    failures.push(`clean-up: ${message}`);
    log.error(`The results clean-up failed: ${message}`, err, { decision: 'failed' });
  }
  if (failures.length > 0) throw new Error(`The timer could not finish: ${failures.join('; ')}`);
}

app.timer('retrainModels', {
  schedule: '%RETRAIN_SCHEDULE%',
  extraInputs: [df.input.durableClient()],
  handler: retrainModels,
});
