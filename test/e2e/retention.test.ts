import { createHash } from 'node:crypto';
import type { BlobGetPropertiesResponse } from '@azure/storage-blob';
import ExcelJS from 'exceljs';
import { readRunCustomers } from '../../shared/results/readRunCustomers';
import { BlobStore } from '../../shared/storage/BlobStore';
import { customerCsv } from '../fixtures/customerCsv';
import { listBlobs, readBlobText } from '../helpers/azurite';
import { waitFor, waitForLatest, waitForReceipt, waitForRunCompleted, waitForRunEnd } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * Retention through the local host: a completed run deletes its hand-over files, a failed run keeps
 * them until SEGMENTWISE_FAILED_WORK_DAYS, SEGMENTWISE_RETENTION_DAYS removes old runs but never the
 * one latest.json names (the timer's sweep), and the two DELETE routes: a whole dataset, and one
 * customer (a privacy request) from every file that holds them.
 */
const settings = { SEGMENTWISE_RETENTION_DAYS: '0', SEGMENTWISE_FAILED_WORK_DAYS: '7' };
const { storage, proxy, host, killHost, startHost } = useHostOnTestStorage(() => ({ ...settings }), { faultProxy: true });

const results = () => storage().service.getContainerClient('results');
const uploads = () => storage().service.getContainerClient('uploads');

async function upload(name: string, body: string): Promise<void> {
  await uploads().getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
}

async function completedRun(dataset: string, after?: string): Promise<string> {
  const { runId } = await waitForLatest(storage().service, dataset, after ? { after } : {});
  await waitForRunCompleted(host().url, runId);
  return runId;
}

async function fireTimer(): Promise<void> {
  const res = await fetch(`${host().url}/admin/functions/retrainModels`, { method: 'POST' });
  expect(res.status).toBe(202);
}

async function restartWith(next: Partial<typeof settings>): Promise<void> {
  await killHost();
  Object.assign(settings, next);
  await startHost();
}

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${host().url}/api/${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), headers });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

