import { z } from 'zod';

const channelEnum = z.enum(['email', 'sms', 'push']);
const goalEnum = z.enum(['retain', 'upsell', 'reengage']);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A condition on one of the customer's columns, e.g. { feature: "Tenure", op: "<", value: 12 }. */
export const offerConditionSchema = z.strictObject({
  feature: z.string().min(1),
  op: z.enum(['<', '<=', '>', '>=', '==', '!=', 'in']),
  value: z.union([scalar, z.array(scalar).min(1)]),
});

const localizedText = z.strictObject({
  name: z.string().min(1).max(120).optional(),
  description: z.string().max(400).optional(),
  shortName: z.string().min(1).max(60).optional(),
  terms: z.string().trim().min(1).max(300).optional(),
});

export const offerSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  description: z.string().max(400).optional(),
  /** A shorter name for SMS and push, where every character counts. */
  shortName: z.string().min(1).max(60).optional(),
  /**
   * The offer's terms exactly as the business words them ("Valid until 31 December on annual plans."):
   * every message promoting the offer quotes them word for word, and may state no other figure or date.
   */
  terms: z.string().trim().min(1).max(300).optional(),
  /** Channels the offer may be promoted on; all when absent. */
  channels: z.array(channelEnum).min(1).optional(),
  /** What the offer is for: retention offers go to customers at risk. */
  kind: z.enum(['retention', 'upsell', 'reengage', 'general']).default('general'),
  /** The product category it promotes, matched against the customer's preferred category. */
  category: z.string().min(1).optional(),
  eligibility: z
    .strictObject({
      segments: z.array(z.number().int().min(0)).min(1).optional(),
      goals: z.array(goalEnum).min(1).optional(),
      minChurnProbability: z.number().min(0).max(1).optional(),
      maxChurnProbability: z.number().min(0).max(1).optional(),
      conditions: z.array(offerConditionSchema).optional(),
    })
    .optional(),
  /** Higher wins among equally suited offers. */
  priority: z.number().default(0),
  /** Name and description in other languages, keyed by language code. */
  translations: z.record(z.string().regex(/^[a-z]{2,3}$/), localizedText).optional(),
});

/**
 * An offer catalogue: in the request's `offers`, or offers.json beside the dataset's uploads.
 * Either `{ "offers": [...] }` or a bare array.
 */
export const offerCatalogSchema = z
  .union([z.strictObject({ offers: z.array(offerSchema).max(500) }), z.array(offerSchema).max(500)])
  .transform((c) => (Array.isArray(c) ? { offers: c } : c))
  .refine((c) => new Set(c.offers.map((o) => o.id)).size === c.offers.length, { message: 'offer ids must be unique' });

export type OfferCondition = z.output<typeof offerConditionSchema>;
export type Offer = z.output<typeof offerSchema>;
export type OfferCatalog = z.output<typeof offerCatalogSchema>;
