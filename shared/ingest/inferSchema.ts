import { IngestError } from './IngestError';
import type { Manifest } from './manifestSchema';
import type { ColumnSchema, DropReason, Schema } from './Schema';
import type { Column, Table } from './Table';
import { booleanPositive, isIdName } from './columnVocabulary';
import type { RoleDecision } from '../roles/DatasetRoles';
import { inferConsent } from '../roles/inferConsent';
import { inferIdColumn } from '../roles/inferIdColumn';
import { inferTarget } from '../roles/inferTarget';

/** Above this share of missing values a column is dropped (the 60 %). */
const maxMissingShare = 0.6;
const maxCategories = 50;

export interface ColumnStats {
  missing: number;
  /** Non-missing values by frequency, most frequent first (capped for very varied columns). */
  counts: Map<string, number>;
  distinct: number;
  allIntegers: boolean;
  meanLength: number;
  meanWords: number;
}

/**
 * Decides what every column is: the id, the target and its positive value, the consent column,
 * numeric, categorical (low cardinality), boolean-like (yes/no in several languages, 1/0), dates,
 * free text, and columns dropped with the reason. The manifest's choices win over names.
 */
export type ManifestRoleFields = Pick<Manifest, 'id' | 'target' | 'positive' | 'multiclass' | 'consent' | 'goal' | 'exclude' | 'value' | 'dates' | 'include' | 'treatment' | 'control'>;

export interface InferSchemaOptions extends ManifestRoleFields {
  /** A label derived from the data (two purchase periods give `churned`). */
  derivedTarget?: { column: string; positive: string };
  /** The id decided before the tables were joined (inferIdColumn). */
  idDecision?: RoleDecision;
}

export function inferSchema(table: Table, manifest: InferSchemaOptions = {}): Schema {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const need = (name: string | undefined, what: string): void => {
    if (name !== undefined && !byName.has(name)) {
      throw new IngestError({
        code: 'MANIFEST_KEY_MISSING',
        file: 'manifest.json',
        column: name,
        message: `manifest.json names "${name}" as the ${what}, but no such column exists. Columns: ${table.columns.map((c) => c.name).slice(0, 30).join(', ')}.`,
        hint: `Correct "${what}" in manifest.json to one of the column names (they are case-sensitive).`,
      });
    }
  };
  need(manifest.id, 'id');
  need(manifest.target, 'target');
  const declaredConsent = manifest.consent;
  need(declaredConsent === undefined || declaredConsent === null || declaredConsent === 'all' ? undefined : typeof declaredConsent === 'string' ? declaredConsent : declaredConsent.column, 'consent');
  need(manifest.value, 'value');
  need(manifest.treatment, 'treatment');

  const stats = new Map(table.columns.map((c) => [c.name, cachedColumnStats(c, table.rowCount)]));
  const n = table.rowCount;
  const unique = (c: Column): boolean => {
    const s = stats.get(c.name)!;
    return s.missing === 0 && s.distinct === n;
  };

  const idDecision = manifest.idDecision ?? inferIdColumn(table, manifest.id);
  const id = idDecision.column;
  const treatment = manifest.treatment;
  const reserved = new Set([id, treatment].filter((x): x is string => !!x));
  const targetRoles = inferTarget(table, manifest, manifest.derivedTarget, reserved);
  const target = targetRoles.target;
  const targetColumn = target?.column;
  if (targetColumn) reserved.add(targetColumn);
  const consentRoles = inferConsent(table, manifest, reserved);
  const consent = consentRoles.consent;
  const consentColumns = new Set(consentRoles.columns);

  const excluded = new Set(manifest?.exclude ?? []);
  const schema: Schema = {
    id, target, consent, goal: targetRoles.goal.goal, value: null, numeric: [], categorical: [], boolean: [], date: [], text: [], dropped: [], columns: [], rowCount: n,
    ...(consentRoles.consentAll ? { consentAll: true } : {}),
    ...(consentRoles.channelConsent.length ? { channelConsent: consentRoles.channelConsent } : {}),
    roles: {
      id: idDecision,
      target: targetRoles.decision,
      goal: targetRoles.goal,
      consent: consentRoles.decision,
      value: { column: null, confidence: 'none', evidence: 'not decided yet', override: '"value": "<column>"' },
      dates: [],
    },
  };
  for (const c of table.columns) {
    const s = stats.get(c.name)!;
    const info: ColumnSchema = {
      name: c.name,
      role: 'dropped',
      kind: c.kind,
      missing: s.missing,
      missingShare: n ? s.missing / n : 0,
      distinct: s.distinct,
    };
    const drop = (reason: DropReason, detail: string): void => {
      info.role = 'dropped';
      info.dropReason = reason;
      schema.dropped.push({ column: c.name, reason, detail });
    };
    const values = [...s.counts.keys()];
    if (c.name === id) info.role = 'id';
    else if (c.name === targetColumn) {
      info.role = 'target';
      // One model per class: no value of the column is the positive one.
      if (!target!.oneVsRest) info.positive = target!.positive;
    } else if (consentColumns.has(c.name)) {
      info.role = 'consent';
      if (consent?.column === c.name) info.positive = consent.yes[0];
    } else if (c.name === treatment) {
      info.role = 'treatment';
    } else if (excluded.has(c.name)) drop('excluded', 'listed in "exclude" of manifest.json');
    else if (s.distinct === 0) drop('missing', 'every value is missing');
    else if (info.missingShare > maxMissingShare) drop('missing', `${(info.missingShare * 100).toFixed(1)} % of values are missing (limit 60 %)`);
    else if (s.distinct === 1) drop('constant', `every value is ${JSON.stringify(values[0])}`);
    else if (c.kind === 'date') {
      info.role = 'date';
      schema.date.push(c.name);
    } else if (booleanPositive(values) !== undefined) {
      info.role = 'boolean';
      info.positive = booleanPositive(values);
      schema.boolean.push(c.name);
    } else if (c.kind === 'number') {
      if ((isIdName(c.name) && s.allIntegers && s.distinct > 0.95 * (n - s.missing)) || (unique(c) && s.allIntegers && isSequence(c))) {
        drop('id-like', 'a distinct whole number on every row, like a row number or an identifier');
      } else {
        info.role = 'numeric';
        schema.numeric.push(c.name);
      }
    } else {
      const nonMissing = n - s.missing;
      if (s.distinct <= maxCategories || (s.distinct <= 200 && s.distinct <= nonMissing * 0.05)) {
        info.role = 'categorical';
        info.categories = values;
        schema.categorical.push(c.name);
      } else if (s.meanWords >= 3 && s.meanLength >= 20) {
        info.role = 'text';
        schema.text.push(c.name);
        drop('free-text', 'free text: too varied to compare customers by; ignored');
        info.role = 'text';
      } else if (s.distinct >= 0.95 * nonMissing) {
        drop('id-like', 'a different value on (nearly) every row, like an identifier');
      } else {
        drop('high-cardinality', `${s.distinct} different values: too many to use as categories`);
      }
    }
    schema.columns.push(info);
  }
  return schema;
}

