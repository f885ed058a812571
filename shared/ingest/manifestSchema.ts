import { z } from 'zod';

const columnName = z.string().min(1);

/** One file of a dataset and how it joins the customer table (docs/CONTRACTS.md, manifest.json). */
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
    /** A target of 3 to 10 classes without `positive`: one model per class, each against the rest. */
    multiclass: z.literal('one-vs-rest').optional(),
    /** A column (opt-out names invert), a column with its own yes/no values, or "all" (every customer consented). */
    consent: z
      .union([
        z.literal('all'),
        columnName,
        z.object({
          column: columnName,
          yes: z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).min(1).optional(),
          no: z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).min(1).optional(),
          channel: z.enum(['email', 'sms', 'push']).optional(),
        }),
      ])
      .optional(),
    /** churn: the positive class leaves; conversion: the positive class buys, responds, subscribes. */
    goal: z.enum(['churn', 'conversion']).optional(),
    /** Date columns and how their values are written, when the values alone cannot tell. */
    dates: z.record(columnName, z.enum(['ISO', 'DD-MM-YYYY', 'MM-DD-YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'excel', 'unix-seconds', 'unix-ms'])).optional(),
    /** Columns to keep as features even though the leakage guard would exclude them. */
    include: z.array(columnName).optional(),
    /** Display names for columns, used in reports and messages. */
    labels: z.record(columnName, z.string().min(1).max(80)).optional(),
    /** A campaign's treatment column and the value meaning "not treated". */
    treatment: columnName.optional(),
    control: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional(),
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
