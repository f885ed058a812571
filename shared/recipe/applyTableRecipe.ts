/*
 * Replays a model's table recipe on new files: every step of buildCustomerTable, in the same order,
 * with the run's decisions as parameters. Kept whole so the replay reads top to bottom like the
 * build it mirrors; each step itself lives in shared/features/.
 */
import { aggregateEvents } from '../features/aggregateEvents';
import { aggregateTransactions, type TransactionColumns } from '../features/aggregateTransactions';
import { daysAgoColumns } from '../features/dateFeatures';
import { engagementFeatures } from '../features/engagementFeatures';
import { exactText, withExactText } from '../features/exactText';
import { fillMissing } from '../features/imputeTable';
import { leftJoin } from '../features/leftJoin';
import { pivotLongTable } from '../features/pivotLongTable';
import { IngestError } from '../ingest/IngestError';
import type { Manifest } from '../ingest/manifestSchema';
import { parseDateText, parseNumberText } from '../ingest/parseCellText';
import type { Column, DateColumn, Table } from '../ingest/Table';
import { ScoreInputError } from '../model/ScoreInputError';
import { parseDateColumns } from '../roles/parseDateColumns';
import type { RawKind, RecipeFile, TableRecipe } from './TableRecipe';

export interface ApplyRecipeOptions {
  /** Fill a column the recipe needs but the files lack with the run's imputation instead of refusing. */
  allowMissing?: boolean;
}

/** The customer table rebuilt for scoring, one row per customer of the base file. */
export interface ReplayedTable {
  /** Model columns filled as the run filled them. */
  table: Table;
  /** Each customer's id as sent (the row number when the run numbered rows). */
  ids: string[];
  /** Per customer: model columns that were missing and took the run's median or most frequent value. */
  imputed: string[][];
  /** Per customer: categorical values the run never saw (scored as the run scores a rare value). */
  unseen: { column: string; value: string }[][];
  /** The first transaction file's lines as read, for the customer value model (shared/value/). */
  purchases?: { table: Table; columns: TransactionColumns };
}

/**
 * Replays a run's table recipe on new files: the same joins, pivots over the run's periods,
 * aggregations to the run's reference dates, date readings, rates and imputation. It decides
 * nothing itself; what it cannot rebuild is a ScoreInputError naming the file, column and customer.
 */
export function applyTableRecipe(recipe: TableRecipe, files: { name: string; table: Table }[], options: ApplyRecipeOptions = {}): ReplayedTable {
  try {
    return replay(recipe, files, options);
  } catch (err) {
    // A file the features cannot be built from is the sender's to fix: a 400 with the reader's words.
    if (err instanceof IngestError) throw new ScoreInputError(400, 'invalid_input', `${err.file ? `"${err.file}": ` : ''}${err.message} ${err.hint}`.trim(), { file: err.file, column: err.column });
    throw err;
  }
}

function replay(recipe: TableRecipe, files: { name: string; table: Table }[], options: ApplyRecipeOptions): ReplayedTable {
  if (recipe.version !== 1) throw new ScoreInputError(400, 'model_unsupported', `The model's table recipe has version ${String(recipe.version)}; this service reads version 1.`);
  const [baseFile, ...others] = recipe.files;
  if (!baseFile) throw new ScoreInputError(400, 'model_unsupported', 'The model has no table recipe to rebuild customers with.');
  const tableOf = (file: RecipeFile, base: boolean): Table | undefined => {
    const found = files.find((f) => f.name === file.name) ?? (recipe.files.length === 1 && files.length === 1 ? files[0] : undefined);
    if (found) return found.table;
    if (base || !options.allowMissing) {
      const sent = files.map((f) => `"${f.name}"`).join(', ') || 'none';
      throw new ScoreInputError(400, 'missing_file', `The model needs the file "${file.name}" (${file.role}: ${file.columns.map((c) => c.name).slice(0, 10).join(', ')}); files sent: ${sent}.`, {
        file: file.name,
        columns: file.columns.map((c) => c.name),
      });
    }
    return undefined;
  };

  const baseTable = readFile(baseFile, tableOf(baseFile, true)!, options, undefined);
  let purchases: ReplayedTable['purchases'];
  if (baseFile.transactions) purchases = { table: baseTable, columns: baseFile.transactions.columns };
  let table = partOf(baseFile, baseTable);
  const key = baseFile.key;
  const ids = customerIds(table, key);
  for (const file of others) {
    const raw = tableOf(file, false);
    const read = readFile(file, raw ?? emptyTable(file), options, ids);
    if (file.transactions && !purchases) purchases = { table: read, columns: file.transactions.columns };
    const part = partOf(file, read);
    table = joinRecipePart(table, key, part, file);
  }
  // The model's missing cells, before dates and rates fill in from them.
  const missingBefore = missingCells(table, recipe);

  table = parseRecipeDates(table, recipe.dates);
  if (recipe.referenceDate !== null) for (const c of daysAgoColumns(table, recipe.dates.map((d) => d.column), recipe.referenceDate)) table.columns.push(c);
  if (recipe.engagement) for (const c of engagementFeatures(table, recipe.engagement).columns) table.columns.push(c);

  const modelColumns = [...recipe.schema.numeric, ...recipe.schema.boolean, ...recipe.schema.categorical];
  const imputed: string[][] = Array.from({ length: table.rowCount }, () => []);
  const unseen: ReplayedTable['unseen'] = Array.from({ length: table.rowCount }, () => []);
  for (const name of modelColumns) {
    let column = table.columns.find((c) => c.name === name);
    if (!column) {
      // Built from inputs that were filled as missing (allowMissing): missing too, so imputed like the run's gaps.
      column = { name, kind: 'number', values: new Float64Array(table.rowCount).fill(NaN) };
      table.columns.push(column);
    }
    const categories = recipe.schema.categories[name];
    const seen = categories?.complete ? new Set(categories.values) : undefined;
    for (let i = 0; i < table.rowCount; i++) {
      const v = column.values[i];
      if (v === null || (typeof v === 'number' && Number.isNaN(v))) imputed[i]!.push(name);
      else if (seen) {
        const text = String(v).trim();
        if (text && !seen.has(text)) unseen[i]!.push({ column: name, value: text });
      }
    }
  }
  for (const [i, names] of missingBefore) for (const name of names) if (!imputed[i]!.includes(name)) imputed[i]!.push(name);
  table = fillMissing(table, recipe.imputation).table;
  return { table, ids, imputed, unseen, ...(purchases ? { purchases } : {}) };
}

