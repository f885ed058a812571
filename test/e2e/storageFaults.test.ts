import { customerCsv } from '../fixtures/customerCsv';
import { listBlobs } from '../helpers/azurite';
import { waitForLatest } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * Blob Storage that fails some requests with 503s and dropped connections, at random (seeded):
 * the SDK's retries, durable activity retries and the host's own recovery carry runs through.
 */

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const { storage, proxy } = useHostOnTestStorage({}, { faultProxy: true });

test('runs complete while 8 % of storage requests fail with 503 and 2 % lose their connection', async () => {
  const random = seeded(7);
  proxy().setRules([
    { matches: () => random() < 0.08, times: Infinity, status: 503 },
    { matches: () => random() < 0.02, times: Infinity, reset: true },
  ]);
  try {
    for (const dataset of ['flaky-a', 'flaky-b', 'flaky-c']) {
      const body = customerCsv({ rows: 500, seed: dataset.length + dataset.charCodeAt(6) });
      await storage().service.getContainerClient('uploads').getBlockBlobClient(`${dataset}/customers.csv`).upload(body, body.length);
    }
    // The three runs go on together, so their waits share one deadline inside the test's limit.
    const deadline = Date.now() + 240_000;
    for (const dataset of ['flaky-a', 'flaky-b', 'flaky-c']) {
      const { runId } = await waitForLatest(storage().service, dataset, { limitMs: deadline - Date.now() });
      const files = await listBlobs(storage().service, 'results', `${dataset}/${runId}/`);
      expect(files.map((f) => f.split('/').slice(2).join('/'))).toEqual(
        expect.arrayContaining(['assignments.csv', 'assignments.xlsx', 'segments.json', 'model.json', 'quality.json', 'report.html']),
      );
      expect(files.some((f) => f.endsWith('error.json'))).toBe(false);
    }
    expect(proxy().failed[0]).toBeGreaterThan(10);
    expect(proxy().failed[1]).toBeGreaterThan(0);
  } finally {
    proxy().setRules([]);
  }
}, 300_000);
