import { customerCsv } from '../fixtures/customerCsv';
import { listBlobs, readBlobText } from '../helpers/azurite';
import { getRun } from '../helpers/hostProcess';
import { readReceipt, waitFor, waitForLatest, waitForReceipt, waitForRunEnd } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * The foundation, end to end: real Azurite, the local host as its own process, the app's real
 * registrations (blob trigger → durable orchestration → activities → results).
 */

const { storage, proxy, host, killHost, startHost } = useHostOnTestStorage({}, { faultProxy: true });

/** Uploads a blob and returns its ETag (the version the blob trigger will handle). */
async function upload(name: string, body: string): Promise<string> {
  return (await storage().service.getContainerClient('uploads').getBlockBlobClient(name).upload(body, Buffer.byteLength(body))).etag!;
}

async function latestRunId(dataset: string): Promise<string> {
  return (await waitForLatest(storage().service, dataset)).runId;
}

/** Instances the durable API knows, for one dataset. */
async function instancesOf(dataset: string): Promise<{ instanceId: string; runtimeStatus: string; createdTime: string }[]> {
  // Inputs are shown only to callers holding the host key.
  const res = await fetch(`${host().url}/runtime/webhooks/durabletask/instances/`, { headers: { 'x-functions-key': host().hostKey } });
  const all = (await res.json()) as { instanceId: string; runtimeStatus: string; createdTime: string; input: { dataset?: string } }[];
  return all.filter((i) => i.input?.dataset === dataset);
}

async function runIdFromStart(dataset: string): Promise<string> {
  return waitFor(async () => (await instancesOf(dataset))[0]?.instanceId, 30_000, `a run of ${dataset} to start`);
}

test('an uploaded CSV becomes latest.json and assignments.csv with one row per customer', async () => {
  await upload('shop/customers.csv', customerCsv({ rows: 600 }));
  const runId = await latestRunId('shop');
  expect(runId).toMatch(/^[0-9a-f]{16}$/);

  const csv = (await readBlobText(storage().service, 'results', `shop/${runId}/assignments.csv`))!;
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trimEnd().split('\n');
  expect(lines[0]).toBe('customer_id,segment,segment_name,churn_probability,priority,driver_1,driver_2,driver_3,consent,action');
  expect(lines).toHaveLength(601);
  expect(lines[1]).toMatch(/^C100000,\d+,/);
  const segments = new Set(lines.slice(1).map((l) => l.split(',')[1]));
  expect(segments.size).toBeGreaterThanOrEqual(2);

  const run = (await getRun(host().url, runId))!;
  expect(run.runtimeStatus).toBe('Completed');
  expect(run.customStatus).toEqual({ step: 'writeResults', stepIndex: 7, steps: 7, percent: 100 });
  expect(run.results).toEqual({ folder: `results/shop/${runId}/`, files: expect.arrayContaining(['assignments.csv']) });

  const latest = JSON.parse((await readBlobText(storage().service, 'results', 'shop/latest.json'))!) as Record<string, string>;
  // inputsUploadedAt and startedAt order runs, so latest.json only moves forward.
  expect(Object.keys(latest).sort()).toEqual(['completedAt', 'inputsUploadedAt', 'runId', 'startedAt']);
  expect(Number.isNaN(Date.parse(latest.completedAt!))).toBe(false);
});

test('GET /api/runs/{runId} answers 404 for a run that does not exist', async () => {
  const res = await fetch(`${host().url}/api/runs/0123456789abcdef`);
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ error: { code: 'run_not_found', message: 'No run with id 0123456789abcdef.' } });
});

