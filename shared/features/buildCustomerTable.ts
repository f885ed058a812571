/*
 * The one place files become the customer table, with every decision recorded in the table recipe
 * that scoring replays (shared/recipe/applyTableRecipe.ts). Kept whole so the order of the steps,
 * which the replay mirrors, is read in one file; each step lives in its own file beside it.
 */
import { readDatasetFiles } from '../ingest/readDatasetFiles';
import { IngestError } from '../ingest/IngestError';
import type { Manifest, ManifestFile } from '../ingest/manifestSchema';
import type { QualityReport } from '../ingest/QualityReport';
import type { Schema } from '../ingest/Schema';
import type { ReadTableOptions, Table, TableSource } from '../ingest/Table';
import { inferIdColumn } from '../roles/inferIdColumn';
import { inferSchema } from '../roles/inferSchema';
import { inferValueColumn } from '../roles/inferValueColumn';
import { isIdName } from '../roles/columnVocabulary';
import { parseDateColumns } from '../roles/parseDateColumns';
import { aggregateEvents } from './aggregateEvents';
import { aggregateTransactions } from './aggregateTransactions';
import { daysSince } from './dateFeatures';
import { describeColumns } from './describeColumns';
import { dropLeakingColumns } from './dropLeakingColumns';
import { engagementFeatures } from './engagementFeatures';
import { withExactText } from './exactText';
import { guessEventColumns } from './guessColumns';
import { guessFileRole } from './guessFileRole';
import { imputeTable, type TableImputation } from './imputeTable';
import { keyValues } from './keyValues';
import { leftJoin } from './leftJoin';
import { pivotLongTable } from './pivotLongTable';
import { removeDuplicates } from './removeDuplicates';
import { transactionColumnsFor } from './transactionColumnsFor';
import { finishRecipe } from '../recipe/finishRecipe';
import { purchaseHistory, type PurchaseHistory } from '../value/purchaseHistory';
import { runCustomerValue, type RunCustomerValue } from '../value/runCustomerValue';
import type { RecipeFile, TableRecipe } from '../recipe/TableRecipe';

export interface CustomerTable {
  /** One row per customer, in the order of the customer file; missing feature values imputed. */
  table: Table;
  schema: Schema;
  quality: QualityReport;
  /** Medians / most frequent values used for missing cells: apply the same to customers scored later. */
  imputer: TableImputation;
  /** Every decision that built the table from the files, for scoring new customers the same way. */
  recipe: TableRecipe;
  /** 12-month value and next purchase per customer, when the data has transactions (shared/value/). */
  customerValue?: RunCustomerValue;
}

export interface BuildCustomerTableOptions extends ReadTableOptions {
  /** The run's seed: the leakage guard looks only at the rows the churn model will train on. */
  seed?: number;
}

type Derived = QualityReport['derived'];

/**
 * Reads every file of a dataset and makes one row per customer: customer tables joined on the id,
 * long tables pivoted (one column per period), transaction tables aggregated to RFM (two periods give
 * a `churned` label), event streams aggregated; then duplicates are removed, dates become day counts,
 * the schema is inferred, missing values imputed, and quality.json's content is built.
 */
