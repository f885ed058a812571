import { forgetCustomer } from '../../../shared/api/forgetCustomer';
import { collectDropFiles } from '../../../shared/pipeline/collectDropFiles';
import { planRetrains } from '../../../shared/pipeline/planRetrains';
import { planRun } from '../../../shared/pipeline/planRun';
import { parseUploadPath } from '../../../shared/pipeline/uploadPath';
import { BlobStore } from '../../../shared/storage/BlobStore';
import { TestStorage, startTestStorage } from '../../helpers/azurite';

/**
 * Files a privacy request rewrote, as the starters see them on real Azurite: the trigger's arrival
 * starts nothing (uploads and scoring drops alike), the files keep their upload time through two
 * rewrites, the timer does not run them again unless their data is newer than the latest run's or a
 * forced refresh is due, and an upload over a rewritten file is an ordinary upload.
 */
let storage: TestStorage;
let store: BlobStore;

beforeAll(async () => {
  storage = await startTestStorage(['uploads', 'results', 'scoring']);
  store = new BlobStore(storage.service, 'uploads', 'results');
});

afterAll(async () => {
  await storage?.stop();
});

const put = (container: string, name: string, body: string) => storage.service.getContainerClient(container).getBlockBlobClient(name).uploadData(Buffer.from(body));
const csv = (ids: string[]) => `customer_id,spend\n${ids.map((id, i) => `${id},${10 + i}`).join('\n')}\n`;
const runId = 'aaaaaaaaaaaaaaaa';
const noRewrites = new Set<string>();

test('a rewritten upload starts nothing on arrival, keeps its upload time, and the timer leaves it unless newer or due', async () => {
  await put('uploads', 'shop/customers.csv', csv(['A1', 'B2', 'C3']));
  await put('scoring', 'shop/new.csv', csv(['B2', 'D4']));
  const uploaded = (await store.info('uploads', 'shop/customers.csv'))!.lastModified.toISOString();
  const before = await planRun(store, 'shop/customers.csv');
  expect(before).toMatchObject({ kind: 'start', input: { inputsUploadedAt: uploaded } });
  const latest = { runId, completedAt: '2026-01-01T00:00:00.000Z', inputsUploadedAt: uploaded, startedAt: uploaded };
  await put('results', 'shop/latest.json', JSON.stringify(latest));
  await put('results', `shop/${runId}/quality.json`, JSON.stringify({ roles: { id: { column: 'customer_id' } } }));

  // Azurite keeps last-modified to the second: the rewrite must land in a later one to be told apart.
  const later = () => new Promise((r) => setTimeout(r, 1_100));
  await later();
  const first = await forgetCustomer(store, 'shop', 'B2', noRewrites, () => new Date(), 'scoring');
  expect(first.kind === 'done' && first.record.removed.map((r) => r.file).sort()).toEqual(['scoring/shop/new.csv', 'uploads/shop/customers.csv']);
  const rewritten = (await store.info('uploads', 'shop/customers.csv'))!;
  expect(rewritten.lastModified.toISOString()).not.toBe(uploaded);
  expect(rewritten.metadata).toMatchObject({ segmentwiseuploadedat: uploaded });

  // Arrivals of the rewrites: nothing to start, for a run or a batch score.
  const arrival = await planRun(store, 'shop/customers.csv');
  expect(arrival).toMatchObject({ kind: 'ignore', reason: expect.stringContaining('privacy request') });
  expect(await collectDropFiles(store, 'scoring', parseUploadPath('shop/new.csv'))).toMatchObject({ kind: 'ignore' });

  // Read on schedule, the data is what it now is, at the time it was uploaded.
  const scheduled = await planRun(store, 'shop/customers.csv', {}, 'schedule');
  expect(scheduled.kind).toBe('start');
  if (scheduled.kind !== 'start') return;
  expect(scheduled.input.inputsUploadedAt).toBe(uploaded);
  expect(scheduled.input.files[0]!.uploadedAt).toBe(uploaded);
  expect(scheduled.input.runId).not.toBe(before.kind === 'start' && before.input.runId);

  // A second request for another customer keeps the first upload time, not the first rewrite's.
  await later();
  await forgetCustomer(store, 'shop', 'C3', noRewrites, () => new Date(), 'scoring');
  expect((await store.info('uploads', 'shop/customers.csv'))!.metadata).toMatchObject({ segmentwiseuploadedat: uploaded });

  // The timer: no current run (the latest run's data less customers already scrubbed), no refresh not due.
  expect(await planRetrains(store, new Date(), 0)).toEqual([]);
  // A refresh that is due still runs, on the data as it now is.
  const due = await planRetrains(store, new Date(), 30);
  expect(due).toHaveLength(1);
  expect(due[0]!.current).toBeUndefined();
  // (Listings give ETags without the quotes a blob's properties carry.)
  expect(due[0]!.refresh?.files[0]!.etag).toBe((await store.info('uploads', 'shop/customers.csv'))!.etag.replace(/"/g, ''));
  // A latest run of older data (this upload's run failed or never ran): the rewrite's data runs.
  await put('results', 'shop/latest.json', JSON.stringify({ ...latest, inputsUploadedAt: '2025-01-01T00:00:00.000Z' }));
  expect((await planRetrains(store, new Date(), 0))[0]?.current?.inputsUploadedAt).toBe(uploaded);

  // Uploading the file again is an upload: no privacy metadata, its own time, a run to start.
  await later();
  await put('uploads', 'shop/customers.csv', csv(['A1', 'E5']));
  const again = await planRun(store, 'shop/customers.csv');
  expect(again.kind === 'start' && Date.parse(again.input.inputsUploadedAt!)).toBeGreaterThan(Date.parse(uploaded));
  expect((await store.info('uploads', 'shop/customers.csv'))!.metadata).toEqual({});
}, 60_000);

test('the timer picks the newest file by upload time, so a rewritten older file does not become the newest', async () => {
  await put('uploads', 'two/older.csv', csv(['A1', 'B2']));
  const olderAt = (await store.info('uploads', 'two/older.csv'))!.lastModified;
  await new Promise((r) => setTimeout(r, 1_100));
  await put('uploads', 'two/newer.csv', csv(['C3', 'D4']));
  const newerAt = (await store.info('uploads', 'two/newer.csv'))!.lastModified.toISOString();
  const latest = { runId, completedAt: '2026-01-01T00:00:00.000Z', inputsUploadedAt: newerAt, startedAt: newerAt };
  await put('results', 'two/latest.json', JSON.stringify(latest));
  await put('results', `two/${runId}/quality.json`, JSON.stringify({ roles: { id: { column: 'customer_id' } } }));
  await new Promise((r) => setTimeout(r, 1_100));
  await forgetCustomer(store, 'two', 'A1', noRewrites, () => new Date(), 'scoring');
  expect((await store.info('uploads', 'two/older.csv'))!.lastModified.getTime()).toBeGreaterThan(Date.parse(newerAt));

  // Planned as the timer plans: newer.csv is still the newest upload, and its run exists already.
  const forced = await planRetrains(store, new Date(), 30);
  const two = forced.find((c) => c.dataset === 'two');
  expect(two?.refresh?.files.map((f) => f.file)).toEqual(['newer.csv']);
  expect(two?.current?.files.map((f) => f.file)).toEqual(['newer.csv']);
  expect(Date.parse(two!.current!.inputsUploadedAt!)).toBeGreaterThan(olderAt.getTime());
}, 60_000);
