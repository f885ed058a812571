import { planRun } from '../../../shared/pipeline/planRun';
import type { RunInput } from '../../../shared/pipeline/RunInput';
import { parseDataset } from '../../../shared/pipeline/steps/parseDataset';
import { BlobStore } from '../../../shared/storage/BlobStore';
import { TestStorage, startTestStorage } from '../../helpers/azurite';

/**
 * A run reads its files at the versions it was started for. An upload replaced before the run read
 * it ends the run with UPLOAD_REPLACED (for error.json: the newer upload has its own run), not with
 * storage's "condition not met" retried until the run fails.
 */
let storage: TestStorage;
let store: BlobStore;

beforeAll(async () => {
  storage = await startTestStorage(['uploads', 'results']);
  store = new BlobStore(storage.service, 'uploads', 'results');
});

afterAll(async () => {
  await storage?.stop();
});

test('an upload replaced before its run read it ends that run with UPLOAD_REPLACED', async () => {
  const blob = storage.service.getContainerClient('uploads').getBlockBlobClient('shop/customers.csv');
  await blob.uploadData(Buffer.from('customer_id,spend\nA1,10\nB2,20\nC3,30\n'));
  const plan = await planRun(store, 'shop/customers.csv');
  expect(plan.kind).toBe('start');
  const input = (plan as { input: RunInput }).input;
  await blob.uploadData(Buffer.from('customer_id,spend\nA1,11\nB2,21\nC3,31\nD4,41\n'));

  const result = await parseDataset(store, input);
  expect(result).toEqual({ ok: false, problem: expect.objectContaining({ code: 'UPLOAD_REPLACED', hint: expect.stringContaining('newer upload starts its own run') }) });
});
