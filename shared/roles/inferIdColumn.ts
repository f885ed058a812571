import { keyValues } from '../features/keyValues';
import { cachedColumnStats } from './columnStats';
import type { Column, Table } from '../ingest/Table';
import type { RoleDecision } from './DatasetRoles';
import { isIdentifierName } from './idVocabulary';

const override = '"id": "<column>"';

/**
 * The customer id, from the name and the values together: a column named like an identifier whose
 * values are (nearly) unique, else a column that is unique on every row and looks like a key (text
 * that is not free prose, or whole numbers that run as a sequence or lead the file). Without one the
 * rows are numbered (`row_id`) and the decision says so.
 */
export function inferIdColumn(table: Table, manifestId?: string, skip: ReadonlySet<string> = new Set()): RoleDecision {
  const n = table.rowCount;
  if (manifestId !== undefined) {
    const s = cachedColumnStats(table.columns.find((c) => c.name === manifestId)!, n);
    return { column: manifestId, confidence: 'manifest', override, evidence: `named in manifest.json; ${describeUniqueness(s.distinct, s.missing, n)}.` };
  }
  const candidates = table.columns.filter((c) => !skip.has(c.name) && !/^unnamed: \d+$/i.test(c.name.trim()));
  for (const c of candidates) {
    if (!isIdentifierName(c.name)) continue;
    const s = keyStats(c, n);
    if (s.missing === 0 && s.distinct >= 0.95 * n && n > 0 && (c.kind !== 'number' || s.allIntegers)) {
      return {
        column: c.name, confidence: s.distinct === n ? 'high' : 'medium', override,
        evidence: `the name "${c.name}" reads as an identifier and ${describeUniqueness(s.distinct, s.missing, n)}.`,
      };
    }
  }
  for (const [index, c] of candidates.entries()) {
    const s = cachedColumnStats(c, n);
    if (n < 20 || s.missing > 0 || s.distinct !== n) continue;
    if (c.kind === 'string' && s.meanWords < 2 && looksLikeCode(c)) {
      return { column: c.name, confidence: 'medium', override, evidence: `not named like an id, but every one of its ${n} values is different and they read as codes, not words.` };
    }
    if (c.kind === 'number' && s.allIntegers && (index === 0 || runsAsSequence(c))) {
      return {
        column: c.name, confidence: 'medium', override,
        evidence: `not named like an id, but its ${n} whole numbers are all different and ${index === 0 ? 'it is the first column' : 'they run as a sequence'}.`,
      };
    }
  }
  const named = candidates.find((c) => isIdentifierName(c.name) && cachedColumnStats(c, n).distinct >= 0.5 * n);
  if (named) {
    const s = keyStats(named, n);
    return {
      column: named.name, confidence: 'low', override,
      evidence: `the name "${named.name}" reads as an identifier, but ${describeUniqueness(s.distinct, s.missing, n)}; rows sharing an id are kept and listed in duplicateIds.`,
    };
  }
  return { column: null, confidence: 'none', override, evidence: 'no column is named like an id and unique on every row, so rows are numbered from 1 in a `row_id` column.' };
}

/**
 * Distinct values counted as keys: a number column whose cells were long digit strings (20-digit
 * codes) is compared by its text, since a float cannot tell those apart.
 */
function keyStats(c: Column, n: number): { distinct: number; missing: number; allIntegers: boolean } {
  const s = cachedColumnStats(c, n);
  if (c.kind !== 'number' || !c.texts) return s;
  const keys = keyValues(c);
  let missing = 0;
  const seen = new Set<string>();
  for (const k of keys) {
    if (k === null) missing++;
    else seen.add(k);
  }
  return { distinct: seen.size, missing, allIntegers: s.allIntegers };
}

function describeUniqueness(distinct: number, missing: number, n: number): string {
  if (distinct === n && missing === 0) return `each of its ${n} values is different`;
  return `it has ${distinct} different values in ${n} rows${missing ? ` (${missing} missing)` : ''}`;
}

/** Codes ("7590-VHVEG", "A-0012", "c3f1…") rather than names or categories: digits or no spaces. */
function looksLikeCode(c: Column): boolean {
  if (c.kind !== 'string') return false;
  let coded = 0, seen = 0;
  for (let i = 0; i < c.values.length && seen < 500; i++) {
    const v = c.values[i];
    if (v === null) continue;
    seen++;
    if (!/\s/.test(v.trim()) && (/\d/.test(v) || v.length >= 8)) coded++;
  }
  return seen > 0 && coded >= 0.9 * seen;
}

/** Whole numbers that fill their range with few gaps (1, 2, 3 … or 50001 … 55630), in any order. */
function runsAsSequence(c: Column): boolean {
  if (c.kind === 'string') return false;
  let min = Infinity, max = -Infinity;
  for (const v of c.values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min + 1 <= 1.1 * c.values.length;
}
