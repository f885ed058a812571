import { buildMessagePrompt } from '../../../shared/messaging/buildMessagePrompt';
import { EmbeddedWriter } from '../../../shared/messaging/EmbeddedWriter';
import { findUnsuppliedContent } from '../../../shared/messaging/findUnsuppliedContent';
import { messageRequestSchema } from '../../../shared/messaging/messageRequestSchema';
import { offerCatalogSchema } from '../../../shared/messaging/offerCatalogSchema';
import type { Channel } from '../../../shared/messaging/types';
import { validateDraft } from '../../../shared/messaging/validateDraft';
import { writeMessages } from '../../../shared/messaging/writeMessages';
import { makeCustomers, segments } from './fixtures';

/**
 * An offer catalogue's entries carry their terms: a message promoting an offer quotes them word for
 * word, promotes no other offer and states no figure, code or date the catalogue did not.
 */
const catalog = offerCatalogSchema.parse({
  offers: [
    {
      id: 'annual-10',
      name: '10% off an annual plan',
      shortName: 'Annual plan -10%',
      terms: 'Valid until 31 December 2026 on new annual plans.',
      kind: 'retention',
      eligibility: { minChurnProbability: 0.5 },
      translations: {
        es: { name: '10 % de descuento en el plan anual', shortName: 'Plan anual -10 %', terms: 'Válido hasta el 31/12/2026 en planes anuales nuevos.' },
        ru: { name: 'Скидка 10% на годовой тариф', shortName: 'Годовой -10%', terms: 'До 31.12.2026 на новые годовые тарифы.' },
        pt: { name: '10% de desconto no plano anual', shortName: 'Plano anual -10%', terms: 'Válido até 31/12/2026 em planos anuais novos.' },
      },
    },
    {
      id: 'free-delivery',
      name: 'Free delivery for three months',
      terms: 'Orders over 20 EUR, until 28 February 2027.',
      kind: 'upsell',
      eligibility: { maxChurnProbability: 0.49 },
      translations: {
        es: { name: 'Envío gratis durante tres meses', terms: 'Pedidos de más de 20 EUR, hasta el 28/02/2027.' },
        ru: { name: 'Бесплатная доставка на три месяца', terms: 'Заказы от 20 EUR до 28.02.2027.' },
        pt: { name: 'Entrega grátis por três meses', terms: 'Pedidos acima de 20 EUR, até 28/02/2027.' },
      },
    },
  ],
});

const texts = (o: (typeof catalog.offers)[number], language: string) => {
  const t = o.translations?.[language];
  return [t?.name ?? o.name, t?.shortName ?? o.shortName ?? '', t?.terms ?? o.terms ?? ''].filter((s) => s !== '');
};

describe('offers with terms', () => {
  const customers = makeCustomers(40);
  it.each([
    ['en', 'email'], ['es', 'email'], ['ru', 'email'], ['pt', 'email'],
    ['en', 'push'], ['es', 'push'], ['ru', 'push'], ['pt', 'push'],
    ['en', 'sms'], ['es', 'sms'], ['ru', 'sms'], ['pt', 'sms'],
  ] as [string, Channel][])('%s %s: the chosen offer with its terms word for word, no other offer, no other incentive', async (language, channel) => {
    const result = await writeMessages({
      request: messageRequestSchema.parse({ dataset: 'demo', channel, language, maxParts: channel === 'sms' ? 3 : 1 }),
      customers,
      segments,
      writer: new EmbeddedWriter(),
      offers: catalog,
      concurrency: 4,
    });
    expect(result.failed).toEqual([]);
    expect(result.messages.length).toBe(40);
    for (const m of result.messages) {
      const chosen = catalog.offers.find((o) => o.id === m.offer?.id)!;
      const other = catalog.offers.find((o) => o.id !== chosen.id)!;
      const ownTerms = chosen.translations?.[language]?.terms ?? chosen.terms!;
      expect(m.offer?.terms).toBe(ownTerms);
      expect(m.text).toContain(ownTerms);
      for (const word of texts(other, language)) expect(m.text).not.toContain(word);
      // Every incentive word, figure, code or date in it is the chosen offer's own.
      expect(findUnsuppliedContent(`${m.subject ?? ''}\n${m.title ?? ''}\n${m.text}`, texts(chosen, language))).toEqual([]);
      const figures = m.text.match(/\d[\d.,/]*/g) ?? [];
      for (const f of figures) expect(texts(chosen, language).join(' ')).toContain(f);
    }
    // Customers at risk get the retention offer, the others the upsell one (eligibility).
    for (const m of result.messages) {
      const customer = customers.find((c) => c.customerId === m.customerId)!;
      expect(m.offer?.id).toBe(customer.churnProbability! >= 0.5 ? 'annual-10' : 'free-delivery');
    }
  });

  it('the check refuses a draft that leaves the terms out, changes them, or promotes another offer', () => {
    const customer = makeCustomers(1)[0]!;
    const prompt = buildMessagePrompt({
      customer: { ...customer, churnProbability: 0.9 },
      segment: segments[customer.segment]!,
      channel: 'email',
      language: 'en',
      tone: 'friendly',
      goal: 'retain',
      offer: catalog.offers[0],
      otherOffers: catalog.offers,
    });
    const good = new EmbeddedWriter().compose(prompt);
    expect(validateDraft(good, prompt)).toEqual([]);
    const withoutTerms = { ...good, text: good.text.replace('Valid until 31 December 2026 on new annual plans.', '') };
    expect(validateDraft(withoutTerms, prompt).join(' ')).toMatch(/does not quote the offer's terms word for word/);
    const changed = { ...good, text: good.text.replace('31 December 2026', '31 January 2027') };
    expect(validateDraft(changed, prompt).join(' ')).toMatch(/does not quote the offer's terms/);
    const another = { ...good, text: `${good.text}\nAlso: Free delivery for three months.` };
    expect(validateDraft(another, prompt).join(' ')).toMatch(/an offer other than the one in the data section/);
  });

  it('fails a customer with the reason when the offer and its terms cannot fit the SMS parts allowed', async () => {
    const result = await writeMessages({
      request: messageRequestSchema.parse({ dataset: 'demo', channel: 'sms', language: 'ru', maxParts: 1 }),
      customers: makeCustomers(4).map((c) => ({ ...c, churnProbability: 0.9 })),
      segments,
      writer: new EmbeddedWriter(),
      offers: offerCatalogSchema.parse([{ id: 'long', name: 'Годовой тариф со скидкой', terms: 'Действует до 31.12.2026 для новых годовых тарифов при оплате картой.' }]),
      concurrency: 2,
    });
    expect(result.messages).toEqual([]);
    expect(result.failed).toHaveLength(4);
    for (const f of result.failed) expect(f.reason).toMatch(/terms/);
  });
});
