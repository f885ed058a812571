import { buildMessagePrompt } from '../../../shared/messaging/buildMessagePrompt';
import { runDistributions } from '../../../shared/messaging/claimEvidence';
import { detectLanguage } from '../../../shared/messaging/detectLanguage';
import { EmbeddedWriter } from '../../../shared/messaging/EmbeddedWriter';
import { findUnsuppliedContent } from '../../../shared/messaging/findUnsuppliedContent';
import type { MessagePolicy } from '../../../shared/messaging/messagePolicy';
import { messageRequestSchema } from '../../../shared/messaging/messageRequestSchema';
import { validateDraft } from '../../../shared/messaging/validateDraft';
import { writeMessages } from '../../../shared/messaging/writeMessages';
import { makeCustomer, makeCustomers, segments } from './fixtures';

/** Push notifications carry a title and a body, each within its limit (settings), and both pass every output check. */
const run = makeCustomers(60);
const distributions = runDistributions(run);
const writer = new EmbeddedWriter();

function pushPrompt(index: number, language: string, policy: MessagePolicy = {}) {
  const customer = makeCustomer(index);
  return buildMessagePrompt({ customer, segment: segments[customer.segment]!, channel: 'push', language, tone: 'friendly', goal: 'retain', distributions, policy });
}

describe('push title and body', () => {
  it.each(['en', 'es', 'ru', 'pt'])('the embedded writer gives every %s push a title of at most 50 and a body of at most 178 characters', (language) => {
    for (let i = 0; i < 40; i++) {
      const prompt = pushPrompt(i, language);
      expect(prompt.limits).toMatchObject({ title: 50, text: 178 });
      const draft = writer.compose(prompt);
      expect(draft.title!.length).toBeGreaterThan(3);
      expect(draft.title!.length).toBeLessThanOrEqual(50);
      expect(draft.text.length).toBeLessThanOrEqual(178);
      expect(draft.subject).toBeUndefined();
      expect([undefined, language]).toContain(detectLanguage(`${draft.title}\n${draft.text}`));
      expect(validateDraft(draft, prompt)).toEqual([]);
    }
  });

  it('follows the limits the settings give, and names the brand in the title when it fits', () => {
    const prompt = pushPrompt(3, 'en', { pushTitleMax: 30, pushBodyMax: 90, brandName: 'Acme' });
    expect(prompt.limits).toMatchObject({ title: 30, text: 90 });
    const draft = writer.compose(prompt);
    expect(draft.text.length).toBeLessThanOrEqual(90);
    expect(draft.title!.length).toBeLessThanOrEqual(30);
    expect(draft.title).toMatch(/^Acme: /);
    expect(validateDraft(draft, prompt)).toEqual([]);
  });

  it('checks the title like the body: missing, too long, an incentive, a raw cell', () => {
    const prompt = pushPrompt(1, 'en');
    const body = writer.compose(prompt).text;
    expect(validateDraft({ text: body, language: 'en' }, prompt)).toContain('a push notification needs a title');
    expect(validateDraft({ title: 'A'.repeat(51), text: body, language: 'en' }, prompt)).toContain('the title has 51 characters; the limit is 50');
    expect(validateDraft({ title: '20% off today only', text: body, language: 'en' }, prompt).join(' ')).toMatch(/mentions .*a percentage.*a deadline/);
    expect(findUnsuppliedContent('20% off today only')).toContain('a percentage');
    const cell = buildMessagePrompt({
      customer: { ...makeCustomer(1), attributes: { ...makeCustomer(1).attributes, nickname_note: 'Sunflower Club' } },
      segment: segments[1]!, channel: 'push', language: 'en', tone: 'friendly', goal: 'retain', distributions,
    });
    expect(validateDraft({ title: 'Sunflower Club news', text: body, language: 'en' }, cell).join(' ')).toMatch(/repeats the customer's raw data/);
    // A title belongs to push only.
    const sms = buildMessagePrompt({ customer: makeCustomer(1), segment: segments[1]!, channel: 'sms', language: 'en', tone: 'friendly', goal: 'retain' });
    expect(validateDraft({ title: 'Hello', text: 'Hello, take a look.', language: 'en' }, sms)).toContain('only a push notification has a title');
  });

  it('stores the title on each push message', async () => {
    const result = await writeMessages({ request: messageRequestSchema.parse({ dataset: 'demo', channel: 'push', language: 'pt' }), customers: makeCustomers(12), segments, writer, concurrency: 2 });
    expect(result.messages.length).toBe(12);
    for (const m of result.messages) {
      expect(m.title!.length).toBeGreaterThan(3);
      expect(m.title!.length).toBeLessThanOrEqual(50);
      expect(m.text.length).toBeLessThanOrEqual(178);
    }
    const sms = await writeMessages({ request: messageRequestSchema.parse({ dataset: 'demo', channel: 'sms' }), customers: makeCustomers(3), segments, writer, concurrency: 2 });
    for (const m of sms.messages) expect(m).not.toHaveProperty('title');
  });
});
