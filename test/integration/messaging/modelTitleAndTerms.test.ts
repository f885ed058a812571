import { AzureOpenAIWriter } from '../../../shared/messaging/AzureOpenAIWriter';
import { messageRequestSchema } from '../../../shared/messaging/messageRequestSchema';
import { offerCatalogSchema } from '../../../shared/messaging/offerCatalogSchema';
import { writeMessages } from '../../../shared/messaging/writeMessages';
import { readPrompt, startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../../tools/fakes/fakeOpenAI';
import { makeCustomers, segments } from '../../unit/messaging/fixtures';

/**
 * The model path against a real chat-completions server on loopback: a push carries the model's
 * title, checked like the body; an offer's terms go to the model and must come back word for word.
 */
let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function write(options: FakeOpenAIOptions, channel: 'push' | 'sms' | 'email', offers?: unknown) {
  fake = await startFakeOpenAI({ apiKey: 'k', ...options });
  const writer = new AzureOpenAIWriter({ endpoint: fake.endpoint, deployment: fake.deployment, apiVersion: '2024-10-21', apiKey: 'k', timeoutMs: 2000, maxRetries: 0 });
  return writeMessages({
    request: messageRequestSchema.parse({ dataset: 'demo', channel, language: 'en', ...(offers ? { offers } : {}) }),
    customers: makeCustomers(3).map((c) => ({ ...c, churnProbability: 0.8 })),
    segments,
    writer,
    concurrency: 2,
  });
}

const terms = 'Valid until 31 December 2026 on new annual plans.';
const catalog = offerCatalogSchema.parse([{ id: 'annual', name: 'Annual plan upgrade', terms, kind: 'retention' }]);

describe('push title and offer terms on the model path', () => {
  it('asks for a title within its limit and stores it on each push', async () => {
    const result = await write({}, 'push');
    expect(result.failed).toEqual([]);
    for (const m of result.messages) expect(m.title).toBe('Picked for you');
    const system = fake!.requests[0]!.body!.messages[0]!.content;
    expect(system).toMatch(/a title of at most 50 characters and a body \(the text\) of at most 178 characters/);
    expect(system).toMatch(/"title": "<title>"/);
  });

  it('a reply without a title, or with one too long or carrying an incentive, is retried with feedback and then failed', async () => {
    const replies: Record<string, string> = {
      none: JSON.stringify({ subject: null, title: null, text: 'Hello! We picked a few things we think you will like.' }),
      long: JSON.stringify({ subject: null, title: 'A title far too long for any lock screen to show in full, really', text: 'Hello! We picked a few things we think you will like.' }),
      incentive: JSON.stringify({ subject: null, title: 'Free gift inside', text: 'Hello! We picked a few things we think you will like.' }),
    };
    const reasons: Record<string, RegExp> = { none: /needs a title/, long: /the title has \d+ characters; the limit is 50/, incentive: /mentions an incentive/ };
    for (const kind of Object.keys(replies)) {
      const result = await write({ reply: () => replies[kind]! }, 'push');
      expect(result.messages).toEqual([]);
      expect(result.failed).toHaveLength(3);
      for (const f of result.failed) expect(f.reason).toMatch(reasons[kind]!);
      expect(fake!.requests).toHaveLength(6);
      await fake!.close();
      fake = undefined;
    }
  });

  it("sends the offer's terms to the model and keeps a reply that quotes them", async () => {
    const result = await write({}, 'email', catalog);
    expect(result.failed).toEqual([]);
    for (const m of result.messages) {
      expect(m.text).toContain(terms);
      expect(m.offer).toEqual({ id: 'annual', name: 'Annual plan upgrade', terms });
    }
    const data = readPrompt(fake!.requests[0]!.body).data as { offer: { terms: string } };
    expect(data.offer.terms).toBe(terms);
    expect(fake!.requests[0]!.body!.messages[0]!.content).toMatch(/quote its terms \(offer\.terms\) word for word/);
  });

  it('fails a reply that changes or drops the terms, after a retry with the problem as feedback', async () => {
    const result = await write({ reply: () => JSON.stringify({ subject: 'For you', title: null, text: 'Hello! Annual plan upgrade, valid until the end of the year.' }) }, 'email', catalog);
    expect(result.messages).toEqual([]);
    for (const f of result.failed) expect(f.reason).toMatch(/does not quote the offer's terms word for word/);
    expect(fake!.requests.at(-1)!.body!.messages.at(-1)!.content).toContain(terms);
  });
});