test('the same blob delivered five times concurrently starts one run, and its results appear all at once', async () => {
  // A reader polling from the upload on: the first latest.json it sees must point at a complete run.
  let firstSight: { runId: string; files: string[] } | undefined;
  let watching = true;
  const reader = (async () => {
    while (watching && !firstSight) {
      const text = await readBlobText(storage().service, 'results', 'five/latest.json');
      if (text) {
        const runId = (JSON.parse(text) as { runId: string }).runId;
        firstSight = { runId, files: (await listBlobs(storage().service, 'results', `five/${runId}/`)).map((n) => n.slice(`five/${runId}/`.length)) };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await upload('five/customers.csv', customerCsv({ rows: 300, seed: 11 }));
  // Five deliveries of the same blob at once, on top of the watcher's own.
  const deliver = () =>
    fetch(`${host().url}/admin/functions/ingestUpload`, {
      method: 'POST',
      body: JSON.stringify({ input: 'uploads/five/customers.csv' }),
    });
  const answers = await Promise.all(Array.from({ length: 5 }, deliver));
  expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
  const runId = await latestRunId('five');
  await waitForRunEnd(host().url, runId);
  watching = false;
  await reader;
  expect(await instancesOf('five')).toEqual([expect.objectContaining({ instanceId: runId, runtimeStatus: 'Completed' })]);
  const folders = new Set((await listBlobs(storage().service, 'results', 'five/')).map((n) => n.split('/')[1]));
  expect([...folders].sort()).toEqual([runId, 'latest.json'].sort());
  const run = (await getRun(host().url, runId))!;
  expect(firstSight?.runId).toBe(runId);
  expect(firstSight!.files.sort()).toEqual(expect.arrayContaining([...run.results!.files].sort()));
  expect(firstSight!.files).toEqual(expect.arrayContaining(['assignments.csv', 'assignments.xlsx', 'segments.json', 'model.json', 'quality.json', 'report.html']));
}, 200_000);

test('re-uploading the same bytes starts no new run; different bytes start a new one', async () => {
  const body = customerCsv({ rows: 200, seed: 5 });
  await upload('again/customers.csv', body);
  const first = await latestRunId('again');
  await waitForRunEnd(host().url, first);
  const [instance] = await instancesOf('again');
  const latest = await readBlobText(storage().service, 'results', 'again/latest.json');
  const etag = await upload('again/customers.csv', body); // new ETag, same bytes
  // The trigger has handled the new version: whatever it was going to start, it has started.
  await waitForReceipt(storage().service, 'again/customers.csv', etag);
  // The same bytes give the same runId, so the instance id alone cannot tell a re-run: a re-run
  // would replace the instance (a new createdTime) and rewrite latest.json (a new completedAt).
  expect(await instancesOf('again')).toEqual([instance]);
  expect(await readBlobText(storage().service, 'results', 'again/latest.json')).toBe(latest);

  await upload('again/customers.csv', customerCsv({ rows: 200, seed: 6 }));
  const second = await waitFor(
    async () => (await instancesOf('again')).find((i) => i.instanceId !== first)?.instanceId,
    30_000,
    'a second run',
  );
  expect((await waitForRunEnd(host().url, second)).runtimeStatus).toBe('Completed');
}, 360_000);

test('a failing activity is retried per its retry options and the run completes', async () => {
  // Four failures exhaust the storage SDK's own tries once, so the activity attempt fails and durable retry re-runs it.
  proxy().setRules([{ matches: (r) => r.method === 'PUT' && r.path.includes('/results/flaky/') && r.path.endsWith('/assignments.csv'), times: 4 }]);
  try {
    await upload('flaky/customers.csv', customerCsv({ rows: 300, seed: 3 }));
    const runId = await runIdFromStart('flaky');
    const run = await waitForRunEnd(host().url, runId, 90_000);
    expect(run.runtimeStatus).toBe('Completed');
    expect(proxy().failed[0]).toBe(4);
    const res = await fetch(`${host().url}/runtime/webhooks/durabletask/instances/${runId}?showHistory=true`, { headers: { 'x-functions-key': host().hostKey } });
    const history = ((await res.json()) as { history: { EventType: number; Name?: string; TaskScheduledId?: number; EventId: number }[] }).history;
    const scheduledWrites = history.filter((e) => e.EventType === 4 && e.Name === 'writeResults');
    expect(scheduledWrites).toHaveLength(2); // first attempt + one retry
    expect(history.filter((e) => e.EventType === 6 && e.TaskScheduledId === scheduledWrites[0]!.EventId)).toHaveLength(1);
  } finally {
    proxy().setRules([]);
  }
});

test('a permanently failing activity leaves the run Failed with error.json, and the upload stays', async () => {
  proxy().setRules([{ matches: (r) => r.method === 'PUT' && r.path.includes('/results/doomed/') && r.path.endsWith('/assignments.csv'), times: Infinity }]);
  try {
    await upload('doomed/customers.csv', customerCsv({ rows: 300, seed: 4 }));
    const runId = await runIdFromStart('doomed');
    const run = await waitForRunEnd(host().url, runId, 150_000);
    expect(run.runtimeStatus).toBe('Failed');
    expect(proxy().failed[0]).toBe(12); // 3 attempts × 4 storage tries
    const error = JSON.parse((await readBlobText(storage().service, 'results', `doomed/${runId}/error.json`))!) as Record<string, unknown>;
    expect(error).toMatchObject({ runId, dataset: 'doomed', code: 'RUN_FAILED' });
    expect(String(error.message)).toMatch(/step writeResults/);
    expect(String(error.hint)).toMatch(/upload is still there/);
    expect(run.error).toMatchObject({ code: 'RUN_FAILED' });
    expect(await readBlobText(storage().service, 'results', 'doomed/latest.json')).toBeUndefined();
    expect(await listBlobs(storage().service, 'uploads', 'doomed/')).toEqual(['doomed/customers.csv']);
  } finally {
    proxy().setRules([]);
  }
}, 180_000);

test('a run whose file cannot be read fails at once with an error.json that names the file', async () => {
  await upload('badfile/customers.csv', 'customer_id,name\nC1,Ann\nC2,Bob\n');
  const runId = await runIdFromStart('badfile');
  const run = await waitForRunEnd(host().url, runId);
  expect(run.runtimeStatus).toBe('Failed');
  const error = JSON.parse((await readBlobText(storage().service, 'results', `badfile/${runId}/error.json`))!) as Record<string, unknown>;
  expect(error).toMatchObject({ runId, dataset: 'badfile', file: 'customers.csv' });
  expect(error.code).toMatch(/NUMERIC/);
  expect(await listBlobs(storage().service, 'uploads', 'badfile/')).toEqual(['badfile/customers.csv']);
});

test('an orchestration interrupted by a host stop completes after the host restarts', async () => {
  const body = customerCsv({ rows: 2000, seed: 9 });
  // Hold the features hand-over (its upload) long enough to stop the host while the run is mid-way.
  proxy().setRules([{ matches: (r) => r.method === 'PUT' && r.path.includes('/results/crash/') && r.path.includes('/_work/features.bin'), times: 1, delayMs: 4000 }]);
  await upload('crash/customers.csv', body);
  const runId = await runIdFromStart('crash');
  await waitFor(async () => (proxy().failed[0]! > 0 ? true : undefined), 30_000, 'the run to reach the features step');
  const before = (await getRun(host().url, runId))!;
  expect(before.runtimeStatus).toBe('Running');
  await killHost('SIGKILL');
  proxy().setRules([]);

  await startHost();
  const run = await waitForRunEnd(host().url, runId);
  expect(run.runtimeStatus).toBe('Completed');
  expect(host().output()).toMatch(/Resum/);

  // The same bytes in another dataset, uninterrupted, give the same assignments.
  await upload('crash-ref/customers.csv', body);
  const refId = await latestRunId('crash-ref');
  const [a, b] = await Promise.all([
    readBlobText(storage().service, 'results', `crash/${runId}/assignments.csv`),
    readBlobText(storage().service, 'results', `crash-ref/${refId}/assignments.csv`),
  ]);
  expect(a).toBeDefined();
  expect(a).toBe(b);
}, 270_000);

test('the host does not fire old blobs again after a restart', async () => {
  const receipt = await readReceipt(storage().service, 'shop/customers.csv');
  expect(receipt).toMatchObject({ state: 'done' });
  const instances = await instancesOf('shop');
  await killHost();
  await startHost();
  // A blob listed after shop/ and handled by the restarted host: its receipt proves that a whole
  // listing went by, so shop/customers.csv was seen and, had it fired, claimed again.
  const etag = await upload('zz-after-restart/readme.md', 'not a data file\n');
  await waitForReceipt(storage().service, 'zz-after-restart/readme.md', etag);
  // Firing again means claiming the receipt again (a new receipt ETag), even when the run it would
  // start exists already; the instance count alone could not change.
  expect(await readReceipt(storage().service, 'shop/customers.csv')).toEqual(receipt);
  expect(await instancesOf('shop')).toEqual(instances);
  expect(host().output()).not.toMatch(/shop\/customers\.csv/);
});
