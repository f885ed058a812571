import { z } from 'zod';

const columnName = z.string().min(1);

/** One file of a dataset and how it joins the customer table (CONTRACTS.md, manifest.json). */
export const manifestFileSchema = z.looseObject({
  name: z.string().min(1),
  /** customers: one row per customer; long: one row per customer and period (pivoted);
   *  transactions: invoice lines (aggregated to RFM); events: event stream (aggregated). */
  role: z.enum(['customers', 'long', 'transactions', 'events']).default('customers'),
  /** The key column in this file when it is not named like the manifest's `id`. */
  id: columnName.optional(),
  sheet: z.string().optional(),
  period: columnName.optional(),
  value: z.union([columnName, z.array(columnName).min(1)]).optional(),
  date: columnName.optional(),
  amount: z.union([columnName, z.array(columnName).min(1).max(2)]).optional(),
  invoice: columnName.optional(),
  item: columnName.optional(),
  type: columnName.optional(),
});

export const manifestSchema = z
  .looseObject({
    files: z.array(manifestFileSchema).min(1).optional(),
    id: columnName.optional(),
    target: columnName.optional(),
    positive: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional(),
    consent: columnName.optional(),
    exclude: z.array(columnName).optional(),
    sheet: z.string().optional(),
    k: z.number().int().min(2).max(50).optional(),
    kRange: z
      .tuple([z.number().int().min(2), z.number().int().max(50)])
      .refine(([a, b]) => a <= b, 'kRange must be [smallest, largest]')
      .optional(),
    language: z.string().min(2).max(16).optional(),
    value: columnName.optional(),
  })
  .refine((m) => !m.files || new Set(m.files.map((f) => f.name)).size === m.files.length, {
    message: 'a file is listed twice',
    path: ['files'],
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;
