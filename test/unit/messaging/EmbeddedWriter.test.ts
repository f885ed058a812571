import { buildMessagePrompt, resolveGoal } from '../../../shared/messaging/buildMessagePrompt';
import { channelLimits } from '../../../shared/messaging/channelLimits';
import { EmbeddedWriter } from '../../../shared/messaging/EmbeddedWriter';
import { findPersonalData } from '../../../shared/messaging/findPersonalData';
import { offerCatalogSchema } from '../../../shared/messaging/offerCatalogSchema';
import type { Channel, Goal, Tone } from '../../../shared/messaging/types';
import { makeCustomer, makeCustomers, segments } from './fixtures';

const writer = new EmbeddedWriter();
const languages = ['en', 'es', 'ru', 'pt'] as const;
const channels: Channel[] = ['email', 'sms', 'push'];
const goals: Goal[] = ['retain', 'upsell', 'reengage'];
const tones: Tone[] = ['friendly', 'formal', 'playful', 'urgent'];

const longOffer = offerCatalogSchema.parse([
  {
    id: 'mega',
    name: 'An exceptionally generous bundle of twelve months of premium delivery, priority support and members-only prices',
    description: 'Everything included, no strings attached.',
  },
]).offers[0];

// Words only each language uses, to see a message is really in it.
const marker: Record<(typeof languages)[number], RegExp> = {
  en: /\b(you|your|we|us)\b/i,
  es: /[áéíóúñ¡¿]|(?<!\p{L})(te|ti|tu|y|de|la|el|para|que)(?!\p{L})/iu,
  ru: /[а-яё]/i,
  pt: /[ãçõêáé]|(?<!\p{L})(para|de|nossa|você|conosco)(?!\p{L})/iu,
};

function compose(index: number, channel: Channel, language: string, tone: Tone = 'friendly', goal?: Goal, withOffer = false) {
  const customer = makeCustomer(index);
  return writer.compose(
    buildMessagePrompt({
      customer,
      segment: segments[customer.segment],
      channel,
      language,
      tone,
      goal: resolveGoal(customer, goal),
      ...(withOffer ? { offer: longOffer } : {}),
    }),
  );
}

describe('EmbeddedWriter', () => {
  it('writes every language, channel, goal and tone within the channel limits', () => {
    let count = 0;
    for (const language of languages) {
      for (const channel of channels) {
        for (const goal of goals) {
          for (const tone of tones) {
            for (let i = 0; i < 8; i++) {
              const draft = compose(i * 13 + tone.length, channel, language, tone, goal, i === 7);
              count++;
              expect(draft.language).toBe(language);
              expect(draft.text.length).toBeGreaterThan(20);
              expect(draft.text.length).toBeLessThanOrEqual(channelLimits[channel].text);
              // An offer named in English may fill a short message on its own.
              if (i !== 7) expect(draft.text).toMatch(marker[language]);
              expect(draft.text).not.toMatch(/[{}_]|undefined|null/);
              expect(findPersonalData(draft.text)).toEqual([]);
              if (channel === 'email') {
                expect(draft.subject?.length).toBeGreaterThan(3);
                expect(draft.subject!.length).toBeLessThanOrEqual(80);
              } else {
                expect(draft.subject).toBeUndefined();
              }
            }
          }
        }
      }
    }
    expect(count).toBe(4 * 3 * 3 * 4 * 8);
  });

  it('gives different segments different messages', () => {
    for (const language of languages) {
      for (const channel of channels) {
        // Same customer id, so the same variant: only the segment differs.
        const texts = segments.map((s) => {
          const customer = makeCustomer(1, { segment: s.segment, customerId: 'same-id', churnProbability: 0.7 });
          return writer.compose(buildMessagePrompt({ customer, segment: s, channel, language, tone: 'friendly', goal: 'retain' })).text;
        });
        expect(new Set(texts).size).toBe(segments.length);
      }
    }
  });

  it('grounds the message in the drivers and segment traits', () => {
    const atRisk = compose(0, 'sms', 'en', 'friendly', 'retain'); // segment 0: days since last order
    expect(atRisk.text).toMatch(/been a while since your last order/);
    const unhappy = compose(3, 'email', 'ru', 'friendly', 'retain'); // segment 3: complaints
    expect(unhappy.text).toMatch(/что-то работало не так/);
    expect(unhappy.text).toMatch(/помо/); // suggested action "fix service issues" → support
  });

  it('varies openings across customers deterministically', () => {
    const greetings = new Set(makeCustomers(40).filter((c) => c.segment === 0).map((_, i) => compose(i * 4, 'sms', 'en').text.split(/[!,]/)[0]));
    expect(greetings.size).toBeGreaterThanOrEqual(3);
    expect(compose(5, 'email', 'pt')).toEqual(compose(5, 'email', 'pt'));
  });

  it('promotes the offer and shortens only what does not fit', () => {
    const email = compose(2, 'email', 'en', 'friendly', 'upsell', true);
    expect(email.text).toContain(longOffer.name);
    expect(email.text).toContain('no strings attached');
    const push = compose(2, 'push', 'en', 'friendly', 'upsell', true);
    expect(push.text.length).toBeLessThanOrEqual(120);
    expect(push.text).toMatch(/An exceptionally generous/);
  });

  it('reads other languages in English', () => {
    const draft = compose(1, 'sms', 'de');
    expect(draft.language).toBe('en');
    expect(draft.text).toMatch(marker.en);
  });
});

describe('EmbeddedWriter with the suggested actions segment profiles write', () => {
  const cases: [string, RegExp][] = [
    ['Reach out personally this week with a retention offer; ask what is missing before they leave.', /special discount/],
    ['Send a low-cost win-back message (reminder or small time-limited discount); do not spend much per customer.', /surprise/],
    ['Reward loyalty (early access, VIP perks) and invite referrals; avoid discounts they do not need.', /reward/i],
    ['Keep engaged with regular, relevant content and cross-sell complementary products.', /picked a few things|found a few new things/],
    ['Call them and fix service issues', /help/],
  ];
  it.each(cases)('turns "%s" into a customer-facing invitation', (suggestedAction, expected) => {
    const segment = { ...segments[1], suggestedAction };
    const customer = makeCustomer(1);
    const draft = writer.compose(buildMessagePrompt({ customer, segment, channel: 'email', language: 'en', tone: 'friendly', goal: 'retain' }));
    expect(draft.text).toMatch(expected);
    expect(draft.text).not.toContain(suggestedAction);
  });
});