test('work files: gone once a run completes, kept after a failure until SEGMENTWISE_FAILED_WORK_DAYS; retention never removes latest', async () => {
  await upload('kept/customers.csv', customerCsv({ rows: 300, seed: 1 }));
  const first = await completedRun('kept');
  expect(await listBlobs(storage().service, 'results', `kept/${first}/_work/`)).toEqual([]);
  expect(await readBlobText(storage().service, 'results', `kept/${first}/assignments.csv`)).toContain('C100007');

  // A run that fails after its first hand-over files: storage refuses the cluster labels for good.
  proxy().setRules([{ matches: (r) => r.method === 'PUT' && r.path.includes('/results/broken/') && r.path.endsWith('/_work/labels.bin'), times: Infinity, status: 400 }]);
  await upload('broken/customers.csv', customerCsv({ rows: 300, seed: 2 }));
  const brokenId = await waitFor(async () => (await listBlobs(storage().service, 'results', 'broken/'))[0]?.split('/')[1], 60_000, 'the broken run to write its first file');
  const ended = await waitForRunEnd(host().url, brokenId);
  proxy().setRules([]);
  expect(ended.runtimeStatus).toBe('Failed');
  const brokenWork = await listBlobs(storage().service, 'results', `broken/${brokenId}/_work/`);
  expect(brokenWork).toEqual(expect.arrayContaining([`broken/${brokenId}/_work/table.bin`, `broken/${brokenId}/_work/features.bin`]));
  // The timer would start the failed run again from its upload; the upload goes so the sweep is seen alone.
  await uploads().deleteBlob('broken/customers.csv');

  await fireTimer();
  expect(host().output()).toMatch(/Clean-up: 0 runs removed/);
  expect(await listBlobs(storage().service, 'results', `broken/${brokenId}/_work/`)).toEqual(brokenWork);

  await restartWith({ SEGMENTWISE_FAILED_WORK_DAYS: '0' });
  await fireTimer();
  expect(await listBlobs(storage().service, 'results', `broken/${brokenId}/_work/`)).toEqual([]);
  expect(await readBlobText(storage().service, 'results', `broken/${brokenId}/error.json`)).toBeDefined();

  // Retention: a newer run of `kept` makes the first one old news; a sweep past the retention age removes it.
  await restartWith({ SEGMENTWISE_RETENTION_DAYS: '0.00002' }); // 1.7 s
  await upload('kept/customers.csv', customerCsv({ rows: 300, seed: 3 }));
  const second = await completedRun('kept', first);
  // Swept until the old run is gone and a sweep has found the latest run old enough to go as well.
  await waitFor(
    async () => {
      await fireTimer();
      const gone = (await listBlobs(storage().service, 'results', `kept/${first}/`)).length === 0;
      return gone && /Clean-up: \d+ runs removed \([1-9]\d* kept as latest/.test(host().output()) ? true : undefined;
    },
    60_000,
    `the sweep to remove run ${first} and keep ${second}, both past the retention age`,
  );
  // The run latest.json names is older than the retention age too, and stays whole.
  expect(JSON.parse((await readBlobText(storage().service, 'results', 'kept/latest.json'))!).runId).toBe(second);
  const kept = (await listBlobs(storage().service, 'results', `kept/${second}/`)).map((n) => n.slice(`kept/${second}/`.length));
  expect(kept).toEqual(expect.arrayContaining(['assignments.csv', 'customers.jsonl', 'model.json', 'report.html', 'segments.json']));
  expect((await api('GET', 'datasets/kept/segments')).status).toBe(200);
  await restartWith({ SEGMENTWISE_RETENTION_DAYS: '0', SEGMENTWISE_FAILED_WORK_DAYS: '7' });
}, 600_000);

test('DELETE /api/datasets/{dataset} removes its uploads, results and work files, and says what', async () => {
  await upload('doomed/customers.csv', customerCsv({ rows: 300, seed: 4 }));
  const runId = await completedRun('doomed');
  await upload('survivor/customers.csv', customerCsv({ rows: 300, seed: 5 }));
  const survivor = await completedRun('survivor');

  expect((await api('DELETE', 'datasets/not%20a%20name')).status).toBe(400);
  expect((await api('DELETE', 'datasets/never-uploaded')).status).toBe(404);
  const deleted = await api('DELETE', 'datasets/doomed');
  expect(deleted.status).toBe(200);
  expect(deleted.json).toMatchObject({ dataset: 'doomed', removed: { uploads: ['uploads/doomed/customers.csv'], runs: [runId], workFiles: 0 } });
  expect(deleted.json.removed.resultFiles).toBeGreaterThan(8);
  expect(await listBlobs(storage().service, 'uploads', 'doomed/')).toEqual([]);
  expect(await listBlobs(storage().service, 'results', 'doomed/')).toEqual([]);
  expect((await api('GET', 'datasets/doomed/segments')).status).toBe(404);
  // Idempotent: nothing is left, so a second request finds no dataset.
  expect((await api('DELETE', 'datasets/doomed')).status).toBe(404);
  // Another dataset is untouched.
  expect(JSON.parse((await readBlobText(storage().service, 'results', 'survivor/latest.json'))!).runId).toBe(survivor);
  expect(await readBlobText(storage().service, 'uploads', 'survivor/customers.csv')).toBe(customerCsv({ rows: 300, seed: 5 }));
}, 300_000);

/** Every row of an assignments.xlsx, as text. */
async function workbookRows(name: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await results().getBlobClient(name).downloadToBuffer()) as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v))));
  return rows;
}

