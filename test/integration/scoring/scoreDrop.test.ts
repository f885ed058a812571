import { scoreDrop } from '../../../shared/scoring/scoreDrop';
import { BlobStore } from '../../../shared/storage/BlobStore';
import { TestStorage, listBlobs, readBlobText, startTestStorage } from '../../helpers/azurite';

/**
 * What a scoring drop decides before any model is used, on real Azurite: a manifest waits for its
 * files, a broken manifest or a dataset without a model is an error.json in the score folder, an
 * oversized file or a bad name is refused before a byte is read. The dropped files always stay.
 */
let storage: TestStorage;
let store: BlobStore;
const limits = { maxFileBytes: 4096, maxColumns: 2000 };
const fixedNow = () => new Date('2026-11-30T12:00:00.000Z');

beforeAll(async () => {
  storage = await startTestStorage(['uploads', 'results', 'scoring']);
  store = new BlobStore(storage.service, 'uploads', 'results');
});

afterAll(async () => {
  await storage?.stop();
});

async function drop(name: string, body: string): Promise<void> {
  await storage.service.getContainerClient('scoring').getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
}

const manifest = JSON.stringify({ files: [{ name: 'customers.csv' }, { name: 'visits.csv' }], id: 'customer_id' });

test('a manifest waits for every file it names, and nothing is written meanwhile', async () => {
  await drop('waiting/manifest.json', manifest);
  await drop('waiting/customers.csv', 'customer_id,spend\nC1,10\n');
  for (const name of ['waiting/manifest.json', 'waiting/customers.csv']) {
    const outcome = await scoreDrop(store, 'scoring', name, limits, fixedNow);
    expect(outcome).toEqual({ kind: 'wait', reason: 'waiting for visits.csv (named in manifest.json)' });
  }
  // A file the manifest does not name is not scored on its own.
  await drop('waiting/notes.csv', 'a\n1\n');
  expect(await scoreDrop(store, 'scoring', 'waiting/notes.csv', limits, fixedNow)).toEqual({ kind: 'ignore', reason: 'notes.csv is not one of the files manifest.json names.' });
  expect(await listBlobs(storage.service, 'results', 'waiting/')).toEqual([]);
});

test('once every file is there, the drop is one score: without a model, error.json says to train first', async () => {
  await drop('waiting/visits.csv', 'customer_id,visits\nC1,3\n');
  const outcome = await scoreDrop(store, 'scoring', 'waiting/visits.csv', limits, fixedNow);
  expect(outcome.kind).toBe('failed');
  if (outcome.kind !== 'failed') return;
  // Whichever file arrives last, the same files make the same score.
  const again = await scoreDrop(store, 'scoring', 'waiting/manifest.json', limits, fixedNow);
  expect(again).toEqual({ kind: 'exists', dataset: 'waiting', scoreId: outcome.scoreId, state: 'failed' });
  const error = JSON.parse((await readBlobText(storage.service, 'results', `waiting/scores/${outcome.scoreId}/error.json`))!);
  expect(error).toEqual({
    dataset: 'waiting',
    code: 'NO_MODEL',
    file: 'customers.csv, visits.csv',
    message: 'Dataset waiting has no trained model yet, so customers.csv, visits.csv cannot be scored.',
    hint: expect.stringContaining('uploads/waiting/'),
    at: '2026-11-30T12:00:00.000Z',
  });
  const status = JSON.parse((await readBlobText(storage.service, 'results', `waiting/scores/${outcome.scoreId}/status.json`))!);
  expect(status).toMatchObject({ scoreId: outcome.scoreId, dataset: 'waiting', runId: null, state: 'failed', inputs: ['customers.csv', 'visits.csv'] });
  expect((await listBlobs(storage.service, 'scoring', 'waiting/')).sort()).toEqual(['waiting/customers.csv', 'waiting/manifest.json', 'waiting/notes.csv', 'waiting/visits.csv']);
});

test('a manifest that cannot be read is an error.json naming it', async () => {
  await drop('broken/manifest.json', '{ "files": [ { "name": 1 } ] }');
  const outcome = await scoreDrop(store, 'scoring', 'broken/manifest.json', limits, fixedNow);
  expect(outcome.kind).toBe('failed');
  if (outcome.kind !== 'failed') return;
  const error = JSON.parse((await readBlobText(storage.service, 'results', `broken/scores/${outcome.scoreId}/error.json`))!);
  expect(error).toMatchObject({ dataset: 'broken', code: 'MANIFEST_INVALID', file: 'manifest.json', at: '2026-11-30T12:00:00.000Z' });
  expect(typeof error.hint).toBe('string');
});

test('an oversized file or a name outside a dataset folder is refused before it is read', async () => {
  await drop('big/customers.csv', `customer_id,spend\n${'C1,10\n'.repeat(1000)}`);
  const big = await scoreDrop(store, 'scoring', 'big/customers.csv', limits, fixedNow);
  expect(big).toMatchObject({ kind: 'refused', errorBlob: expect.stringMatching(/^_rejected\/[0-9a-f]{16}\/error\.json$/) });
  if (big.kind !== 'refused') return;
  expect(JSON.parse((await readBlobText(storage.service, 'results', big.errorBlob))!)).toMatchObject({ dataset: 'big', file: 'customers.csv', code: 'FILE_TOO_LARGE' });

  await drop('loose.csv', 'a\n1\n');
  const loose = await scoreDrop(store, 'scoring', 'loose.csv', limits, fixedNow);
  expect(loose.kind).toBe('refused');
  if (loose.kind !== 'refused') return;
  const error = JSON.parse((await readBlobText(storage.service, 'results', loose.errorBlob))!);
  expect(error).toMatchObject({ dataset: '_rejected', file: 'loose.csv', code: 'INVALID_PATH' });
  // The hint points at the container the file was dropped into.
  expect(error.hint).toMatch(/scoring\/<dataset>\/<file>/);
  expect(await listBlobs(storage.service, 'results', 'big/')).toEqual([]);
});
