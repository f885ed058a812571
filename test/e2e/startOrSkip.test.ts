import { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { durableClientData } from '../../local/durable/durableHttpApi';
import { planRun } from '../../shared/pipeline/planRun';
import type { RunInput } from '../../shared/pipeline/RunInput';
import { StartOutcome, startOrSkip } from '../../shared/pipeline/startOrSkip';
import { BlobStore } from '../../shared/storage/BlobStore';
import { customerCsv } from '../fixtures/customerCsv';
import { instanceWithHistory, instancesOf } from '../helpers/durableApi';
import { waitForRunCompleted, waitForRunEnd } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * The start-or-skip rule against the local host's durable API on real Azurite: starters that race
 * for one instance (direct calls, blob trigger deliveries, the retrain timer) all succeed and leave
 * one instance, as when the trigger and the timer meet on Azure and one of them is told 409.
 */
// The watcher polls rarely here, so the starts below are the test's own and happen together.
const { storage, host } = useHostOnTestStorage({ SEGMENTWISE_LOCAL_POLL_MS: '600000' });

/** durable-functions' own client, bound to the host as the Functions host would bind it. */
function durableClient(): df.DurableClient {
  const clientInput = df.input.durableClient();
  const context = new InvocationContext({ functionName: 'test', options: { extraInputs: [clientInput] } });
  context.extraInputs.set(clientInput, durableClientData(host().url, 'segmentwise', host().hostKey));
  return df.getClient(context);
}

async function plannedRun(blobName: string, body: string): Promise<RunInput> {
  await storage().service.getContainerClient('uploads').getBlockBlobClient(blobName).upload(body, body.length);
  const plan = await planRun(new BlobStore(storage().service, 'uploads', 'results'), blobName);
  if (plan.kind !== 'start') throw new Error(`Expected a run to start for ${blobName}, got ${JSON.stringify(plan)}`);
  return plan.input;
}

/** ExecutionStarted events in the instance's history: a second start inside one history would show here. */
async function executionsStarted(runId: string): Promise<number> {
  return (await instanceWithHistory(host(), runId)).history.filter((e) => e.EventType === 0).length;
}

test('four starts of one instance at once all succeed, one of them starts it, and one instance runs', async () => {
  const input = await plannedRun('race/customers.csv', customerCsv({ rows: 200, seed: 71 }));
  const client = durableClient();
  const outcomes: StartOutcome[] = await Promise.all(
    Array.from({ length: 4 }, () => startOrSkip(client, 'segmentationPipeline', input.runId, input)),
  );
  expect(outcomes.filter((o) => o.started)).toHaveLength(1);
  for (const o of outcomes.filter((x) => !x.started)) expect(['Pending', 'Running', 'Completed']).toContain((o as { runtimeStatus: string }).runtimeStatus);
  expect((await instancesOf(host(), 'race')).map((i) => i.instanceId)).toEqual([input.runId]);
  expect(await executionsStarted(input.runId)).toBe(1);
  await waitForRunCompleted(host().url, input.runId);

  // Once completed, a later start is a success that starts nothing.
  expect(await startOrSkip(client, 'segmentationPipeline', input.runId, input)).toEqual({ started: false, runtimeStatus: 'Completed' });
  expect(await executionsStarted(input.runId)).toBe(1);
});

test('the blob trigger and the retrain timer starting the same run at once both succeed', async () => {
  const input = await plannedRun('meet/customers.csv', customerCsv({ rows: 200, seed: 72 }));
  const invoke = (name: string, body?: unknown) =>
    fetch(`${host().url}/admin/functions/${name}`, { method: 'POST', ...(body ? { body: JSON.stringify(body) } : {}) }).then(async (r) => ({
      name,
      status: r.status,
      text: await r.text(),
    }));
  const answers = await Promise.all([
    invoke('ingestUpload', { input: 'uploads/meet/customers.csv' }),
    invoke('retrainModels'),
    invoke('ingestUpload', { input: 'uploads/meet/customers.csv' }),
    invoke('retrainModels'),
  ]);
  // A 500 here is the timer failing because it met the trigger's start: the host log says why.
  if (answers.some((a) => a.status !== 202)) console.log(host().output());
  expect(answers.map((a) => [a.name, a.status])).toEqual([
    ['ingestUpload', 202], ['retrainModels', 202], ['ingestUpload', 202], ['retrainModels', 202],
  ]);
  expect((await instancesOf(host(), 'meet')).map((i) => i.instanceId)).toEqual([input.runId]);
  expect(await executionsStarted(input.runId)).toBe(1);
  await waitForRunCompleted(host().url, input.runId);
});

test('an instance that failed is started again by the next starter', async () => {
  // A table the pipeline refuses (no numeric column): the run fails at its first step.
  const input = await plannedRun('again/customers.csv', 'customer_id,name\nC1,Ann\nC2,Bob\n');
  const client = durableClient();
  expect(await startOrSkip(client, 'segmentationPipeline', input.runId, input)).toEqual({ started: true });
  expect((await waitForRunEnd(host().url, input.runId)).runtimeStatus).toBe('Failed');
  expect(await startOrSkip(client, 'segmentationPipeline', input.runId, input)).toEqual({ started: true });
  expect(await executionsStarted(input.runId)).toBe(1); // a fresh history, not a second start in the old one
  expect((await waitForRunEnd(host().url, input.runId)).runtimeStatus).toBe('Failed');
});
