import { IngestError } from '../ingest/IngestError';
import type { Manifest } from '../ingest/manifestSchema';
import type { Column, DateColumn, Table } from '../ingest/Table';
import type { DateDecision } from './DatasetRoles';

const dayMs = 86_400_000;
/** Day 0 of Excel's 1900 date system (serial 1 = 1900-01-01, with Excel's leap-year bug folded in). */
const excelEpoch = Date.UTC(1899, 11, 30);
const numericDate = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const dateName = /date|dt$|_at$|time|timestamp|^ts$|[_\s.-]ts$|day$|дата|время|fecha|data$|datahora|registr|signup|joined|birth/i;

type Order = 'DMY' | 'MDY';

/**
 * Finds the date columns the reader left as text or numbers and turns them into dates, deciding
 * from the values and never from one guess: `DD-MM-YYYY` vs `MM/DD/YYYY` by a first field above 12
 * (day first) or a second one above 12 (month first); when no value settles it the separator's
 * custom is assumed (`/` month first, `-` and `.` day first) and the decision is marked ambiguous.
 * Numbers in a column named like a date become dates when they fit Excel serials or Unix time.
 * Date cells already read as dates (ISO text, XLSX dates) are recorded as such.
 */
export function parseDateColumns(table: Table, manifest: Pick<Manifest, 'dates'> | undefined, skip: ReadonlySet<string>): { table: Table; dates: DateDecision[] } {
  const dates: DateDecision[] = [];
  const declared = manifest?.dates ?? {};
  const override = (name: string) => `"dates": { "${name}": "DD-MM-YYYY" }`;
  const columns = table.columns.map((c): Column => {
    if (skip.has(c.name)) return c;
    const format = declared[c.name];
    if (c.kind === 'date') {
      dates.push({ column: c.name, format: 'date', confidence: 'high', override: override(c.name), evidence: 'its cells are dates (ISO 8601 text, DD.MM.YYYY or spreadsheet dates).' });
      return c;
    }
    if (c.kind === 'string') {
      const order = format ? orderOf(format) : undefined;
      const seen = scanText(c.values);
      if (!seen) {
        if (format) throw unreadable(c.name, format);
        return c;
      }
      let decided: Order;
      let confidence: DateDecision['confidence'] = 'high';
      let ambiguous = false;
      let why: string;
      if (order) {
        decided = order;
        confidence = 'manifest';
        why = `declared ${format} in manifest.json.`;
      } else if (seen.firstOver12 && seen.secondOver12) {
        // Day-first and month-first rows in one column: no single reading is right.
        return c;
      } else if (seen.firstOver12) {
        decided = 'DMY';
        why = `${seen.firstOver12} values have a first field above 12 (e.g. "${seen.firstExample}"), so the day comes first.`;
      } else if (seen.secondOver12) {
        decided = 'MDY';
        why = `${seen.secondOver12} values have a second field above 12 (e.g. "${seen.secondExample}"), so the month comes first.`;
      } else {
        decided = seen.separator === '/' ? 'MDY' : 'DMY';
        confidence = 'low';
        ambiguous = true;
        why = `no value has a day above 12, so day and month cannot be told apart; ${decided === 'MDY' ? 'month first was assumed (the custom with "/")' : `day first was assumed (the custom with "${seen.separator}")`}.`;
      }
      const values = new Float64Array(c.values.length);
      for (let i = 0; i < values.length; i++) values[i] = parseOrdered(c.values[i] ?? null, decided);
      const sep = seen.separator;
      const shown = decided === 'DMY' ? `DD${sep}MM${sep}YYYY` : `MM${sep}DD${sep}YYYY`;
      dates.push({ column: c.name, format: shown, confidence, override: override(c.name), evidence: why, ...(ambiguous ? { ambiguous } : {}) });
      return { name: c.name, kind: 'date', values } satisfies DateColumn;
    }
    // Numbers: only where the name says date (a count of days must stay a count).
    if (!format && !dateName.test(c.name)) return c;
    const kind = format === 'excel' || format === 'unix-seconds' || format === 'unix-ms' ? format : numericDateKind(c.values);
    if (!kind) {
      if (format) throw unreadable(c.name, format);
      return c;
    }
    const values = new Float64Array(c.values.length);
    for (let i = 0; i < values.length; i++) {
      const v = c.values[i]!;
      values[i] = Number.isNaN(v) ? NaN : kind === 'excel' ? excelEpoch + v * dayMs : kind === 'unix-seconds' ? v * 1000 : v;
    }
    const label = kind === 'excel' ? 'Excel serial day numbers' : kind === 'unix-seconds' ? 'Unix time in seconds' : 'Unix time in milliseconds';
    dates.push({
      column: c.name, format: kind, confidence: format ? 'manifest' : 'medium', override: override(c.name),
      evidence: format ? `declared ${format} in manifest.json.` : `named like a date and its numbers fit ${label}.`,
    });
    return { name: c.name, kind: 'date', values } satisfies DateColumn;
  });
  return { table: { ...table, columns }, dates };
}

