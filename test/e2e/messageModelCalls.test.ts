import { customerCsv } from '../fixtures/customerCsv';
import { readBlobText } from '../helpers/azurite';
import { FakeOpenAI, startFakeOpenAI } from '../../tools/fakes/fakeOpenAI';
import { HostProcess, startHostProcess } from '../helpers/hostProcess';
import { waitFor, waitForLatest } from '../helpers/waitFor';
import { StorageAccess, useHost, useTestStorage } from '../helpers/testHost';

/**
 * The model path's costs through the local host and a real chat-completions server on loopback:
 * every call carries its channel's token limit from the settings (max_tokens for chat models,
 * max_completion_tokens for the gpt-5 family); the daily call budget and an open circuit are kept in
 * storage, so a second host and a restarted one honour them; and a synchronous request killed
 * mid-way continues when it is sent again, reusing the messages already written.
 */
interface MessagesBody {
  messages: { customerId: string; text: string; title?: string; channel: string }[];
  failed: { customerId: string; reason: string }[];
  skipped: { customerId: string; reason: string }[];
  usage: { calls: number };
}

/** Customers who all consent, so every id asked for is written or failed. */
function customersFile(rows: number): string {
  const base = customerCsv({ rows, seed: 21 }).trimEnd().split('\n');
  return [`${base[0]},allow_marketing`, ...base.slice(1).map((line) => `${line},yes`)].join('\n') + '\n';
}

async function uploadAndRun(on: StorageAccess, dataset: string, rows: number): Promise<string> {
  const body = customersFile(rows);
  await on.storage().service.getContainerClient('uploads').getBlockBlobClient(`${dataset}/customers.csv`).upload(body, Buffer.byteLength(body));
  return (await waitForLatest(on.storage().service, dataset)).runId;
}