test('DELETE /api/datasets/{dataset}/customers/{id} removes one customer from every file, leaves the others, records it once', async () => {
  const forgotten = 'C100007';
  const other = 'C100010';
  const csv = customerCsv({ rows: 300, seed: 6 });
  await upload('privacy/manifest.json', JSON.stringify({ consent: 'all' }));
  await upload('privacy/customers.csv', csv);
  const runId = await completedRun('privacy');
  const file = (name: string) => `privacy/${runId}/${name}`;

  // Messages for both, approved: drafts, approved files and the contact ledger now hold them.
  const messages = await api('POST', 'messages', { dataset: 'privacy', customerIds: [forgotten, other], channel: 'email', requestId: 'spring' });
  expect(messages.status).toBe(200);
  expect(messages.json.messages.map((m: { customerId: string }) => m.customerId).sort()).toEqual([forgotten, other]);
  expect((await api('POST', 'messages/spring/approve', {}, { 'x-segmentwise-reviewer': 'dpo@acme.example' })).status).toBe(200);
  const before = new Map<string, string>();
  for (const name of ['assignments.csv', 'customers.jsonl', 'messages/spring.json', 'messages/spring.jsonl', 'messages/spring.approved.jsonl', 'messages/spring.approved.csv', 'messages/spring.review.json']) {
    const text = (await readBlobText(storage().service, 'results', file(name)))!;
    expect({ name, holds: text.includes(forgotten) && text.includes(other) }).toEqual({ name, holds: true });
    before.set(name, text);
  }

  expect((await api('DELETE', 'datasets/nobody-here/customers/C1')).status).toBe(404);
  const answer = await api('DELETE', `datasets/privacy/customers/${encodeURIComponent(forgotten)}`);
  expect(answer.status).toBe(200);
  const changed = (answer.json.removed as { file: string; removed: number }[]).map((c) => c.file).sort();
  expect(changed).toEqual(
    [
      'uploads/privacy/customers.csv',
      `results/${file('assignments.csv')}`,
      `results/${file('assignments.xlsx')}`,
      `results/${file('customers.jsonl')}`,
      `results/${file('messages/spring.json')}`,
      `results/${file('messages/spring.jsonl')}`,
      `results/${file('messages/spring.approved.jsonl')}`,
      `results/${file('messages/spring.approved.csv')}`,
      `results/${file('messages/spring.review.json')}`,
      'results/privacy/_contacts/email.json',
    ].sort(),
  );

  // The upload: exactly the customer's line gone, every other byte as uploaded.
  const expectedUpload = csv.split('\n').filter((line) => !line.startsWith(`${forgotten},`)).join('\n');
  expect(await readBlobText(storage().service, 'uploads', 'privacy/customers.csv')).toBe(expectedUpload);
  // Results: the customer's row and entries gone, the others' lines unchanged.
  for (const [name, text] of before) {
    const now = (await readBlobText(storage().service, 'results', file(name)))!;
    expect({ name, forgotten: now.includes(forgotten), other: now.includes(other) }).toEqual({ name, forgotten: false, other: true });
    if (name === 'assignments.csv' || name === 'customers.jsonl') {
      expect(now).toBe(text.split('\n').filter((line) => !line.includes(`"${forgotten}"`) && !line.startsWith(`${forgotten},`)).join('\n'));
    }
  }
  const xlsx = await workbookRows(file('assignments.xlsx'));
  expect(xlsx).toHaveLength(300);
  expect(xlsx.some((row) => row[0] === forgotten)).toBe(false);
  expect(xlsx.some((row) => row[0] === other)).toBe(true);
  const ledger = JSON.parse((await readBlobText(storage().service, 'results', 'privacy/_contacts/email.json'))!);
  expect(Object.keys(ledger)).toEqual([other]);

  // The index finds the others where they now are, and not the customer.
  const found = await readRunCustomers(new BlobStore(storage().service, 'uploads', 'results'), 'privacy', runId, [forgotten, other, 'C100299']);
  expect(found?.map((c) => c.id)).toEqual([other, 'C100299']);

  // The record: named and keyed by the id's hash, never the id.
  const hash = createHash('sha256').update(forgotten).digest('hex');
  expect(answer.json.record).toMatch(new RegExp(`^results/privacy/_privacy/.+-${hash.slice(0, 16)}\\.json$`));
  const record = (await readBlobText(storage().service, 'results', answer.json.record.slice('results/'.length)))!;
  expect(record).not.toContain(forgotten);
  expect(JSON.parse(record)).toMatchObject({ dataset: 'privacy', customerIdSha256: hash, removed: answer.json.removed });

  // The rewritten upload starts no run: the results it would make were scrubbed already.
  const rewritten = await uploads().getBlobClient('privacy/customers.csv').getProperties();
  await waitForReceipt(storage().service, 'privacy/customers.csv', rewritten.etag!);
  expect(JSON.parse((await readBlobText(storage().service, 'results', 'privacy/latest.json'))!).runId).toBe(runId);
  expect(host().output()).toMatch(/Upload privacy\/customers\.csv: .*privacy request/);
  const again = await api('DELETE', `datasets/privacy/customers/${forgotten}`);
  expect(again.status).toBe(200);
  expect(again.json).toMatchObject({ removed: [], workFilesRemoved: 0, record: null });
  expect((await listBlobs(storage().service, 'results', 'privacy/_privacy/')).length).toBe(1);
}, 300_000);

