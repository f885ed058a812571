import type { Column } from '../ingest/Table';

/** Whole numbers written as text, with any padding, sign or ".0" tail. */
const wholeNumber = /^([+-]?)0*(\d+?)(?:\.0*)?$/;

/**
 * One customer's key, however a file wrote it: `15291.0`, `15291` and `015291` are one customer, text
 * is trimmed. Digits are compared as digits (never through a float), so 20-digit ids stay distinct.
 */
export function canonicalKey(text: string): string {
  const t = text.trim();
  const m = wholeNumber.exec(t);
  if (!m) return t;
  return m[2] === '0' ? '0' : `${m[1] === '-' ? '-' : ''}${m[2]}`;
}

/**
 * A column's values as join keys (canonicalKey); missing stays null. Number columns use their cell
 * text where the reader kept it (a 20-digit id read as a number).
 */
export function keyValues(column: Column): (string | null)[] {
  const out: (string | null)[] = new Array(column.values.length);
  if (column.kind === 'string') {
    for (let i = 0; i < out.length; i++) {
      const v = column.values[i];
      out[i] = v === null ? null : canonicalKey(v);
    }
  } else {
    const texts = column.kind === 'number' ? column.texts : undefined;
    for (let i = 0; i < out.length; i++) {
      const v = column.values[i];
      const text = texts?.get(i);
      out[i] = text !== undefined ? canonicalKey(text) : Number.isNaN(v) ? null : column.kind === 'date' ? new Date(v).toISOString() : canonicalKey(String(v));
    }
  }
  return out;
}
