import { BlobServiceClient } from '@azure/storage-blob';
import { blobConnectionString, devAccountName } from '../../../local/azurite';
import { publishLatest, type LatestPointer } from '../../../shared/pipeline/publishLatest';
import type { RunInput } from '../../../shared/pipeline/RunInput';
import { BlobStore } from '../../../shared/storage/BlobStore';
import { TestStorage, readBlobText, startTestStorage } from '../../helpers/azurite';
import { FaultProxy, startFaultProxy } from '../../helpers/faultProxy';
import { waitFor } from '../../helpers/waitFor';

/**
 * latest.json only moves forward: a run publishes only when its inputs were uploaded after those of
 * the run latest.json points to, and a conditional write keeps two runs finishing at once from both
 * winning. Real Azurite; a fault proxy holds one run's write to make the race happen on cue.
 */
let storage: TestStorage;
let proxy: FaultProxy;
let store: BlobStore;
let slowStore: BlobStore;

beforeAll(async () => {
  storage = await startTestStorage();
  proxy = await startFaultProxy(storage.blobEndpoint.replace(`/${devAccountName}`, ''));
  proxy.setRules([]);
  store = new BlobStore(storage.service, 'uploads', 'results');
  slowStore = new BlobStore(BlobServiceClient.fromConnectionString(blobConnectionString(`${proxy.endpoint}/${devAccountName}`)), 'uploads', 'results');
});

afterAll(async () => {
  await proxy?.stop();
  await storage?.stop();
});

function run(dataset: string, runId: string, inputsUploadedAt: string | undefined, startedAt = inputsUploadedAt ?? '2026-11-01T00:00:00.000Z'): RunInput {
  return {
    dataset,
    runId,
    files: [{ blobName: `${dataset}/customers.csv`, file: 'customers.csv', etag: `"${runId}"`, size: 1, ...(inputsUploadedAt ? { uploadedAt: inputsUploadedAt } : {}) }],
    options: { seed: 42 },
    partitionRows: 500_000,
    ...(inputsUploadedAt ? { inputsUploadedAt } : {}),
    startedAt,
  };
}

async function latest(dataset: string): Promise<LatestPointer | undefined> {
  const text = await readBlobText(storage.service, 'results', `${dataset}/latest.json`);
  return text === undefined ? undefined : (JSON.parse(text) as LatestPointer);
}

test('the newer run finishing first stays latest; the older one completes as historical and says so', async () => {
  const older = run('reorder', 'aaaaaaaaaaaaaaaa', '2026-11-30T09:00:00.000Z');
  const newer = run('reorder', 'bbbbbbbbbbbbbbbb', '2026-11-30T09:05:00.000Z');
  expect(await publishLatest(store, newer)).toEqual({ historical: false });
  const outcome = await publishLatest(store, older);
  expect(outcome).toMatchObject({ historical: true, file: 'historical.json', runId: older.runId, newerRunId: newer.runId });
  expect(await latest('reorder')).toMatchObject({ runId: newer.runId, inputsUploadedAt: newer.inputsUploadedAt });
  const note = JSON.parse((await readBlobText(storage.service, 'results', `reorder/${older.runId}/historical.json`))!) as Record<string, unknown>;
  expect(note).toMatchObject({
    runId: older.runId,
    historical: true,
    newerRunId: newer.runId,
    inputsUploadedAt: older.inputsUploadedAt,
    newerInputsUploadedAt: newer.inputsUploadedAt,
  });
});

test('runs finishing in upload order each move latest.json forward, carrying the inputs’ upload time', async () => {
  const first = run('inorder', '1111111111111111', '2026-11-30T09:00:00.000Z');
  const second = run('inorder', '2222222222222222', '2026-11-30T09:00:01.000Z');
  expect(await publishLatest(store, first, () => new Date('2026-11-30T10:00:00.000Z'))).toEqual({ historical: false });
  expect(await latest('inorder')).toEqual({
    runId: first.runId,
    completedAt: '2026-11-30T10:00:00.000Z',
    inputsUploadedAt: first.inputsUploadedAt,
    startedAt: first.startedAt,
  });
  expect(await publishLatest(store, second)).toEqual({ historical: false });
  expect((await latest('inorder'))?.runId).toBe(second.runId);
  // Publishing again (an activity retried after its write went through) changes nothing.
  expect(await publishLatest(store, second)).toEqual({ historical: false });
  expect((await latest('inorder'))?.runId).toBe(second.runId);
});

test('inputs uploaded within the same second: the run planned later is the newer one (a timer refresh of unchanged data publishes)', async () => {
  const uploaded = '2026-11-30T09:00:00.000Z';
  const planned = run('samesecond', 'cccccccccccccccc', uploaded, '2026-11-30T09:00:00.200Z');
  const refresh = run('samesecond', 'dddddddddddddddd', uploaded, '2026-11-30T09:00:00.900Z');
  expect(await publishLatest(store, refresh)).toEqual({ historical: false });
  expect(await publishLatest(store, planned)).toMatchObject({ historical: true, newerRunId: refresh.runId });
  expect((await latest('samesecond'))?.runId).toBe(refresh.runId);
});

test('a latest.json written before upload times were recorded is replaced by the next run that finishes', async () => {
  await store.writeJson('results', 'legacy/latest.json', { runId: 'eeeeeeeeeeeeeeee', completedAt: '2026-11-01T00:00:00.000Z' });
  expect(await publishLatest(store, run('legacy', 'ffffffffffffffff', '2026-11-30T09:00:00.000Z'))).toEqual({ historical: false });
  expect((await latest('legacy'))?.runId).toBe('ffffffffffffffff');
});

test('two runs finishing at once: the older one read latest.json before the newer wrote it, and its write is refused', async () => {
  const older = run('race', '3333333333333333', '2026-11-30T09:00:00.000Z');
  const newer = run('race', '4444444444444444', '2026-11-30T09:10:00.000Z');
  // The older run's first write of latest.json is held in the network until the newer run has published.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  proxy.setRules([{ matches: (r) => r.method === 'PUT' && r.path.endsWith('/results/race/latest.json'), times: 1, holdUntil: held }]);
  try {
    const olderPublishing = publishLatest(slowStore, older);
    // The positive event: the older run's write reached the network (it found no latest.json and wrote).
    await waitFor(async () => (proxy.failed[0] === 1 ? true : undefined), 10_000, "the older run's write of latest.json to be held");
    expect(await latest('race')).toBeUndefined();
    expect(await publishLatest(store, newer)).toEqual({ historical: false });
    release();
    expect(await olderPublishing).toMatchObject({ historical: true, newerRunId: newer.runId });
  } finally {
    release();
    proxy.setRules([]);
  }
  expect((await latest('race'))?.runId).toBe(newer.runId);
});

test('many runs finishing at once leave latest.json on the one with the newest inputs', async () => {
  const runs = Array.from({ length: 8 }, (_, i) => run('crowd', `5${String(i).repeat(15)}`, `2026-11-30T09:0${i}:00.000Z`));
  const outcomes = await Promise.all([...runs].reverse().map((r) => publishLatest(store, r)));
  expect((await latest('crowd'))?.runId).toBe(runs[7]!.runId);
  // The newest run published; every other one either published before it or knows it is historical.
  expect(outcomes[0]).toEqual({ historical: false });
  const historical = outcomes.filter((o) => o.historical);
  for (const o of historical) expect(o).toMatchObject({ historical: true });
});