test('a privacy rewrite starts no run, on upload or on schedule, and keeps each file its upload time', async () => {
  // Two files without a manifest: each its own run, the newer one latest. Both hold customer C100005.
  await upload('order/older.csv', customerCsv({ rows: 300, seed: 6 }));
  const older = await completedRun('order');
  await upload('order/newer.csv', customerCsv({ rows: 300, seed: 7 }));
  const newer = await completedRun('order', older);
  const uploadedAt = new Map<string, string>();
  for (const name of ['order/older.csv', 'order/newer.csv']) uploadedAt.set(name, (await uploads().getBlobClient(name).getProperties()).lastModified!.toISOString());
  const instances = async () => (await listBlobs(storage().service, 'segmentwise-durable', 'instances/')).length;
  const before = await instances();

  const answer = await api('DELETE', 'datasets/order/customers/C100005');
  expect(answer.status).toBe(200);
  expect(answer.json.removed.map((r: { file: string }) => r.file).sort()).toEqual(expect.arrayContaining(['uploads/order/newer.csv', 'uploads/order/older.csv']));
  const rewritten = new Map<string, BlobGetPropertiesResponse>();
  for (const name of ['order/older.csv', 'order/newer.csv']) {
    rewritten.set(name, await uploads().getBlobClient(name).getProperties());
    expect(await readBlobText(storage().service, 'uploads', name)).not.toMatch(/^C100005,/m);
    await waitForReceipt(storage().service, name, rewritten.get(name)!.etag!);
  }
  // The trigger handled both rewrites and started nothing; the newer file's run stays latest.
  expect(await instances()).toBe(before);
  expect(JSON.parse((await readBlobText(storage().service, 'results', 'order/latest.json'))!).runId).toBe(newer);
  // The rewrite is marked, and the file keeps the time it was uploaded.
  for (const [name, props] of rewritten) {
    expect(props.metadata).toMatchObject({ segmentwiseuploadedat: uploadedAt.get(name) });
    expect(Date.parse(props.metadata!.segmentwiseprivacyrewriteat!)).toBeGreaterThanOrEqual(Date.parse(uploadedAt.get(name)!));
  }

  // The timer, which starts what the uploads make when no run has, leaves the rewrites alone too.
  const sweeps = () => host().output().match(/Clean-up: /g)?.length ?? 0;
  const swept = sweeps();
  await fireTimer();
  await waitFor(async () => (sweeps() > swept ? true : undefined), 60_000, 'the timer tick to finish its sweep');
  expect(await instances()).toBe(before);
  expect(JSON.parse((await readBlobText(storage().service, 'results', 'order/latest.json'))!).runId).toBe(newer);

  // A real upload over a rewritten file is an upload again: it runs and, being newest, publishes.
  await upload('order/older.csv', customerCsv({ rows: 300, seed: 8 }));
  const next = await completedRun('order', newer);
  expect(next).not.toBe(older);
  expect((await uploads().getBlobClient('order/older.csv').getProperties()).metadata).toEqual({});
}, 300_000);
