import { z } from 'zod';
import { offerCatalogSchema } from './offerCatalogSchema';

export const channels = ['email', 'sms', 'push'] as const;
export const goals = ['retain', 'upsell', 'reengage'] as const;
export const tones = ['friendly', 'formal', 'playful', 'urgent'] as const;

/** Most customers one request may name; larger audiences are chosen by segment. */
export const maxCustomerIds = 10_000;

/** The body of POST /api/messages (docs/CONTRACTS.md). Unknown fields are refused so typos surface as a 400. */
export const messageRequestSchema = z
  .strictObject({
    dataset: z
      .string()
      .transform((s) => s.trim().toLowerCase())
      .pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'dataset must be a dataset folder name such as "telco-churn"')),
    customerIds: z
      .array(z.union([z.string().min(1).max(200), z.number().finite().transform(String)]))
      .min(1, 'customerIds, when given, must name at least one customer')
      .max(maxCustomerIds, `at most ${maxCustomerIds} customerIds per request; choose a segment for larger audiences`)
      .optional(),
    segment: z.number().int().min(0).optional(),
    channel: z.enum(channels, { error: 'channel must be "email", "sms" or "push"' }),
    /** BCP 47 primary language ("en", "es", "ru", "pt", …); the customer's or dataset's language when absent. */
    language: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/, 'language must be a language code such as "en", "es", "ru" or "pt"')
      .transform((s) => s.toLowerCase())
      .optional(),
    tone: z.enum(tones, { error: `tone must be one of ${tones.join(', ')}` }).default('friendly'),
    /** Without a goal, each customer gets "retain" when at risk and "upsell" otherwise. */
    goal: z.enum(goals, { error: `goal must be one of ${goals.join(', ')}` }).optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
    /** The client's idempotency key; also the name of the result blob. */
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'requestId may hold letters, digits, ".", "_" and "-" (up to 64)')
      .optional(),
    offers: offerCatalogSchema.optional(),
    /** SMS: the most billed parts a message may take (GSM-7 153 / UCS-2 67 characters per part when split). */
    maxParts: z.number().int().min(1).max(10).default(1),
    /** A/B test: 2 or 3 variants, each customer in one, chosen by a hash of the id. */
    variants: z.number().int().min(2).max(3).optional(),
    /** Share of the audience held out without a message (0..0.5); the setting's default when absent. */
    holdout: z.number().min(0).max(0.5).optional(),
    /** Signs the messages and names the sender in the unsubscribe line; the setting's when absent. */
    brandName: z.string().trim().min(1).max(60).regex(/^[^<>{}\n\r]+$/, 'brandName may not hold <, >, { } or line breaks').optional(),
    /** A style for the model's instructions; the embedded writer takes a register from it (formal, playful…) over `tone`. */
    brandVoice: z.string().trim().min(1).max(300).optional(),
  })
  .refine((r) => !(r.customerIds && r.segment !== undefined), {
    message: 'give either customerIds or segment, not both',
    path: ['segment'],
  });

export type MessageRequest = z.output<typeof messageRequestSchema>;
export type MessageRequestInput = z.input<typeof messageRequestSchema>;
