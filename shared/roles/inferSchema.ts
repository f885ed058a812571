import { IngestError } from '../ingest/IngestError';
import type { Manifest } from '../ingest/manifestSchema';
import type { ColumnSchema, DropReason, Schema } from '../ingest/Schema';
import type { Column, Table } from '../ingest/Table';
import { booleanPositive, isIdName } from './columnVocabulary';
import type { RoleDecision } from './DatasetRoles';
import { inferConsent } from './inferConsent';
import { inferIdColumn } from './inferIdColumn';
import { inferTarget } from './inferTarget';
import { cachedColumnStats } from './columnStats';

/** Above this share of missing values a column is dropped (60 %: a column mostly blank describes too few customers). */
const maxMissingShare = 0.6;
const maxCategories = 50;

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

function isSequence(c: Column): boolean {
  if (c.kind === 'string') return false;
  const v = c.values;
  if (v.length < 20 || (v[0] !== 0 && v[0] !== 1)) return false;
  for (let i = 1; i < v.length; i++) if (v[i] - v[i - 1] !== 1) return false;
  return true;
}
