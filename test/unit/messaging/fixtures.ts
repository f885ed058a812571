import type { CustomerForMessage, SegmentProfile } from '../../../shared/messaging/types';

/** Four segments unlike each other, in the shape of segments.json. */
export const segments: SegmentProfile[] = [
  {
    segment: 0,
    name: 'High-value at risk',
    size: 400,
    share: 0.2,
    centroid: { days_since_last_order: 41, monthly_spend: 905.1 },
    distinguishing: [
      { feature: 'days_since_last_order', z: 1.8 },
      { feature: 'monthly_spend', z: 1.2 },
    ],
    churnRate: 0.41,
    meanChurnProbability: 0.45,
    value: 905.1,
    priority: 1,
    suggestedAction: 'Offer a loyalty discount before they leave',
  },
  {
    segment: 1,
    name: 'New customers',
    size: 600,
    share: 0.3,
    centroid: { Tenure: 2, pages_per_visit: 9 },
    distinguishing: [
      { feature: 'Tenure', z: -1.5 },
      { feature: 'pages_per_visit', z: 0.8 },
    ],
    meanChurnProbability: 0.2,
    priority: 3,
    suggestedAction: 'Welcome series with tips on getting started',
  },
  {
    segment: 2,
    name: 'Bargain hunters',
    size: 700,
    share: 0.35,
    centroid: { Акционные_покупки: 0.8, Маркет_актив_6_мес: 5.1 },
    distinguishing: [
      { feature: 'Акционные_покупки', z: 2.1 },
      { feature: 'Маркет_актив_6_мес', z: 0.9 },
    ],
    meanChurnProbability: 0.3,
    priority: 2,
    suggestedAction: 'Send promo codes for their favourite category',
  },
  {
    segment: 3,
    name: 'Unhappy regulars',
    size: 300,
    share: 0.15,
    centroid: { Complain: 0.9, SatisfactionScore: 1.8 },
    distinguishing: [
      { feature: 'Complain', z: 1.5 },
      { feature: 'SatisfactionScore', z: -1.2 },
    ],
    meanChurnProbability: 0.6,
    priority: 1,
    suggestedAction: 'Call them and fix service issues',
  },
];

const driversBySegment: Record<number, CustomerForMessage['drivers']> = {
  0: [
    { feature: 'days_since_last_order', contribution: 0.21 },
    { feature: 'OrderCount', contribution: 0.08 },
    { feature: 'monthly_spend', contribution: -0.05 },
  ],
  1: [
    { feature: 'Tenure', contribution: 0.12 },
    { feature: 'Contract=Month-to-month', contribution: 0.09 },
  ],
  2: [
    { feature: 'Акционные_покупки', contribution: 0.15 },
    { feature: 'Неоплаченные_продукты_штук_квартал', contribution: 0.07 },
  ],
  3: [
    { feature: 'Complain', contribution: 0.25 },
    { feature: 'SatisfactionScore', contribution: 0.11 },
  ],
};

/** A customer with personal columns (which must never reach a prompt) beside ordinary ones. */
export function makeCustomer(index: number, overrides: Partial<CustomerForMessage> = {}): CustomerForMessage {
  const segment = overrides.segment ?? index % 4;
  const customerId = overrides.customerId ?? `C${String(100000 + index)}`;
  return {
    customerId,
    segment,
    segmentName: segments[segment]?.name ?? `Segment ${segment}`,
    churnProbability: segment === 1 ? 0.2 : 0.55 + (index % 5) * 0.05,
    drivers: driversBySegment[segment] ?? [],
    attributes: {
      customerID: customerId,
      first_name: `Annabel${index}`,
      Фамилия: `Кузнецова${index}`,
      email: `annabel${index}@example.com`,
      Phone: `+44 7700 9${String(index).padStart(5, '0')}`,
      Tenure: 3 + (index % 30),
      days_since_last_order: 10 + (index % 50),
      monthly_spend: 120.5 + index,
      Популярная_категория: index % 2 === 0 ? 'Товары для детей' : 'Домашний текстиль',
      'Разрешить сообщать': 'да',
    },
    consent: true,
    ...overrides,
  };
}

export function makeCustomers(n: number, start = 0): CustomerForMessage[] {
  return Array.from({ length: n }, (_, i) => makeCustomer(start + i));
}

/** Personal values of a fixture customer: none of them may appear in any prompt or message. */
export function personalValuesOf(c: CustomerForMessage): string[] {
  return ['customerID', 'first_name', 'Фамилия', 'email', 'Phone'].map((k) => String(c.attributes[k])).concat(c.customerId);
}
