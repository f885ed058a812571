import { findPersonalData, looksPersonalValue } from './findPersonalData';
import { isPersonalField, normalizeFieldName } from './isPersonalField';
import type { AttributeValue } from './types';

export interface PrivacyOptions {
  /** Only these columns may reach a prompt (still never personal-looking ones). All non-personal columns when absent. */
  allowedAttributes?: readonly string[];
  /** Most attributes per prompt; columns the drivers and segment traits name come first. */
  maxAttributes?: number;
}

export interface PromptAttributes {
  attributes: Record<string, AttributeValue>;
  /** Values held back as personal: the output is checked for them. */
  personalValues: string[];
}

const maxValueLength = 80;

/**
 * The customer's columns a prompt may carry: never personal-looking names or values, never the
 * consent column, only the allow-list when one is set, relevant columns first, values shortened.
 */
export function selectPromptAttributes(
  attributes: Record<string, AttributeValue>,
  relevantColumns: readonly string[],
  options: PrivacyOptions = {},
): PromptAttributes {
  const allowed = options.allowedAttributes ? new Set(options.allowedAttributes.map(normalizeFieldName)) : undefined;
  const relevant = new Set(relevantColumns.map(normalizeFieldName));
  const kept: [string, AttributeValue, boolean][] = [];
  const personalValues: string[] = [];
  for (const [column, value] of Object.entries(attributes)) {
    const personal = isPersonalField(column) || looksPersonalValue(value);
    if (personal) {
      if (value !== null && value !== '' && typeof value !== 'boolean') personalValues.push(String(value));
      continue;
    }
    const name = normalizeFieldName(column);
    if (isConsentColumn(name)) continue;
    if (allowed && !allowed.has(name)) continue;
    if (findPersonalData(column).length > 0) continue;
    kept.push([column.slice(0, maxValueLength), shorten(value), relevant.has(name)]);
  }
  // Stable: relevant columns first, then upload order.
  kept.sort((a, b) => Number(b[2]) - Number(a[2]));
  const limit = options.maxAttributes ?? 12;
  return { attributes: Object.fromEntries(kept.slice(0, limit).map(([c, v]) => [c, v])), personalValues };
}

function isConsentColumn(name: string): boolean {
  return /consent|opt_?in|opt_?out|unsubscrib|разрешить_сообщать|согласи|рассылк|consentimento|consentimiento/.test(name);
}

function shorten(value: AttributeValue): AttributeValue {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(6)) : null;
  if (typeof value !== 'string') return value;
  // Control characters could fake structure in a prompt; length is capped so one cell cannot crowd out the rest.
  const clean = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > maxValueLength ? `${clean.slice(0, maxValueLength - 1)}…` : clean;
}
