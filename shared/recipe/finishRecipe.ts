import type { EngagementSources } from '../features/engagementFeatures';
import type { TableImputation } from '../features/imputeTable';
import type { Schema } from '../ingest/Schema';
import type { Table } from '../ingest/Table';
import { tableRecipeVersion, type RecipeFile, type TableRecipe } from './TableRecipe';

/** Categorical values listed per column; a column with more is marked incomplete (no unseen-value report). */
const maxCategories = 10_000;

const engagementOutputs = ['open_rate', 'click_rate', 'bounce_rate', 'engagement_score'];

export interface RecipeDecisions {
  /** Every file's part in join order, the base first, with the columns each added to the table. */
  parts: RecipeFile[];
  idColumn: string | null;
  dates: { column: string; format: string }[];
  referenceDate: number | null;
  engagement: EngagementSources | null;
  imputation: TableImputation;
  /** The finished customer table and its schema. */
  table: Table;
  schema: Schema;
}

/**
 * The recipe of a finished customer table, keeping only what the model uses: the files, columns,
 * dates and rates its columns (and the value column) come from. A file nothing is used from is left
 * out, so scoring never asks for it.
 */
export function finishRecipe(d: RecipeDecisions): TableRecipe {
  const model = [...d.schema.numeric, ...d.schema.boolean, ...d.schema.categorical];
  const used = new Set(model);
  if (d.schema.value) used.add(d.schema.value);
  // The table columns each used column is made from: a date for its days-ago, the mailing counts for rates.
  const dates = d.dates.filter((x) => used.has(`${x.column}_days_ago`));
  for (const x of dates) used.add(x.column);
  const engagement = d.engagement && engagementOutputs.some((c) => used.has(c)) ? d.engagement : null;
  if (engagement) for (const c of Object.values(engagement)) used.add(c);

  const files: RecipeFile[] = [];
  d.parts.forEach((part, index) => {
    if (index === 0) {
      files.push(part.role === 'customers' ? { ...part, columns: part.columns.filter((c) => c.name === part.key || used.has(c.name)) } : part);
      return;
    }
    const joined = (part.joined ?? []).filter((j) => used.has(j.as));
    if (joined.length === 0) return;
    if (part.role !== 'customers') {
      files.push({ ...part, joined });
      return;
    }
    const from = new Set(joined.map((j) => j.from));
    files.push({ ...part, joined, columns: part.columns.filter((c) => c.name === part.key || from.has(c.name)) });
  });

  const categories: TableRecipe['schema']['categories'] = {};
  for (const name of d.schema.categorical) {
    const column = d.table.columns.find((c) => c.name === name);
    if (!column) continue;
    const seen = new Set<string>();
    let complete = true;
    const values = column.values as ArrayLike<unknown>;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
      const text = String(v).trim();
      if (!text || seen.has(text)) continue;
      if (seen.size >= maxCategories) {
        complete = false;
        break;
      }
      seen.add(text);
    }
    categories[name] = { values: [...seen], complete };
  }

  return {
    version: tableRecipeVersion,
    files,
    idColumn: d.idColumn,
    dates,
    referenceDate: dates.length ? d.referenceDate : null,
    engagement,
    imputation: d.imputation,
    schema: { numeric: d.schema.numeric, boolean: d.schema.boolean, categorical: d.schema.categorical, categories },
  };
}