/** One file's part of the customer table, by the run's decisions: pivoted, aggregated or as read. */
export function partOf(file: RecipeFile, table: Table): Table {
  if (file.pivot) return pivotLongTable(table, { id: file.pivot.id, period: file.pivot.period, value: file.pivot.values, periods: file.pivot.periods }).table;
  if (file.transactions) return aggregateTransactions(table, file.transactions.columns, { referenceDate: file.transactions.referenceDate }).table;
  if (file.events) {
    const e = file.events;
    return aggregateEvents(table, e.columns, e.types.length, { types: e.types, referenceTime: e.referenceTime, secondsTimes: e.secondsTimes }).table;
  }
  return table;
}

/** Left-joins a part on the customer key, its columns named as they were in the run's table. */
export function joinRecipePart(base: Table, baseKey: string, part: Table, file: RecipeFile): Table {
  const joined = file.joined ?? [];
  const wanted = new Set(joined.map((j) => j.from));
  const restricted: Table = { ...part, columns: part.columns.filter((c) => c.name === file.key || wanted.has(c.name)) };
  for (const j of joined) {
    if (!restricted.columns.some((c) => c.name === j.from)) restricted.columns.push({ name: j.from, kind: 'number', values: new Float64Array(part.rowCount).fill(NaN) });
  }
  const result = leftJoin(base, baseKey, restricted, file.key);
  const renamed = new Map<string, string>();
  result.addedColumns.forEach((name, k) => renamed.set(name, restricted.columns.filter((c) => c.name !== file.key)[k]!.name));
  const asOf = new Map(joined.map((j) => [j.from, j.as]));
  return {
    ...result.table,
    columns: result.table.columns.map((c) => (renamed.has(c.name) ? { ...c, name: asOf.get(renamed.get(c.name)!) ?? c.name } : c)),
  };
}

/** The recipe's columns of a file, each turned into the kind the run read it as; nothing else. */
function readFile(file: RecipeFile, table: Table, options: ApplyRecipeOptions, ids: string[] | undefined): Table {
  const columns: Column[] = [];
  for (const want of file.columns) {
    const column = table.columns.find((c) => c.name === want.name);
    if (!column) {
      if (options.allowMissing && want.name !== file.key) {
        columns.push(missingColumn(want.name, want.kind, table.rowCount));
        continue;
      }
      const firstId = ids?.[0] ?? firstKey(table, file.key) ?? '1';
      throw new ScoreInputError(
        400,
        'missing_column',
        `Customer ${firstId}${table.rowCount > 1 ? ' (and every other in this file)' : ''}: the model needs column "${want.name}" of "${file.name}", which was not sent.` +
          (want.name === file.key ? '' : ' Send it, or allowMissing: true to fill it with the run\'s median or most frequent value.'),
        { file: file.name, column: want.name, customer: firstId },
      );
    }
    columns.push(asKind(column, want.kind, file.name));
  }
  return withExactText({ name: table.name, columns, rowCount: table.rowCount, source: table.source }, file.exactText);
}