/**
 * Stats per column object: loading a dataset infers the schema of its customer table twice (once for
 * the id, before duplicates go; once at the end), and columns are never changed once built.
 */
const statsCache = new WeakMap<Column, { n: number; stats: ColumnStats }>();

export function cachedColumnStats(c: Column, n: number): ColumnStats {
  const known = statsCache.get(c);
  if (known && known.n === n) return known.stats;
  const stats = columnStats(c, n);
  statsCache.set(c, { n, stats });
  return stats;
}

/** How many of a column's values are kept, by frequency: enough for every decision made here. */
const countsKept = 1000;

function columnStats(c: Column, n: number): ColumnStats {
  let missing = 0;
  let allIntegers = true;
  let length = 0;
  let words = 0;
  let sampled = 0;
  if (c.kind === 'string') {
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const v = c.values[i];
      if (v === null) {
        missing++;
        continue;
      }
      counts.set(v, (counts.get(v) ?? 0) + 1);
      if (sampled < 2000) {
        sampled++;
        length += v.length;
        words += v.trim().split(/\s+/).length;
      }
    }
    return { missing, counts: mostFrequent([...counts.keys()], Int32Array.from(counts.values()), counts.size, (v) => v), distinct: counts.size, allIntegers, meanLength: sampled ? length / sampled : 0, meanWords: sampled ? words / sampled : 0 };
  }
  // Sorting a copy and counting runs: several times faster than a Map over 10^5 distinct floats.
  const sorted = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = c.values[i]!;
    if (Number.isNaN(v)) missing++;
    else {
      if (allIntegers && !Number.isInteger(v)) allIntegers = false;
      sorted[m++] = v;
    }
  }
  const present = sorted.subarray(0, m).sort();
  const values = new Float64Array(m);
  const runs = new Int32Array(m);
  let distinct = 0;
  for (let i = 0; i < m; ) {
    let j = i + 1;
    while (j < m && present[j] === present[i]) j++;
    values[distinct] = present[i]!;
    runs[distinct++] = j - i;
    i = j;
  }
  const key = c.kind === 'date' ? (v: number) => new Date(v).toISOString() : (v: number) => String(v);
  return { missing, counts: mostFrequent(values, runs, distinct, key), distinct, allIntegers, meanLength: 0, meanWords: 0 };
}

/**
 * The countsKept most frequent values, most frequent first. A continuous column has as many values
 * as rows; sorting and stringifying all of them was most of the time spent reading a large file.
 */
function mostFrequent<V>(values: ArrayLike<V>, counts: Int32Array, size: number, toKey: (v: V) => string): Map<string, number> {
  let picked: number[] = [];
  if (size > countsKept) {
    // The smallest count that still makes the cut, from a histogram of counts: O(distinct), no sort.
    let top = 0;
    for (let i = 0; i < size; i++) if (counts[i]! > top) top = counts[i]!;
    const byCount = new Int32Array(top + 1);
    for (let i = 0; i < size; i++) byCount[counts[i]!]++;
    let threshold = top;
    for (let seen = byCount[top]!; seen < countsKept && threshold > 1; ) seen += byCount[--threshold]!;
    // Every value above the threshold makes it (fewer than countsKept by construction), then ties at it.
    for (let i = 0; i < size; i++) if (counts[i]! > threshold) picked.push(i);
    for (let i = 0; i < size && picked.length < countsKept; i++) if (counts[i]! === threshold) picked.push(i);
  } else picked = Array.from({ length: size }, (_, i) => i);
  picked.sort((a, b) => counts[b]! - counts[a]! || a - b);
  if (picked.length > countsKept) picked.length = countsKept;
  return new Map(picked.map((i) => [toKey(values[i]!), counts[i]!]));
}

/** Row numbers left in a file (pandas' "Unnamed: 0"): 0, 1, 2 ... or 1, 2, 3 ... in file order. */
function isSequence(c: Column): boolean {
  if (c.kind === 'string') return false;
  const v = c.values;
  if (v.length < 20 || (v[0] !== 0 && v[0] !== 1)) return false;
  for (let i = 1; i < v.length; i++) if (v[i] - v[i - 1] !== 1) return false;
  return true;
}