export async function buildCustomerTable(files: TableSource[], manifest?: Manifest, options: BuildCustomerTableOptions = {}): Promise<CustomerTable> {
  const quality: QualityReport = {
    files: [],
    rows: { input: 0, duplicateRowsRemoved: 0, duplicateIdsRemoved: 0, duplicatesIgnoringId: 0, output: 0 },
    columns: [],
    dropped: [],
    derived: [],
    implausible: [],
    joins: [],
    notes: [],
    excluded: [],
    duplicateIds: [],
  };
  const derived: Derived = quality.derived;

  const read: { entry: ManifestFile; table: Table; role: ManifestFile['role'] }[] = [];
  for (const { entry, table } of await readDatasetFiles(files, manifest, options)) {
    const role = manifest?.files ? entry.role : guessFileRole(table);
    read.push({ entry, table, role });
    quality.files.push({ name: entry.name, role, rows: table.rowCount, columns: table.columns.length, ...table.source });
  }

  const customers = read.filter((r) => r.role === 'customers');
  const idDecision = customers[0] ? inferIdColumn(customers[0].table, manifest?.id, reservedNames(manifest)) : undefined;
  const idName = idDecision?.column ?? manifest?.id ?? undefined;
  // Keys keep their text exactly as uploaded ("0001" stays "0001"); joins compare them as keys.
  for (const r of read) r.table = withExactText(r.table, [idName, r.entry.id]);
  const keyOf = (r: { entry: ManifestFile; table: Table }, fallback?: string): string => {
    const name = r.entry.id ?? (idName && r.table.columns.some((c) => c.name === idName) ? idName : undefined) ?? fallback ??
      r.table.columns.find((c) => isIdName(c.name) && !/^unnamed: \d+$/i.test(c.name))?.name;
    if (!name || !r.table.columns.some((c) => c.name === name)) {
      throw new IngestError({
        code: 'MANIFEST_KEY_MISSING',
        file: r.entry.name,
        column: name,
        message: name
          ? `The file has no join key column "${name}". Columns: ${r.table.columns.map((c) => c.name).slice(0, 30).join(', ')}.`
          : 'No join key column could be found in this file.',
        hint: 'Set "id" in manifest.json (or "id" on this file\'s entry when its key column is named differently).',
      });
    }
    return name;
  };

  const parts: { name: string; table: Table; key: string; recipe: RecipeFile }[] = [];
  const recipeFile = (r: { entry: ManifestFile; table: Table; role: ManifestFile['role'] }, key: string, exact: (string | undefined)[]): RecipeFile => ({
    name: r.entry.name,
    role: r.role,
    key,
    columns: r.table.columns.map((c) => ({ name: c.name, kind: c.kind })),
    exactText: exact.filter((x): x is string => !!x && r.table.columns.some((c) => c.name === x)),
  });
  // A single customer file needs no key; without an id its rows are numbered.
  for (const r of customers) {
    const key = read.length > 1 ? keyOf(r) : (idName ?? '');
    parts.push({ name: r.entry.name, table: r.table, key, recipe: recipeFile(r, key, [idName, r.entry.id]) });
  }

  for (const r of read.filter((x) => x.role === 'long')) {
    const key = keyOf(r);
    const period = r.entry.period ?? r.table.columns.find((c) => c.name !== key && c.kind === 'string')?.name;
    if (!period) {
      throw new IngestError({
        code: 'MANIFEST_KEY_MISSING',
        file: r.entry.name,
        message: 'This long table has no text column naming the period.',
        hint: 'Set "period" (and "value") on this file\'s entry in manifest.json.',
      });
    }
    const pivot = pivotLongTable(r.table, { id: key, period, value: r.entry.value });
    for (const d of pivot.derived) derived.push(d);
    if (pivot.repeatedPairs) quality.notes.push(`${r.entry.name}: ${pivot.repeatedPairs} repeated (id, period) rows were summed.`);
    const recipe = { ...recipeFile(r, key, [idName, r.entry.id]), pivot: { id: key, period, values: pivot.values, periods: pivot.periods } };
    parts.push({ name: r.entry.name, table: pivot.table, key, recipe });
  }

  const transactions = read.filter((x) => x.role === 'transactions');
  for (const r of transactions) r.table = withExactText(r.table, [transactionColumnsFor(r, idName).customer]);
  let churnTarget: { column: string; positive: string } | undefined;
  let purchases: PurchaseHistory | undefined;
  if (transactions.length > 0) {
    const cols = transactions.map((r) => transactionColumnsFor(r, idName));
    const first = transactions[0];
    const agg = aggregateTransactions(first.table, cols[0]);
    for (const d of agg.derived) derived.push(d);
    if (agg.linesWithoutCustomer) quality.notes.push(`${first.entry.name}: ${agg.linesWithoutCustomer} lines without a customer id were left out.`);
    let table = agg.table;
    // Customer value is fitted on the purchases the features describe; a second file is the label's period.
    purchases = purchaseHistory(first.table, cols[0], { end: agg.referenceDate });
    if (transactions.length > 1) {
      // The later file's lines up to the end of the first period repeat it (Online Retail's overlap).
      const later = aggregateTransactions(transactions[1].table, cols[1], { since: agg.referenceDate });
      const active = new Set(keyValues(later.table.columns[0]));
      const ids = keyValues(table.columns[0]);
      const churned = Float64Array.from(ids, (id) => (id !== null && active.has(id) ? 0 : 1));
      const name = 'churned';
      table = { ...table, columns: [...table.columns, { name, kind: 'number', values: churned }] };
      churnTarget = { column: name, positive: '1' };
      derived.push({
        column: name,
        from: `${first.entry.name}, ${transactions[1].entry.name}`,
        how: `1 when the customer bought in ${first.entry.name} but not in ${transactions[1].entry.name} after ${new Date(agg.referenceDate).toISOString().slice(0, 10)}`,
      });
    }
    const recipe = {
      ...recipeFile(first, cols[0].customer, [idName, first.entry.id, cols[0].customer]),
      transactions: { columns: cols[0], referenceDate: agg.referenceDate },
    };
    parts.push({ name: first.entry.name, table, key: cols[0].customer, recipe });
  }

  for (const r of read.filter((x) => x.role === 'events')) {
    const cols = guessEventColumns(r.table, r.entry.id ?? (idName && r.table.columns.some((c) => c.name === idName) ? idName : undefined));
    const time = r.entry.date ?? cols?.time;
    if (!cols || !time) {
      throw new IngestError({
        code: 'COLUMN_NOT_FOUND',
        file: r.entry.name,
        message: 'The events need an id field (customer_id or session) and a time field (ts or timestamp).',
        hint: 'Name them in manifest.json ("id" and "date" on this file\'s entry).',
      });
    }
    const columns = { ...cols, time, type: r.entry.type ?? cols.type, item: r.entry.item ?? cols.item };
    const agg = aggregateEvents(r.table, columns);
    for (const d of agg.derived) derived.push(d);
    const recipe = {
      ...recipeFile(r, cols.entity, [idName, r.entry.id]),
      events: { columns, types: agg.types, referenceTime: agg.referenceTime, secondsTimes: agg.secondsTimes },
    };
    parts.push({ name: r.entry.name, table: agg.table, key: cols.entity, recipe });
  }

  if (parts.length === 0) {
    throw new IngestError({
      code: 'MANIFEST_INVALID',
      file: 'manifest.json',
      message: 'manifest.json lists no file with customer rows, long tables, transactions or events.',
      hint: 'Give each file a "role": customers, long, transactions or events.',
    });
  }
  const base = parts[0];
  let table = base.table;
  for (const p of parts.slice(1)) {
    const j = leftJoin(table, base.key, p.table, p.key);
    table = j.table;
    const from = p.table.columns.filter((c) => c.name !== p.key).map((c) => c.name);
    p.recipe.joined = j.addedColumns.map((as, k) => ({ from: from[k]!, as }));
    quality.joins.push({ file: p.name, unmatchedCustomers: j.unmatched, keysWithoutCustomer: j.orphans });
  }
  const idColumn = idName ?? (customers.length === 0 ? base.key : undefined);

  table = removeDuplicates(table, idColumn, quality);

  const reserved = new Set([idColumn, manifest?.target, churnTarget?.column].filter((x): x is string => !!x));
  const parsedDates = parseDateColumns(table, manifest, reserved);
  table = parsedDates.table;
  // One reference date for every date column, kept with the model so new customers count back from it.
  let referenceDate = -Infinity;
  for (const c of table.columns) if (c.kind === 'date' && !reserved.has(c.name)) for (const v of c.values) if (v > referenceDate) referenceDate = v;
  for (const c of table.columns.slice()) {
    if (c.kind !== 'date' || reserved.has(c.name)) continue;
    const { column } = daysSince(c, referenceDate);
    table.columns.push(column);
    derived.push({ column: column.name, from: c.name, how: `days from ${c.name} to ${new Date(referenceDate).toISOString().slice(0, 10)}` });
  }
  const engagement = engagementFeatures(table);
  const runReferenceDate = Number.isFinite(referenceDate) ? referenceDate : null;
  for (const c of engagement.columns) table.columns.push(c);
  for (const d of engagement.derived) derived.push(d);

  const schema = inferSchema(table, {
    ...manifest,
    id: idColumn,
    idDecision: idDecision ?? (idColumn
      ? { column: idColumn, confidence: 'high', evidence: `the customer key of ${base.name}.`, override: '"id": "<column>"' }
      : { column: null, confidence: 'none', evidence: 'rows are numbered from 1 in a `row_id` column.', override: '"id": "<column>"' }),
    derivedTarget: churnTarget,
  });
  schema.roles.dates = parsedDates.dates;
  dropLeakingColumns(table, schema, { include: manifest?.include, seed: options.seed ?? 0 });
  if (Number.isFinite(referenceDate)) schema.roles.referenceDate = new Date(referenceDate).toISOString();
  const valueDecision = inferValueColumn(table, schema.numeric, manifest?.value, transactions.length ? 'monetary' : undefined);
  schema.value = valueDecision.column;
  schema.roles.value = valueDecision;
  if (schema.numeric.length === 0) {
    throw new IngestError({
      code: 'NO_NUMERIC_COLUMN',
      file: base.name,
      message: 'No numeric column is left to describe customers with (after removing the id, the target, the consent column, excluded, constant and mostly empty columns).',
      hint: 'Add numeric columns (spend, orders, tenure, visits ...) or check that numbers are not written with text around them.',
    });
  }
  describeColumns(table, schema, quality);

  const imputed = imputeTable(table, {
    numeric: [...schema.numeric, ...schema.boolean.filter((b) => table.columns.find((c) => c.name === b)?.kind === 'number')],
    categorical: [...schema.categorical, ...schema.boolean.filter((b) => table.columns.find((c) => c.name === b)?.kind === 'string')],
  });
  table = imputed.table;
  for (const col of quality.columns) {
    const count = imputed.filled[col.name];
    if (count) col.imputed = { strategy: imputed.imputation.strategy[col.name], value: imputed.imputation.statistics[col.name], count };
  }
  quality.dropped = schema.dropped;
  quality.roles = schema.roles;
  quality.excluded = schema.dropped
    .filter((d) => d.reason === 'excluded' || d.reason === 'leakage' || d.reason === 'id-like')
    .map((d) => ({ column: d.column, reason: d.detail }));
  for (const c of schema.columns) {
    if (c.role === 'consent') quality.excluded.push({ column: c.name, reason: 'consent: never a feature' });
    if (c.role === 'treatment') quality.excluded.push({ column: c.name, reason: 'the campaign treatment: never a feature' });
  }
  quality.rows.output = table.rowCount;
  const recipe = finishRecipe({
    parts: parts.map((p) => p.recipe),
    idColumn: idColumn ?? null,
    dates: parsedDates.dates.filter((d) => !reserved.has(d.column)).map((d) => ({ column: d.column, format: d.format })),
    referenceDate: runReferenceDate,
    engagement: engagement.sources,
    imputation: imputed.imputation,
    table,
    schema,
  });
  const customerValue = purchases ? runCustomerValue(table, idColumn, purchases) : undefined;
  return { table, schema, quality, imputer: imputed.imputation, recipe, ...(customerValue ? { customerValue } : {}) };
}

/** Names the manifest reserves for roles: never taken for the id. */
function reservedNames(manifest: Manifest | undefined): Set<string> {
  const consent = manifest?.consent;
  const names = [manifest?.target, manifest?.treatment, typeof consent === 'string' ? consent : consent?.column];
  return new Set(names.filter((x): x is string => !!x && x !== 'all'));
}
