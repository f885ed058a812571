import { FaultRule } from '../helpers/faultProxy';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * Storage that is down (every request refused or its connection dropped) or frozen (requests held
 * without an answer): the HTTP routes answer 503 with Retry-After within SEGMENTWISE_STORAGE_TIMEOUT_MS,
 * instead of a 500 after the SDK's retries or a request that hangs, and answer normally once storage
 * is back. The host reaches Azurite through a fault proxy.
 */
const timeoutMs = 1_500;
/** What a busy 2-core machine may add to the deadline before the answer arrives. */
const slackMs = 2_500;

const { proxy, host } = useHostOnTestStorage(
  { SEGMENTWISE_STORAGE_TIMEOUT_MS: String(timeoutMs) },
  // Requests still held by the frozen storage would keep a graceful stop waiting.
  { faultProxy: true, stopSignal: 'SIGKILL' },
);

const routes: [string, string, unknown?][] = [
  ['GET', '/api/datasets'],
  ['GET', '/api/datasets/telco/segments'],
  ['GET', '/api/datasets/telco/runs'],
  ['GET', '/api/datasets/telco/results/report.html'],
  ['GET', '/api/runs/0123456789abcdef'],
  ['POST', '/api/score', { dataset: 'telco', customers: [{ monthly_spend: 10 }] }],
  ['POST', '/api/messages', { dataset: 'telco', segment: 0, channel: 'email' }],
];

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; retryAfter: string | null; code?: string; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${host().url}${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}), signal: AbortSignal.timeout(30_000) });
  const json = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), code: json.error?.code, ms: Date.now() - started };
}

const outages: [string, FaultRule][] = [
  ['refuses every request (503)', { matches: () => true, times: Infinity, status: 503 }],
  ['drops every connection', { matches: () => true, times: Infinity, reset: true }],
  ['is frozen (requests held for a minute)', { matches: () => true, times: Infinity, delayMs: 60_000 }],
];

/** What the routes answer with storage working: nothing was uploaded, so each dataset and run is unknown. */
const usualStatuses = [200, 404, 404, 404, 404, 404, 404];

test('with storage working, the routes answer as usual', async () => {
  const answers = await Promise.all(routes.map(([method, path, body]) => call(method, path, body)));
  expect(answers.map((a) => a.status)).toEqual(usualStatuses);
});

describe.each(outages)('storage that %s', (_, rule) => {
  test('every storage-backed route answers 503 with Retry-After within the storage timeout, and as usual once storage is back', async () => {
    proxy().setRules([rule]);
    try {
      const answers = await Promise.all(routes.map(([method, path, body]) => call(method, path, body)));
      answers.forEach((a, i) => {
        const route = `${routes[i]![0]} ${routes[i]![1]}`;
        expect({ route, status: a.status, code: a.code, retryAfter: a.retryAfter }).toEqual({ route, status: 503, code: 'storage_unavailable', retryAfter: '5' });
        expect({ route, fastEnough: a.ms < timeoutMs + slackMs }).toEqual({ route, fastEnough: true });
      });
    } finally {
      proxy().setRules([]);
    }
    const after = await Promise.all(routes.map(([method, path, body]) => call(method, path, body)));
    expect(after.map((a) => a.status)).toEqual(usualStatuses);
  });
});
