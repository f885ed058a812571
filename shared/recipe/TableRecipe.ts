import type { ManifestFile } from '../ingest/manifestSchema';
import type { EventColumns } from '../features/aggregateEvents';
import type { TransactionColumns } from '../features/aggregateTransactions';
import type { EngagementSources } from '../features/engagementFeatures';
import type { TableImputation } from '../features/imputeTable';

/** How the run read a column of an uploaded file: what a scored file's column is turned into. */
export type RawKind = 'number' | 'date' | 'string';

/**
 * One uploaded file's part of the customer table, with every decision the run took about it. Files
 * come in join order: the first is the base whose rows are the customers.
 */
export interface RecipeFile {
  name: string;
  role: ManifestFile['role'];
  /** The file's customer key ('' for a lone customer file without an id: rows are numbered). */
  key: string;
  /** The columns read from this file, with the kind the run read them as. */
  columns: { name: string; kind: RawKind }[];
  /** Columns compared as exact text (keys): "0001" stays "0001". */
  exactText: string[];
  /** A long table: one column per value and period seen in the run (`<value>_<period>`). */
  pivot?: { id: string; period: string; values: string[]; periods: string[] };
  /** Invoice lines aggregated per customer, recency counted back from the run's reference date (epoch ms). */
  transactions?: { columns: TransactionColumns; referenceDate: number };
  /** Events aggregated per customer: the run's event types, reference time and time unit. */
  events?: { columns: EventColumns; types: string[]; referenceTime: number; secondsTimes: boolean };
  /** Columns this part adds to the customer table (not for the base): as named in the part → in the table. */
  joined?: { from: string; as: string }[];
}

/**
 * Everything between the uploaded files and the customer table the model was fitted on, frozen:
 * replaying it (recipe/applyTableRecipe.ts) takes no decision of its own, so a customer scored
 * later gets the row the run built for them.
 */
export interface TableRecipe {
  version: 1;
  files: RecipeFile[];
  /** The customer id column of the table, null when rows are numbered. */
  idColumn: string | null;
  /** Date columns and how their text or numbers were read (manifest `dates` formats, or `date` when read as dates). */
  dates: { column: string; format: string }[];
  /** The one date every `<column>_days_ago` counts back to (epoch ms), null without date columns. */
  referenceDate: number | null;
  /** The mailing columns open/click/bounce rates were computed from, null when none were. */
  engagement: EngagementSources | null;
  /** Medians and most frequent values filling missing cells, by column. */
  imputation: TableImputation;
  /** The model's columns by kind, and each categorical column's values seen in the run. */
  schema: {
    numeric: string[];
    boolean: string[];
    categorical: string[];
    categories: Record<string, { values: string[]; complete: boolean }>;
  };
}

export const tableRecipeVersion = 1;
