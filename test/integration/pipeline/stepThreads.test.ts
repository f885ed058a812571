import * as fs from 'node:fs';
import * as path from 'node:path';
import { planRun } from '../../../shared/pipeline/planRun';
import type { RunInput } from '../../../shared/pipeline/RunInput';
import { parseDataset } from '../../../shared/pipeline/steps/parseDataset';
import { BlobStore } from '../../../shared/storage/BlobStore';
import { TestStorage, listBlobs, startTestStorage } from '../../helpers/azurite';
import { compileForChild } from '../../helpers/compileForChild';

/**
 * A step run on a step thread (as the host runs it, from compiled modules) against real Azurite:
 * it writes the very bytes and returns the very output the step writes and returns on the calling
 * thread, and its failure reaches the caller as the step threw it, name and storage status kept.
 */
type StepThreads = typeof import('../../../shared/pipeline/stepThreads');

let storage: TestStorage;
let store: BlobStore;
let dir: string;
let threads: StepThreads;
let input: RunInput;

beforeAll(async () => {
  storage = await startTestStorage(['uploads', 'results']);
  store = new BlobStore(storage.service, 'uploads', 'results');
  dir = compileForChild(['shared']);
  // The compiled modules read their settings (and the thread its store) from this environment.
  process.env.AzureWebJobsStorage = storage.connectionString;
  process.env.SEGMENTWISE_STEP_THREADS = '1';
  threads = require(path.join(dir, 'shared/pipeline/stepThreads.js')) as StepThreads;
});

afterAll(async () => {
  await threads?.shutdownStepThreads();
  await storage?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const csv = ['customer_id,monthly_spend,visits,churned', ...Array.from({ length: 400 }, (_, i) => `C${i},${(i * 7.3) % 300},${i % 17},${i % 5 === 0 ? 'yes' : 'no'}`)].join('\n') + '\n';

async function workFiles(prefix: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of await listBlobs(storage.service, 'results', prefix)) {
    files.set(name, (await store.readBuffer('results', name)).toString('base64'));
  }
  return files;
}

async function clear(prefix: string): Promise<void> {
  for (const name of await listBlobs(storage.service, 'results', prefix)) await store.delete('results', name);
}

test('parseDataset on a step thread writes and returns what it does on the calling thread', async () => {
  await storage.service.getContainerClient('uploads').getBlockBlobClient('shop/customers.csv').uploadData(Buffer.from(csv));
  const plan = await planRun(store, 'shop/customers.csv');
  expect(plan.kind).toBe('start');
  input = (plan as { input: RunInput }).input;

  const inline = await parseDataset(store, input);
  expect(inline.ok).toBe(true);
  const inlineFiles = await workFiles('shop/');
  expect(inlineFiles.size).toBeGreaterThan(2);
  await clear('shop/');

  const onThread = await threads.runStep('parseDataset', input);
  expect(onThread).toEqual(inline);
  expect(await workFiles('shop/')).toEqual(inlineFiles);
});

test("a step's failure on a thread is the step's own error: message, name and storage status", async () => {
  const missing: RunInput = { ...input, runId: 'ffffffffffffffff', files: input.files.map((file) => ({ ...file, name: 'shop/deleted-since.csv' })) };
  const inline = await parseDataset(store, missing).then(
    (value) => ({ value }),
    (err: Error & { statusCode?: number }) => ({ error: { message: err.message, name: err.name, statusCode: err.statusCode } }),
  );
  const onThread = await threads.runStep('parseDataset', missing).then(
    (value) => ({ value }),
    (err: Error & { statusCode?: number }) => ({ error: { message: err.message, name: err.name, statusCode: err.statusCode } }),
  );
  expect(onThread).toEqual(inline);
});