async function post(host: HostProcess, body: unknown): Promise<MessagesBody> {
  const res = await fetch(`${host.url}/api/messages`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as MessagesBody;
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `C${100000 + from + i}`);
const today = () => new Date().toISOString().slice(0, 10);

describe('token limits per channel and the daily budget, shared by hosts through storage', () => {
  const on = useTestStorage();
  let chat: FakeOpenAI;
  let reasoning: FakeOpenAI;
  beforeAll(async () => {
    chat = await startFakeOpenAI({ apiKey: 'k', deployment: 'gpt-4.1-mini', family: 'chat' });
    reasoning = await startFakeOpenAI({ apiKey: 'k', deployment: 'gpt-5.4-mini', family: 'reasoning', reasoningTokens: 300 });
  });
  afterAll(async () => {
    await chat.close();
    await reasoning.close();
  });
  const limits = { SEGMENTWISE_OPENAI_MAX_TOKENS_SMS: '111', SEGMENTWISE_OPENAI_MAX_TOKENS_PUSH: '122', SEGMENTWISE_OPENAI_MAX_TOKENS_EMAIL: '333', SEGMENTWISE_OPENAI_DAILY_CALL_BUDGET: '14' };
  const chatSettings = () => ({ AZURE_OPENAI_ENDPOINT: chat.endpoint, AZURE_OPENAI_DEPLOYMENT: 'gpt-4.1-mini', AZURE_OPENAI_API_KEY: 'k', ...limits });
  const { host, killHost, startHost } = useHost(on, chatSettings);
  beforeAll(async () => {
    await uploadAndRun(on, 'costs', 80);
  });

  const expected = { sms: 111, push: 122, email: 333 } as const;

  test('a chat model gets max_tokens of the message channel on every call', async () => {
    for (const channel of ['sms', 'push', 'email'] as const) {
      const before = chat.requests.length;
      const body = await post(host(), { dataset: 'costs', customerIds: ids(1, 3), channel, language: 'en', requestId: `chat-${channel}` });
      expect(body.failed).toEqual([]);
      const calls = chat.requests.slice(before);
      expect(calls).toHaveLength(2);
      for (const call of calls) {
        expect(call.body).toMatchObject({ max_tokens: expected[channel] });
        expect(call.body).not.toHaveProperty('max_completion_tokens');
      }
    }
  });

  test('a gpt-5 model gets max_completion_tokens: the channel maximum plus the reasoning allowance (a second host)', async () => {
    const second = await startHostProcess({
      AzureWebJobsStorage: on.connection(),
      ...limits,
      AZURE_OPENAI_ENDPOINT: reasoning.endpoint,
      AZURE_OPENAI_DEPLOYMENT: 'gpt-5.4-mini',
      AZURE_OPENAI_API_KEY: 'k',
      SEGMENTWISE_OPENAI_REASONING_TOKENS: '500',
    });
    try {
      for (const channel of ['sms', 'push', 'email'] as const) {
        const before = reasoning.requests.length;
        const body = await post(second, { dataset: 'costs', customerIds: ids(5, 6), channel, language: 'en', requestId: `reasoning-${channel}` });
        expect(body.failed).toEqual([]);
        const calls = reasoning.requests.slice(before);
        expect(calls).toHaveLength(1);
        expect(calls[0]!.body).toMatchObject({ max_completion_tokens: expected[channel] + 500 });
        expect(calls[0]!.body).not.toHaveProperty('max_tokens');
      }
    } finally {
      await second.kill();
    }
  });

  test('the day\'s budget counts both hosts\' calls; beyond it customers fail "budget", also after a restart', async () => {
    const ledger = () => readBlobText(on.storage().service, 'results', `_messaging/budget/${today()}.json`).then((t) => JSON.parse(t!) as { calls: number });
    const used = (await ledger()).calls;
    // Every call either host made is in the one ledger.
    expect(used).toBe(chat.requests.length + reasoning.requests.length);
    const left = 14 - used;
    expect(left).toBeGreaterThan(0);
    const before = chat.requests.length;
    const body = await post(host(), { dataset: 'costs', customerIds: ids(10, 12 + left), channel: 'sms', language: 'en', requestId: 'over-budget' });
    expect(body.messages).toHaveLength(left);
    expect(body.failed).toHaveLength(2);
    for (const f of body.failed) expect(f.reason).toMatch(/budget/);
    expect(chat.requests.length - before).toBe(left);
    expect((await ledger()).calls).toBe(14);

    await killHost('SIGKILL');
    await startHost();
    const after = await post(host(), { dataset: 'costs', customerIds: ids(20, 23), channel: 'push', language: 'en', requestId: 'after-restart' });
    expect(after.messages).toEqual([]);
    expect(after.failed).toHaveLength(3);
    for (const f of after.failed) expect(f.reason).toMatch(/budget: the app made its 14 model calls for today/);
    expect(chat.requests.length - before).toBe(left);
  });
});

describe('an open circuit outlives the host', () => {
  const on = useTestStorage();
  let failing: FakeOpenAI;
  beforeAll(async () => {
    failing = await startFakeOpenAI({ apiKey: 'k', deployment: 'gpt-4.1-mini', faultRate: 1, faults: ['500'] });
  });
  afterAll(() => failing.close());
  const { host, killHost, startHost } = useHost(on, () => ({
    AZURE_OPENAI_ENDPOINT: failing.endpoint,
    AZURE_OPENAI_DEPLOYMENT: 'gpt-4.1-mini',
    AZURE_OPENAI_API_KEY: 'k',
    SEGMENTWISE_OPENAI_CIRCUIT_FAILURES: '2',
    // One call at a time: the circuit opens on the second failure, before any other call starts.
    SEGMENTWISE_OPENAI_CONCURRENCY: '1',
    // Long enough that no restart outlasts it, whatever the machine's load.
    SEGMENTWISE_OPENAI_CIRCUIT_OPEN_MS: '3600000',
  }));
  beforeAll(async () => {
    await uploadAndRun(on, 'circuit', 40);
  });

  test('two failures open it; a restarted host makes no call while it is open', async () => {
    const first = await post(host(), { dataset: 'circuit', customerIds: ids(1, 4), channel: 'sms', language: 'en', requestId: 'trip' });
    expect(first.messages).toEqual([]);
    expect(failing.requests).toHaveLength(2);
    expect(first.failed.some((f) => /circuit open/.test(f.reason))).toBe(true);
    await killHost('SIGKILL');
    await startHost();
    const again = await post(host(), { dataset: 'circuit', customerIds: ids(5, 7), channel: 'sms', language: 'en', requestId: 'still-open' });
    expect(again.failed).toHaveLength(2);
    for (const f of again.failed) expect(f.reason).toMatch(/circuit open/);
    expect(failing.requests).toHaveLength(2);
  });
});

describe('a synchronous request killed mid-way continues when sent again', () => {
  const on = useTestStorage();
  let slow: FakeOpenAI;
  beforeAll(async () => {
    // Each reply takes a while, so the host can be killed with part of the request written.
    slow = await startFakeOpenAI({ apiKey: 'k', deployment: 'gpt-4.1-mini', latencyMs: 150 });
  });
  afterAll(() => slow.close());
  const { host, killHost, startHost } = useHost(on, () => ({
    AZURE_OPENAI_ENDPOINT: slow.endpoint,
    AZURE_OPENAI_DEPLOYMENT: 'gpt-4.1-mini',
    AZURE_OPENAI_API_KEY: 'k',
    SEGMENTWISE_OPENAI_CONCURRENCY: '2',
  }));
  let runId: string;
  beforeAll(async () => {
    runId = await uploadAndRun(on, 'resume', 60);
  });

  test('the messages already written are reused: only the rest are paid for', async () => {
    const request = { dataset: 'resume', customerIds: ids(0, 40), channel: 'sms', language: 'en', requestId: 'interrupted' };
    const pending = fetch(`${host().url}/api/messages`, { method: 'POST', body: JSON.stringify(request) }).catch((error: unknown) => error);
    const checkpoint = `resume/${runId}/_work/messages/interrupted/written.json`;
    const read = async () => {
      const text = await readBlobText(on.storage().service, 'results', checkpoint);
      return text ? (JSON.parse(text) as { messages: { customerId: string; text: string }[] }).messages : undefined;
    };
    await waitFor(async () => ((await read())?.length ?? 0) >= 6 || undefined, 60_000, 'six messages in the checkpoint');
    await killHost('SIGKILL');
    await pending;
    const saved = (await read())!;
    expect(saved.length).toBeLessThan(40);
    const callsBefore = slow.requests.length;

    await startHost();
    const body = await post(host(), request);
    expect(body.failed).toEqual([]);
    expect(body.messages.map((m) => m.customerId)).toEqual(ids(0, 40));
    // Only customers without a saved message cost a call: at most 40 less those seen saved (a write the
    // killed host had already sent may still have landed after that read, and is reused too).
    const paid = slow.requests.length - callsBefore;
    expect(paid).toBeLessThanOrEqual(40 - saved.length);
    expect(paid).toBeGreaterThan(0);
    expect(body.usage.calls).toBe(paid);
    // The checkpoint now holds every message, each customer once, the saved ones as they were.
    const final = (await read())!;
    expect(final.map((m) => m.customerId).sort()).toEqual(ids(0, 40));
    const byId = new Map(body.messages.map((m) => [m.customerId, m.text]));
    for (const m of saved) expect(byId.get(m.customerId)).toBe(m.text);
  });
});
