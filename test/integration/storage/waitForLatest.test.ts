import { TestStorage, startTestStorage } from '../../helpers/azurite';
import { WaitTimeoutError, waitForLatest } from '../../helpers/waitFor';

/**
 * The tests' one wait for a run's results, against real Azurite: it returns when latest.json
 * points at a run, stops at once with the content of an error.json, and gives up on its own limit.
 */
let storage: TestStorage;

beforeAll(async () => {
  storage = await startTestStorage();
});

afterAll(async () => {
  await storage?.stop();
});

async function write(name: string, body: unknown): Promise<void> {
  const text = JSON.stringify(body);
  await storage.service.getContainerClient('results').getBlockBlobClient(name).upload(text, text.length);
}

test('returns latest.json once it is written, and waits past the run named in `after`', async () => {
  await write('shop/latest.json', { runId: 'aaaaaaaaaaaaaaaa', completedAt: '2026-01-01T00:00:00Z' });
  expect(await waitForLatest(storage.service, 'shop', { limitMs: 5_000 })).toMatchObject({ runId: 'aaaaaaaaaaaaaaaa' });
  const newer = waitForLatest(storage.service, 'shop', { after: 'aaaaaaaaaaaaaaaa', limitMs: 20_000 });
  await write('shop/latest.json', { runId: 'bbbbbbbbbbbbbbbb', completedAt: '2026-01-02T00:00:00Z' });
  expect(await newer).toMatchObject({ runId: 'bbbbbbbbbbbbbbbb' });
});

test('stops as soon as the run writes error.json, with its content, long before its limit', async () => {
  const waiting = waitForLatest(storage.service, 'broken', { limitMs: 60_000 });
  await write('broken/cccccccccccccccc/error.json', { code: 'CSV_RAGGED_ROW', file: 'customers.csv', row: 7 });
  // Had it not stopped, it would fail 60 s later with "Gave up", not with the error's content.
  await expect(waiting).rejects.toThrow(/broken failed instead of completing; broken\/cccccccccccccccc\/error.json:\n.*CSV_RAGGED_ROW.*"row":7/);
});

test('gives up on its own limit, saying what it waited for', async () => {
  const waiting = waitForLatest(storage.service, 'silent', { limitMs: 300 });
  await expect(waiting).rejects.toBeInstanceOf(WaitTimeoutError);
  await expect(waitForLatest(storage.service, 'silent', { limitMs: 300 })).rejects.toThrow('Gave up after 0.3 s waiting for results/silent/latest.json.');
});