function emptyTable(file: RecipeFile): Table {
  return { name: file.name, columns: file.columns.map((c) => missingColumn(c.name, c.kind, 0)), rowCount: 0 };
}

function missingColumn(name: string, kind: RawKind, n: number): Column {
  return kind === 'string' ? { name, kind, values: new Array<string | null>(n).fill(null) } : { name, kind, values: new Float64Array(n).fill(NaN) };
}

function firstKey(table: Table, key: string): string | undefined {
  const c = table.columns.find((x) => x.name === key);
  return c && table.rowCount ? (exactText(c).values[0] ?? undefined) : undefined;
}

/** A column as the kind the run read it as: text where the run had text, numbers and dates read strictly. */
function asKind(column: Column, kind: RawKind, file: string): Column {
  if (column.kind === kind) return column;
  if (kind === 'string') return exactText(column);
  const n = column.values.length;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = column.values[i];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) {
      values[i] = NaN;
      continue;
    }
    if (typeof v === 'number') {
      // A date sent as a number is epoch milliseconds; a date column read as a number keeps its value.
      values[i] = v;
      continue;
    }
    const text = v.trim();
    const read = text === '' ? NaN : kind === 'date' ? parseDateText(text) : parseNumberText(text, '.');
    if (text !== '' && Number.isNaN(read)) {
      throw new ScoreInputError(400, 'invalid_value', `Row ${i + 1} of "${file}", column "${column.name}": "${text.slice(0, 40)}" is not ${kind === 'date' ? 'a date (YYYY-MM-DD or DD.MM.YYYY)' : 'a number'}.`, {
        file,
        row: i + 1,
        column: column.name,
      });
    }
    values[i] = read;
  }
  return kind === 'date' ? ({ name: column.name, kind: 'date', values } satisfies DateColumn) : { name: column.name, kind: 'number', values };
}

/** Each row's customer id as text (row numbers without a key). */
function customerIds(table: Table, key: string): string[] {
  const c = key ? table.columns.find((x) => x.name === key) : undefined;
  if (!c) return Array.from({ length: table.rowCount }, (_, i) => String(i + 1));
  return exactText(c).values.map((v, i) => v ?? String(i + 1));
}

/** Rows whose model columns (or the columns they derive from) are missing before any is derived. */
function missingCells(table: Table, recipe: TableRecipe): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const model = new Set([...recipe.schema.numeric, ...recipe.schema.boolean, ...recipe.schema.categorical]);
  const sources = new Map<string, string>();
  for (const d of recipe.dates) if (model.has(`${d.column}_days_ago`)) sources.set(d.column, `${d.column}_days_ago`);
  for (const c of table.columns) {
    const name = model.has(c.name) ? c.name : sources.get(c.name);
    if (!name) continue;
    for (let i = 0; i < table.rowCount; i++) {
      const v = c.values[i];
      if (v === null || (typeof v === 'number' && Number.isNaN(v))) {
        const list = out.get(i);
        if (list) list.push(name);
        else out.set(i, [name]);
      }
    }
  }
  return out;
}

/** The recipe's date columns read with the run's formats (a format given, nothing guessed). */
function parseRecipeDates(table: Table, dates: TableRecipe['dates']): Table {
  if (dates.length === 0) return table;
  const formats = new Map(dates.map((d) => [d.column, d.format]));
  const declared: NonNullable<Manifest['dates']> = {};
  const toParse: Column[] = [];
  const columns = table.columns.map((c): Column => {
    const format = formats.get(c.name);
    if (format === undefined || c.kind === 'date') return c;
    const present = c.kind === 'string' ? c.values.some((v) => v !== null && v.trim() !== '') : c.values.some((v) => !Number.isNaN(v));
    if (!present) return { name: c.name, kind: 'date', values: new Float64Array(c.values.length).fill(NaN) };
    if (format === 'date') return asKind(c, 'date', table.name);
    declared[c.name] = format as NonNullable<Manifest['dates']>[string];
    toParse.push(c);
    return c;
  });
  if (toParse.length === 0) return { ...table, columns };
  let parsed: Table;
  try {
    parsed = parseDateColumns({ name: table.name, columns: toParse, rowCount: table.rowCount }, { dates: declared }, new Set()).table;
  } catch (err) {
    if (err instanceof IngestError) {
      throw new ScoreInputError(400, 'invalid_value', `Column "${err.column ?? ''}" holds values that are not dates written as the run read them (${declared[err.column ?? ''] ?? ''}).`, {
        column: err.column,
      });
    }
    throw err;
  }
  const byName = new Map(parsed.columns.map((c) => [c.name, c]));
  return { ...table, columns: columns.map((c) => byName.get(c.name) ?? c) };
}
