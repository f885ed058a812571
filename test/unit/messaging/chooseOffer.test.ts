import { chooseOffer, preferredCategory } from '../../../shared/messaging/chooseOffer';
import { offerCatalogSchema } from '../../../shared/messaging/offerCatalogSchema';
import { makeCustomer, segments } from './fixtures';

const catalog = offerCatalogSchema.parse({
  offers: [
    { id: 'general', name: 'Fresh picks every week' },
    { id: 'stay', name: '20% off your next three orders', kind: 'retention', eligibility: { minChurnProbability: 0.5 } },
    { id: 'kids', name: 'Kids week: 15% off', kind: 'upsell', category: 'Товары для детей' },
    { id: 'premium', name: 'Premium for a month, free', kind: 'upsell', eligibility: { segments: [1] } },
    {
      id: 'loyal-long',
      name: 'Loyalty double points',
      kind: 'retention',
      channels: ['email'],
      eligibility: { conditions: [{ feature: 'tenure', op: '>=', value: 20 }] },
    },
  ],
});

describe('chooseOffer', () => {
  it('gives customers at risk the retention offer', () => {
    const c = makeCustomer(0, { segment: 0, churnProbability: 0.8 });
    expect(chooseOffer(c, segments[0], catalog, { channel: 'sms' })?.offer.id).toBe('stay');
  });

  it('never grants a risk-bound offer to a customer the run has no score for', () => {
    const unscored = makeCustomer(0, { segment: 0, churnProbability: null });
    const bounded = offerCatalogSchema.parse([
      { id: 'stay', name: 'Stay with us', kind: 'retention', eligibility: { minChurnProbability: 0.5 } },
      { id: 'calm', name: 'A calm month', eligibility: { maxChurnProbability: 0.3 } },
    ]);
    expect(chooseOffer(unscored, segments[0], bounded, { channel: 'sms' })).toBeUndefined();
    // Not read as 0: the offer for low scores is not granted either, and a general offer is not favoured as upsell.
    expect(chooseOffer(unscored, segments[0], catalog, { channel: 'sms' })?.reasons.join(' ') ?? '').not.toMatch(/churn risk|not at risk/);
  });

  it("promotes the customer's preferred category when not at risk", () => {
    const c = makeCustomer(0, { segment: 2, churnProbability: 0.1 });
    const chosen = chooseOffer(c, segments[2], catalog, { channel: 'sms' });
    expect(chosen?.offer.id).toBe('kids');
    expect(chosen?.reasons.join(' ')).toMatch(/preferred category/);
  });

  it('respects segment eligibility (affinity) and feature conditions', () => {
    const newcomer = makeCustomer(1, { segment: 1, churnProbability: 0.1 });
    newcomer.attributes['Популярная_категория'] = 'Домашний текстиль';
    expect(chooseOffer(newcomer, segments[1], catalog)?.offer.id).toBe('premium');
    const longTenure = makeCustomer(3, { segment: 3, churnProbability: 0.6 });
    longTenure.attributes.Tenure = 25;
    longTenure.attributes['Популярная_категория'] = null;
    expect(chooseOffer(longTenure, segments[3], catalog, { channel: 'email' })?.offer.id).toBe('loyal-long');
    // The same customer on SMS: that offer is email-only.
    expect(chooseOffer(longTenure, segments[3], catalog, { channel: 'sms' })?.offer.id).toBe('stay');
  });

  it('returns nothing without a catalogue or an eligible offer', () => {
    const c = makeCustomer(0);
    expect(chooseOffer(c, segments[0], undefined)).toBeUndefined();
    const narrow = offerCatalogSchema.parse([{ id: 'x', name: 'X', eligibility: { segments: [9] } }]);
    expect(chooseOffer(c, segments[0], narrow)).toBeUndefined();
  });

  it('reads conditions with "in" and text values, ignoring case', () => {
    const cat = offerCatalogSchema.parse([
      { id: 'fiber', name: 'Faster fiber', eligibility: { conditions: [{ feature: 'InternetService', op: 'in', value: ['fiber optic', 'DSL'] }] } },
    ]);
    const c = makeCustomer(0);
    c.attributes.InternetService = 'Fiber optic';
    expect(chooseOffer(c, segments[0], cat)?.offer.id).toBe('fiber');
    c.attributes.InternetService = 'No';
    expect(chooseOffer(c, segments[0], cat)).toBeUndefined();
  });

  it('finds the preferred category column', () => {
    expect(preferredCategory({ PreferedOrderCat: 'Laptop & Accessory', Tenure: 3 })).toBe('Laptop & Accessory');
    expect(preferredCategory({ Tenure: 3 })).toBeUndefined();
  });
});

describe('offerCatalogSchema', () => {
  it('refuses duplicate ids and unknown fields', () => {
    expect(offerCatalogSchema.safeParse([{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }]).success).toBe(false);
    expect(offerCatalogSchema.safeParse([{ id: 'a', name: 'A', colour: 'red' }]).success).toBe(false);
  });
});
