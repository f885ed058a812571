import { aggregateEvents } from '../features/aggregateEvents';
import { aggregateTransactions, type TransactionColumns } from '../features/aggregateTransactions';
import { daysSince } from '../features/dateFeatures';
import { engagementFeatures } from '../features/engagementFeatures';
import { guessEventColumns, guessTransactionColumns } from '../features/guessColumns';
import { keyValues } from '../features/keyValues';
import { RowIdentity } from './RowIdentity';
import { leftJoin } from '../features/leftJoin';
import { pivotLongTable } from '../features/pivotLongTable';
import { robustZScores } from '../features/robustZScores';
import { SimpleImputer, type SimpleImputerState } from '../features/SimpleImputer';
import { takeRows } from '../features/takeRows';
import { isIdName } from './columnVocabulary';
import { exactText } from '../features/exactText';
import { inferIdColumn } from '../roles/inferIdColumn';
import { inferValueColumn } from '../roles/inferValueColumn';
import { parseDateColumns } from '../roles/parseDateColumns';
import { inferSchema } from './inferSchema';
import { IngestError } from './IngestError';
import type { Manifest, ManifestFile } from './manifestSchema';
import type { QualityReport } from './QualityReport';
import { readTable } from './readTable';
import type { DropReason, Schema } from './Schema';
import { churnTrainingRows } from '../model/churnHoldout';
import { findLeakage } from '../model/findLeakage';
import { targetLabels } from '../model/targetLabels';
import type { Column, ReadTableOptions, Table, TableSource } from './Table';

export interface LoadedDataset {
  /** One row per customer, in the order of the customer file; missing feature values imputed. */
  table: Table;
  schema: Schema;
  quality: QualityReport;
  /** Medians / most frequent values used for missing cells: apply the same to customers scored later. */
  imputer: SimpleImputerState;
}

export interface LoadDatasetOptions extends ReadTableOptions {
  /** The run's seed: the leakage guard looks only at the rows the churn model will train on. */
  seed?: number;
}

type Derived = QualityReport['derived'];

const outlierZ = 3.5;
const implausibleZ = 20;

/**
 * Reads every file of a dataset and makes one row per customer: customer tables joined on the id,
 * long tables pivoted (one column per period), transaction tables aggregated to RFM (two periods give
 * a `churned` label), event streams aggregated; then duplicates are removed, dates become day counts,
 * the schema is inferred, missing values imputed, and quality.json's content is built.
 */
