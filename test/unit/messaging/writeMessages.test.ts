import type { MessagePrompt } from '../../../shared/messaging/buildMessagePrompt';
import { EmbeddedWriter } from '../../../shared/messaging/EmbeddedWriter';
import { messageRequestSchema, type MessageRequestInput } from '../../../shared/messaging/messageRequestSchema';
import { MessageWriteError } from '../../../shared/messaging/MessageWriteError';
import type { MessageWriter } from '../../../shared/messaging/MessageWriter';
import { offerCatalogSchema } from '../../../shared/messaging/offerCatalogSchema';
import type { DraftMessage } from '../../../shared/messaging/types';
import { writeMessages, type WriteMessagesResult } from '../../../shared/messaging/writeMessages';
import { makeCustomer, makeCustomers, segments } from './fixtures';

const request = (body: Partial<MessageRequestInput>) => messageRequestSchema.parse({ dataset: 'demo', channel: 'sms', ...body });

function accountedIds(result: WriteMessagesResult): string[] {
  return [...result.messages, ...result.skipped, ...result.failed].map((m) => m.customerId);
}

/** A writer whose behaviour per customer is scripted by the prompt's variant. */
class ScriptedWriter implements MessageWriter {
  readonly name = 'scripted';
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly behave: (prompt: MessagePrompt, signal?: AbortSignal) => Promise<DraftMessage>) {}
  async write(prompt: MessagePrompt, signal?: AbortSignal): Promise<DraftMessage> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setImmediate(r));
      return await this.behave(prompt, signal);
    } finally {
      this.inFlight--;
    }
  }
}

describe('writeMessages', () => {
  it('writes one message per consenting customer and skips the others with the reason', async () => {
    const customers = makeCustomers(40).map((c, i) => (i % 5 === 0 ? { ...c, consent: false } : c));
    const progress: number[] = [];
    const result = await writeMessages({
      request: request({ language: 'ru' }),
      customers,
      segments,
      writer: new EmbeddedWriter(),
      concurrency: 4,
      onProgress: (p) => progress.push(p.done),
    });
    expect(result.messages).toHaveLength(32);
    expect(result.skipped).toHaveLength(8);
    expect(result.skipped.every((s) => s.reason === 'no consent to receive messages')).toBe(true);
    expect(result.failed).toEqual([]);
    expect(accountedIds(result).sort()).toEqual(customers.map((c) => c.customerId).sort());
    expect(progress).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    const m = result.messages[0];
    expect(m).toMatchObject({ customerId: 'C100001', segment: 1, segmentName: 'New customers', channel: 'sms', language: 'ru' });
    expect(m.drivers.length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(160);
  });

  it('names unknown and repeated ids once, and keeps request order', async () => {
    const customers = makeCustomers(10);
    const result = await writeMessages({
      request: request({ customerIds: ['C100003', 'nope', 'C100001', 'C100003', 100002] }),
      customers,
      segments,
      writer: new EmbeddedWriter(),
      concurrency: 2,
    });
    expect(result.messages.map((m) => m.customerId)).toEqual(['C100003', 'C100001']);
    expect(result.skipped).toEqual([
      { customerId: 'nope', reason: 'not found in the latest run of this dataset' },
      { customerId: '100002', reason: 'not found in the latest run of this dataset' },
    ]);
  });

  it('chooses a segment and stops at the limit', async () => {
    const customers = makeCustomers(40);
    customers[2] = { ...customers[2], consent: false }; // segment 2
    const result = await writeMessages({
      request: request({ segment: 2, limit: 3 }),
      customers,
      segments,
      writer: new EmbeddedWriter(),
      concurrency: 3,
    });
    expect(result.messages.map((m) => m.customerId)).toEqual(['C100006', 'C100010', 'C100014']);
    expect(result.skipped.map((s) => s.customerId)).toEqual(['C100002']);
  });

  it('promotes offers: the request catalogue over offers.json', async () => {
    const fileCatalog = offerCatalogSchema.parse([{ id: 'file', name: 'Offer from offers.json' }]);
    const customers = makeCustomers(4);
    const fromFile = await writeMessages({ request: request({ channel: 'email' }), customers, segments, writer: new EmbeddedWriter(), offers: fileCatalog, concurrency: 2 });
    expect(fromFile.messages.every((m) => m.offer?.id === 'file' && m.text.includes('Offer from offers.json'))).toBe(true);
    const fromRequest = await writeMessages({
      request: request({ channel: 'email', offers: [{ id: 'req', name: 'Offer from the request' }] }),
      customers,
      segments,
      writer: new EmbeddedWriter(),
      offers: fileCatalog,
      concurrency: 2,
    });
    expect(fromRequest.messages.every((m) => m.offer?.id === 'req')).toBe(true);
  });

  it('marks failures, unusable drafts and missing segment profiles as failed, never dropping anyone', async () => {
    const customers = makeCustomers(30);
    customers[29] = { ...customers[29], segment: 7, segmentName: 'Ghost' };
    const writer = new ScriptedWriter(async (prompt) => {
      if (prompt.variant % 3 === 0) throw new MessageWriteError('Azure OpenAI kept failing (500) after retries');
      if (prompt.variant % 3 === 1) return { text: 'x'.repeat(400), language: 'en' };
      return { text: 'A fine message for you.', language: 'en' };
    });
    const result = await writeMessages({ request: request({}), customers, segments, writer, concurrency: 3 });
    expect(accountedIds(result).sort()).toEqual(customers.map((c) => c.customerId).sort());
    expect(new Set(accountedIds(result)).size).toBe(30);
    const reasons = result.failed.map((f) => f.reason);
    expect(reasons).toContain('segment 7 has no profile in this run');
    expect(reasons.some((r) => /kept failing \(500\)/.test(r))).toBe(true);
    expect(reasons.some((r) => /not usable: with its opt-out the SMS takes 3 parts in GSM-7 \(422 characters\); at most 1 allowed/.test(r))).toBe(true);
    expect(result.messages.length).toBeGreaterThan(0);
    expect(writer.maxInFlight).toBeLessThanOrEqual(3);
  });

  it('stops calling after a failure every customer would hit', async () => {
    let calls = 0;
    const writer = new ScriptedWriter(async () => {
      calls++;
      throw new MessageWriteError('Azure OpenAI refused the credentials (401)', { fatal: true });
    });
    const result = await writeMessages({ request: request({}), customers: makeCustomers(50), segments, writer, concurrency: 2 });
    expect(result.failed).toHaveLength(50);
    expect(calls).toBeLessThanOrEqual(2);
    expect(result.failed[49].reason).toBe('not attempted: Azure OpenAI refused the credentials (401)');
  });

  it('marks customers not written within the budget as failed', async () => {
    const writer = new ScriptedWriter(
      (_prompt, signal) =>
        new Promise<DraftMessage>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })),
    );
    const result = await writeMessages({ request: request({}), customers: makeCustomers(6), segments, writer, concurrency: 2, budgetMs: 30 });
    expect(result.messages).toEqual([]);
    expect(result.failed).toHaveLength(6);
    expect(result.failed.every((f) => /time budget of 30 ms ran out/.test(f.reason))).toBe(true);
  });

  it('uses the customer language, then the dataset language, when the request names none', async () => {
    const customers = [makeCustomer(0, { language: 'pt' }), makeCustomer(1)];
    const result = await writeMessages({ request: request({}), customers, segments, writer: new EmbeddedWriter(), concurrency: 1, language: 'es' });
    expect(result.messages.map((m) => m.language)).toEqual(['pt', 'es']);
  });
});
