import { buildMessagePrompt, resolveGoal } from '../../../shared/messaging/buildMessagePrompt';
import { channelLimits } from '../../../shared/messaging/channelLimits';
import { detectLanguage } from '../../../shared/messaging/detectLanguage';
import { EmbeddedWriter } from '../../../shared/messaging/EmbeddedWriter';
import { runDistributions } from '../../../shared/messaging/claimEvidence';
import { findPersonalData } from '../../../shared/messaging/findPersonalData';
import { findUnsuppliedContent } from '../../../shared/messaging/findUnsuppliedContent';
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
  en: /\b(you|your|we|us|our)\b/i,
  es: /[áéíóúñ¡¿]|(?<!\p{L})(te|ti|tu|y|de|la|el|para|que|nos|con)(?!\p{L})/iu,
  ru: /[а-яё]/i,
  pt: /[ãçõêáé]|(?<!\p{L})(para|de|nossa|você|conosco|por|obrigado|veja|as)(?!\p{L})/iu,
};

const run = makeCustomers(60);
const distributions = runDistributions(run);

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
      distributions,
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
              expect(draft.text.length).toBeGreaterThan(10);
              expect(draft.text.length).toBeLessThanOrEqual(channelLimits[channel].text);
              // An offer named in English may fill a short message on its own.
              if (i !== 7 && language === 'ru') expect(draft.text).toMatch(marker.ru);
              // The output check's own language detection never reads it as another language.
              if (i !== 7) expect([undefined, language]).toContain(detectLanguage(`${draft.subject ?? ''}\n${draft.text}`));
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

  it('gives customers with different values different messages', () => {
    for (const language of languages) {
      const texts = run.map((c) => writer.compose(buildMessagePrompt({ customer: c, segment: segments[c.segment], channel: 'email', language, tone: 'friendly', goal: 'retain', distributions })).text);
      expect(new Set(texts).size / texts.length).toBeGreaterThan(0.5);
    }
  });

  it("says only what the customer's own values back, not what their segment is about", () => {
    // days_since_last_order is 10 + index % 50: index 45 is in the run's top quarter, index 5 in its bottom.
    const lapsed = makeCustomer(45, { segment: 0 });
    const recent = makeCustomer(5, { segment: 0 }); // segment 0's trait is days since the last order
    const write = (customer: typeof lapsed) =>
      writer.compose(buildMessagePrompt({ customer, segment: segments[0], channel: 'email', language: 'en', tone: 'friendly', goal: 'retain', distributions })).text;
    expect(write(lapsed)).toMatch(/been a while|haven't seen an order from you|missed you/);
    expect(write(recent)).not.toMatch(/been a while|haven't seen|miss you/);
    const unhappy = writer.compose(buildMessagePrompt({ customer: makeCustomer(3), segment: segments[3], channel: 'email', language: 'ru', tone: 'friendly', goal: 'retain', distributions }));
    expect(unhappy.text).not.toMatch(/Простите|не всё шло гладко/); // no complaint column backs an apology
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
    expect(push.text.length).toBeLessThanOrEqual(channelLimits.push.text);
    expect(push.title!.length).toBeLessThanOrEqual(channelLimits.push.title!);
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
    ['Reach out personally this week with a retention offer; ask what is missing before they leave.', /options/],
    ['Send a low-cost win-back message (reminder or small time-limited discount); do not spend much per customer.', /added a lot|plenty that's new/],
    ['Reward loyalty (early access, VIP perks) and invite referrals; avoid discounts they do not need.', /choosing us|glad to have you/i],
    ['Keep engaged with regular, relevant content and cross-sell complementary products.', /picked a few things|found a few new things/],
    ['Call them and fix service issues', /help/],
  ];
  it.each(cases)('turns "%s" into a customer-facing invitation', (suggestedAction, expected) => {
    const segment = { ...segments[1], suggestedAction };
    const customer = makeCustomer(1);
    const draft = writer.compose(buildMessagePrompt({ customer, segment, channel: 'email', language: 'en', tone: 'friendly', goal: 'retain' }));
    expect(draft.text).toMatch(expected);
    expect(draft.text).not.toContain(suggestedAction);
    // Without an offer catalogue no invitation promises an incentive.
    expect(findUnsuppliedContent(draft.text)).toEqual([]);
  });
});