export async function loadDataset(files: TableSource[], manifest?: Manifest, options: LoadDatasetOptions = {}): Promise<LoadedDataset> {
  if (!manifest?.files && files.length !== 1) {
    throw new IngestError({
      code: 'MANIFEST_INVALID',
      file: 'manifest.json',
      message: `${files.length} files were given without a manifest.json listing them${files.length ? `: ${files.map((f) => f.name).join(', ')}` : ''}.`,
      hint: 'Upload a manifest.json naming the files, their roles and the join key, or upload one file per dataset.',
    });
  }
  const entries: ManifestFile[] = manifest?.files ?? [{ name: files[0].name, role: 'customers' }];
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

  const sourceFor = (name: string): TableSource => {
    const found = files.find((f) => f.name === name) ?? files.find((f) => f.name.replace(/^.*\//, '') === name);
    if (!found) {
      throw new IngestError({
        code: 'MANIFEST_FILE_MISSING',
        file: 'manifest.json',
        message: `manifest.json lists "${name}", but no such file was uploaded. Files present: ${files.map((f) => f.name).join(', ') || 'none'}.`,
        hint: `Upload "${name}" to the same folder, or correct its name in manifest.json (names are case-sensitive).`,
      });
    }
    return found;
  };

  const read: { entry: ManifestFile; table: Table; role: ManifestFile['role'] }[] = [];
  for (const entry of entries) {
    const table = await readTable(sourceFor(entry.name), { ...options, sheet: entry.sheet ?? manifest?.sheet ?? options.sheet });
    let role = entry.role;
    if (!manifest?.files) role = guessRole(table);
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

  const parts: { name: string; table: Table; key: string }[] = [];
  // A single customer file needs no key; without an id its rows are numbered.
  for (const r of customers) parts.push({ name: r.entry.name, table: r.table, key: read.length > 1 ? keyOf(r) : (idName ?? '') });

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
    parts.push({ name: r.entry.name, table: pivot.table, key });
  }

  const transactions = read.filter((x) => x.role === 'transactions');
  for (const r of transactions) r.table = withExactText(r.table, [transactionColumns(r, idName).customer]);
  let churnTarget: { column: string; positive: string } | undefined;
  if (transactions.length > 0) {
    const cols = transactions.map((r) => transactionColumns(r, idName));
    const first = transactions[0];
    const agg = aggregateTransactions(first.table, cols[0]);
    for (const d of agg.derived) derived.push(d);
    if (agg.linesWithoutCustomer) quality.notes.push(`${first.entry.name}: ${agg.linesWithoutCustomer} lines without a customer id were left out.`);
    let table = agg.table;
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
    parts.push({ name: first.entry.name, table, key: cols[0].customer });
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
    const agg = aggregateEvents(r.table, { ...cols, time, type: r.entry.type ?? cols.type, item: r.entry.item ?? cols.item });
    for (const d of agg.derived) derived.push(d);
    parts.push({ name: r.entry.name, table: agg.table, key: cols.entity });
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
  if (schema.target) {
    // Before anything trains: a column that alone gives the answer away leaves clustering and churn alike.
    // One model per class: a column that gives away any one class leaks into that class's model.
    const target = schema.target;
    const outcomes = target.oneVsRest ? target.classes : [target.positive];
    const leaked = new Set<string>();
    for (const positive of outcomes) {
      const labels = targetLabels(table.columns.find((c) => c.name === target.column)!, positive);
      const judged = { ...schema, target: { ...target, positive } };
      const leaks = findLeakage(table, judged, labels, churnTrainingRows(labels, options.seed ?? 0), { include: manifest?.include, seed: options.seed ?? 0 });
      for (const leak of leaks) {
        if (leaked.has(leak.column)) continue;
        leaked.add(leak.column);
        dropColumn(schema, leak.column, 'leakage', leak.reason);
      }
    }
  }
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

  const imputer = new SimpleImputer().fit(table, {
    numeric: [...schema.numeric, ...schema.boolean.filter((b) => table.columns.find((c) => c.name === b)?.kind === 'number')],
    categorical: [...schema.categorical, ...schema.boolean.filter((b) => table.columns.find((c) => c.name === b)?.kind === 'string')],
  });
  const imputed = imputer.transform(table);
  table = imputed.table;
  for (const col of quality.columns) {
    const count = imputed.filled[col.name];
    if (count) col.imputed = { strategy: imputer.strategy[col.name], value: imputer.statistics[col.name], count };
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
  return { table, schema, quality, imputer: imputer.toJSON() };
}

/** Names the manifest reserves for roles: never taken for the id. */
function reservedNames(manifest: Manifest | undefined): Set<string> {
  const consent = manifest?.consent;
  const names = [manifest?.target, manifest?.treatment, typeof consent === 'string' ? consent : consent?.column];
  return new Set(names.filter((x): x is string => !!x && x !== 'all'));
}

/** The named key columns as exact text (features/exactText.ts). */
function withExactText(table: Table, names: (string | undefined)[]): Table {
  const keys = new Set(names.filter((x): x is string => !!x));
  if (!table.columns.some((c) => keys.has(c.name) && c.kind !== 'string')) return table;
  return { ...table, columns: table.columns.map((c) => (keys.has(c.name) ? exactText(c) : c)) };
}

/** Takes a feature column out of the schema with its reason (quality.json `excluded`). */
function dropColumn(schema: Schema, name: string, reason: DropReason, detail: string): void {
  for (const list of [schema.numeric, schema.categorical, schema.boolean, schema.date]) {
    const at = list.indexOf(name);
    if (at >= 0) list.splice(at, 1);
  }
  const info = schema.columns.find((c) => c.name === name);
  if (info) {
    info.role = 'dropped';
    info.dropReason = reason;
  }
  schema.dropped.push({ column: name, reason, detail });
}

function guessRole(table: Table): ManifestFile['role'] {
  if (table.source?.format === 'jsonl') return 'events';
  const tx = guessTransactionColumns(table);
  if (tx) {
    const ids = keyValues(table.columns.find((c) => c.name === tx.customer)!);
    if (new Set(ids).size < ids.length * 0.9) return 'transactions';
  }
  return 'customers';
}

function transactionColumns(r: { entry: ManifestFile; table: Table }, idName?: string): TransactionColumns {
  const e = r.entry;
  const customer = e.id ?? (idName && r.table.columns.some((c) => c.name === idName) ? idName : undefined);
  const guessed = guessTransactionColumns(r.table, customer);
  const amount = e.amount ?? guessed?.amount;
  const cols = {
    customer: customer ?? guessed?.customer,
    date: e.date ?? guessed?.date,
    amount,
    invoice: e.invoice ?? guessed?.invoice,
    item: e.item ?? guessed?.item,
  };
  if (!cols.customer || !cols.date || !cols.amount) {
    const missing = [!cols.customer && 'customer id', !cols.date && 'date', !cols.amount && 'amount (or quantity and price)'].filter(Boolean);
    throw new IngestError({
      code: 'COLUMN_NOT_FOUND',
      file: e.name,
      message: `The transaction table's ${missing.join(', ')} column could not be found.`,
      hint: 'Name them in manifest.json on this file\'s entry: "id", "date", "amount" (one column or [quantity, price]) and "invoice".',
    });
  }
  return cols as TransactionColumns;
}

/** Ids listed in quality.json with their rows; the rest are counted. */
const duplicateIdsListed = 100;

/**
 * Exact duplicate rows (id included) are collapsed (counted); rows sharing an id but differing elsewhere are kept
 * (two people, or a data-entry clash a person must look at) and listed in `duplicateIds`.
 */
function removeDuplicates(table: Table, idColumn: string | undefined, quality: QualityReport): Table {
  quality.rows.input = table.rowCount;
  const keep: number[] = [];
  if (idColumn) {
    const rows = new RowIdentity(table);
    for (let i = 0; i < table.rowCount; i++) {
      if (rows.seenBefore(i)) quality.rows.duplicateRowsRemoved++;
      else keep.push(i);
    }
  } else {
    // Without an id, equal rows are different customers who happen to look alike: all are kept.
    for (let i = 0; i < table.rowCount; i++) keep.push(i);
    const rows = new RowIdentity(table);
    let alike = 0;
    for (let i = 0; i < table.rowCount; i++) if (rows.seenBefore(i)) alike++;
    if (alike) quality.notes.push(`${alike} rows repeat an earlier row exactly; without an id column they are taken as different customers and kept.`);
  }
  if (idColumn) {
    const ids = keyValues(table.columns.find((c) => c.name === idColumn)!);
    const shown = exactText(table.columns.find((c) => c.name === idColumn)!).values;
    const rowsOf = new Map<string, number[]>();
    for (const i of keep) {
      const id = ids[i];
      if (id === null) continue;
      const list = rowsOf.get(id);
      if (list) list.push(i);
      else rowsOf.set(id, [i]);
    }
    const repeated = [...rowsOf.values()].filter((r) => r.length > 1);
    quality.rows.rowsSharingAnId = repeated.reduce((sum, r) => sum + r.length, 0);
    quality.duplicateIds = repeated.slice(0, duplicateIdsListed).map((r) => ({ id: shown[r[0]!] ?? '', rows: r.map((i) => i + 1) }));
    if (repeated.length) {
      quality.notes.push(
        `${repeated.length} ${idColumn} values appear on more than one differing row (${quality.rows.rowsSharingAnId} rows); all were kept` +
          `${repeated.length > duplicateIdsListed ? `, the first ${duplicateIdsListed} are listed` : ''}: check them in quality.json duplicateIds.`,
      );
    }
    const withoutId = new RowIdentity(table, idColumn);
    for (const i of keep) if (withoutId.seenBefore(i)) quality.rows.duplicatesIgnoringId++;
  }
  if (quality.rows.duplicateRowsRemoved) quality.notes.push(`${quality.rows.duplicateRowsRemoved} exact duplicate rows were collapsed into the first.`);
  return keep.length === table.rowCount ? table : takeRows(table, keep);
}

function describeColumns(table: Table, schema: Schema, quality: QualityReport): void {
  const ids = schema.id ? keyValues(table.columns.find((c) => c.name === schema.id)!) : undefined;
  const implausible: QualityReport['implausible'] = [];
  for (const info of schema.columns) {
    const c = table.columns.find((x) => x.name === info.name) as Column;
    const entry: QualityReport['columns'][number] = {
      name: info.name, role: info.role, kind: info.kind, missing: info.missing, missingShare: round(info.missingShare), distinct: info.distinct,
    };
    if (c.kind === 'number' && (info.role === 'numeric' || info.role === 'target' || info.role === 'boolean')) {
      let min = Infinity;
      let max = -Infinity;
      for (const v of c.values) if (!Number.isNaN(v)) (min = Math.min(min, v)), (max = Math.max(max, v));
      const { z, median } = robustZScores(c.values);
      entry.min = min;
      entry.max = max;
      entry.median = median;
      if (info.role === 'numeric') {
        let outliers = 0;
        for (let i = 0; i < z.length; i++) {
          const a = Math.abs(z[i]);
          if (a > outlierZ) outliers++;
          if (a > implausibleZ) {
            implausible.push({ column: info.name, row: i + 1, id: ids?.[i] ?? String(i + 1), value: c.values[i], robustZ: round(z[i]), median });
          }
        }
        entry.outliers = outliers;
      }
    }
    quality.columns.push(entry);
  }
  implausible.sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ));
  quality.implausible = implausible.slice(0, 50);
  if (implausible.length > 50) quality.notes.push(`${implausible.length} implausible values in all; the 50 most extreme are listed.`);
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
