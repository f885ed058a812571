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
import { inferSchema } from './inferSchema';
import { IngestError } from './IngestError';
import type { Manifest, ManifestFile } from './manifestSchema';
import type { QualityReport } from './QualityReport';
import { readTable } from './readTable';
import type { Schema } from './Schema';
import type { Column, ReadTableOptions, Table, TableSource } from './Table';

export interface LoadedDataset {
  /** One row per customer, in the order of the customer file; missing feature values imputed. */
  table: Table;
  schema: Schema;
  quality: QualityReport;
  /** Medians / most frequent values used for missing cells: apply the same to customers scored later. */
  imputer: SimpleImputerState;
}

export type LoadDatasetOptions = ReadTableOptions;

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
  const idName = manifest?.id ?? (customers[0] ? inferSchema(customers[0].table).id ?? undefined : undefined);
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
    derived.push(...pivot.derived);
    if (pivot.repeatedPairs) quality.notes.push(`${r.entry.name}: ${pivot.repeatedPairs} repeated (id, period) rows were summed.`);
    parts.push({ name: r.entry.name, table: pivot.table, key });
  }

  const transactions = read.filter((x) => x.role === 'transactions');
  let churnTarget: { column: string; positive: string } | undefined;
  if (transactions.length > 0) {
    const cols = transactions.map((r) => transactionColumns(r, idName));
    const first = transactions[0];
    const agg = aggregateTransactions(first.table, cols[0]);
    derived.push(...agg.derived);
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
    derived.push(...agg.derived);
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

  for (const c of table.columns.slice()) {
    if (c.kind !== 'date' || c.name === idColumn) continue;
    const { column, referenceDate } = daysSince(c);
    table.columns.push(column);
    derived.push({ column: column.name, from: c.name, how: `days from ${c.name} to ${new Date(referenceDate).toISOString().slice(0, 10)}` });
  }
  const engagement = engagementFeatures(table);
  table.columns.push(...engagement.columns);
  derived.push(...engagement.derived);

  const schema = inferSchema(table, {
    ...manifest,
    id: idColumn,
    target: manifest?.target ?? churnTarget?.column,
    positive: manifest?.positive ?? (manifest?.target ? undefined : churnTarget?.positive),
  });
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
  quality.rows.output = table.rowCount;
  return { table, schema, quality, imputer: imputer.toJSON() };
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

function removeDuplicates(table: Table, idColumn: string | undefined, quality: QualityReport): Table {
  quality.rows.input = table.rowCount;
  const rows = new RowIdentity(table);
  const keep: number[] = [];
  const ids = idColumn ? keyValues(table.columns.find((c) => c.name === idColumn)!) : undefined;
  const seenIds = new Set<string>();
  for (let i = 0; i < table.rowCount; i++) {
    if (rows.seenBefore(i)) {
      quality.rows.duplicateRowsRemoved++;
      continue;
    }
    const id = ids?.[i];
    if (id != null) {
      if (seenIds.has(id)) {
        quality.rows.duplicateIdsRemoved++;
        continue;
      }
      seenIds.add(id);
    }
    keep.push(i);
  }
  if (idColumn) {
    const withoutId = new RowIdentity(table, idColumn);
    for (const i of keep) if (withoutId.seenBefore(i)) quality.rows.duplicatesIgnoringId++;
  }
  if (quality.rows.duplicateRowsRemoved) quality.notes.push(`${quality.rows.duplicateRowsRemoved} exact duplicate rows were removed.`);
  if (quality.rows.duplicateIdsRemoved) quality.notes.push(`${quality.rows.duplicateIdsRemoved} rows repeating an earlier ${idColumn} were removed (the first was kept).`);
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