function orderOf(format: string): Order | undefined {
  if (/^DD[-/.]MM/.test(format)) return 'DMY';
  if (/^MM[-/.]DD/.test(format)) return 'MDY';
  return undefined;
}

interface TextScan {
  separator: string;
  firstOver12: number;
  secondOver12: number;
  firstExample?: string;
  secondExample?: string;
}

/** Whether every present value is a numeric date with one separator; counts what settles the order. */
function scanText(values: (string | null)[]): TextScan | undefined {
  let separator: string | undefined;
  let present = 0;
  const scan: TextScan = { separator: '', firstOver12: 0, secondOver12: 0 };
  for (const raw of values) {
    if (raw === null) continue;
    const m = numericDate.exec(raw.trim());
    if (!m) return undefined;
    if (separator === undefined) separator = m[2];
    else if (m[2] !== separator) return undefined;
    present++;
    const a = Number(m[1]), b = Number(m[3]);
    if (a > 31 || b > 31 || a < 1 || b < 1) return undefined;
    if (a > 12) {
      scan.firstOver12++;
      scan.firstExample ??= raw.trim();
    }
    if (b > 12) {
      scan.secondOver12++;
      scan.secondExample ??= raw.trim();
    }
  }
  if (present === 0 || separator === undefined) return undefined;
  scan.separator = separator;
  return scan;
}

function parseOrdered(raw: string | null, order: Order): number {
  if (raw === null) return NaN;
  const m = numericDate.exec(raw.trim());
  if (!m) return NaN;
  const day = Number(order === 'DMY' ? m[1] : m[3]);
  const month = Number(order === 'DMY' ? m[3] : m[1]);
  let year = Number(m[4]);
  if (m[4]!.length === 2) year += year < 70 ? 2000 : 1900;
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  const t = Date.UTC(year, month - 1, day, Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0));
  // 31-02-2020 would roll into March: not a date.
  return new Date(t).getUTCDate() === day ? t : NaN;
}

/** Excel serials 1980–2100, or Unix seconds / milliseconds 1990–2100, for every present value. */
function numericDateKind(values: Float64Array): 'excel' | 'unix-seconds' | 'unix-ms' | undefined {
  let min = Infinity, max = -Infinity, present = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    present++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!present) return undefined;
  if (min >= 29_221 && max <= 73_051) return 'excel';
  if (min >= 631_152_000 && max <= 4_102_444_800) return 'unix-seconds';
  if (min >= 631_152_000_000 && max <= 4_102_444_800_000) return 'unix-ms';
  return undefined;
}

function unreadable(column: string, format: string): IngestError {
  return new IngestError({
    code: 'DATE_FORMAT_UNCLEAR',
    file: 'manifest.json',
    column,
    message: `manifest.json declares "${column}" as ${format}, but its values are not written that way.`,
    hint: `Check the column's values and the "dates" entry in manifest.json (ISO, DD-MM-YYYY, MM/DD/YYYY, DD.MM.YYYY, excel, unix-seconds, unix-ms).`,
  });
}
