import type { CustomerForMessage, SegmentProfile } from '../../shared/messaging/types';
import { mulberry32 } from '../random/mulberry32';

/**
 * A generated audience for message tests and the messages bench: customers of an online shop with
 * the columns messages speak of (tenure, recency, orders, spend, complaints, satisfaction, cart,
 * browsing, contract, favourite category), drawn from a seeded generator so each customer's facts
 * differ as real customers' do. Every customer consents.
 */
export function messageAudience(size: number, seed = 7): { customers: CustomerForMessage[]; segments: SegmentProfile[] } {
  const random = mulberry32(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const features = ['days_since_last_order', 'OrderCount', 'Tenure', 'MonthlySpend', 'Complain', 'SatisfactionScore', 'cart_items', 'pages_per_visit'];
  const segments: SegmentProfile[] = [
    segment(0, 'Dormant high spenders', [['days_since_last_order', 1.4], ['MonthlySpend', 0.9]], 'Win back with a reminder of what they liked'),
    segment(1, 'New customers', [['Tenure', -1.5], ['pages_per_visit', 0.8]], 'Welcome series with tips on getting started'),
    segment(2, 'Loyal regulars', [['OrderCount', 1.3], ['Tenure', 1.1]], 'Reward loyalty and invite referrals'),
    segment(3, 'Unhappy customers', [['Complain', 1.6], ['SatisfactionScore', -1.2]], 'Call them and fix service issues'),
  ];
  const customers: CustomerForMessage[] = [];
  for (let i = 0; i < size; i++) {
    const s = i % segments.length;
    const drivers = [0, 1, 2].map((k) => ({ feature: features[(i * 3 + k * 5 + s) % features.length]!, contribution: Math.round((random() - 0.4) * 40) / 100 }));
    customers.push({
      customerId: `A${String(500000 + i)}`,
      segment: s,
      segmentName: segments[s]!.name,
      churnProbability: Math.round(random() * 100) / 100,
      drivers,
      attributes: {
        Tenure: between(0, 72),
        days_since_last_order: between(0, 120),
        OrderCount: between(1, 40),
        MonthlySpend: between(10, 400),
        Complain: random() < 0.25 ? 1 : 0,
        SatisfactionScore: between(1, 5),
        cart_items: random() < 0.3 ? between(1, 6) : 0,
        pages_per_visit: between(1, 20),
        Contract: ['Month-to-month', 'One year', 'Two year'][between(0, 2)]!,
        PreferedOrderCat: ['Fashion', 'Grocery', 'Books', 'Garden'][between(0, 3)]!,
      },
      consent: true,
    });
  }
  return { customers, segments };
}

function segment(n: number, name: string, traits: [string, number][], suggestedAction: string): SegmentProfile {
  return {
    segment: n,
    name,
    size: 0,
    share: 0.25,
    centroid: {},
    distinguishing: traits.map(([feature, z]) => ({ feature, z })),
    meanChurnProbability: 0.4,
    priority: n + 1,
    suggestedAction,
  };
}
