import type { Column, Table } from '../ingest/Table';
import { SimpleImputer } from '../ml/SimpleImputer';

/** What filled each column's missing cells: its median, or its most frequent value. */
export interface TableImputation {
  /** Column → value put in place of missing ones (median for numbers, most frequent for text). */
  statistics: Record<string, number | string>;
  strategy: Record<string, 'median' | 'most_frequent'>;
}

export interface ImputedTable {
  table: Table;
  /** Missing cells filled, per column. */
  filled: Record<string, number>;
  imputation: TableImputation;
}

/**
 * Fills the customer table's missing cells with the one SimpleImputer: numeric columns with their median,
 * categorical columns with their most frequent value. A column is fitted as a one-column matrix over its
 * own values (no copy); text is fitted through codes numbered in order of first appearance, so on a tie
 * the value seen first wins.
 */
export function imputeTable(table: Table, columns: { numeric?: string[]; categorical?: string[] }): ImputedTable {
  const imputation: TableImputation = { statistics: {}, strategy: {} };
  for (const name of columns.numeric ?? []) {
    const c = table.columns.find((x) => x.name === name);
    if (!c || c.kind === 'string') continue;
    imputation.statistics[name] = new SimpleImputer('median').fit({ data: c.values, rows: c.values.length, cols: 1 }).toJSON().fill[0]!;
    imputation.strategy[name] = 'median';
  }
  for (const name of columns.categorical ?? []) {
    const c = table.columns.find((x) => x.name === name);
    if (!c) continue;
    const mode = mostFrequent(c);
    if (mode === undefined) continue;
    imputation.statistics[name] = mode;
    imputation.strategy[name] = 'most_frequent';
  }

  const { table: out, filled } = fillMissing(table, imputation);
  return { table: out, filled, imputation };
}

/** Fills missing cells with a fitted imputation's values (the run's, for customers scored later). */
export function fillMissing(table: Table, imputation: TableImputation): { table: Table; filled: Record<string, number> } {
  const filled: Record<string, number> = {};
  const out = table.columns.map((c): Column => {
    const fill = imputation.statistics[c.name];
    if (fill === undefined) return c;
    let count = 0;
    if (c.kind === 'string') {
      const values = c.values.map((v) => (v === null ? (count++, String(fill)) : v));
      filled[c.name] = count;
      return { ...c, values };
    }
    const values = c.values.slice();
    const f = typeof fill === 'number' ? fill : Number(fill);
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) (values[i] = f), count++;
    filled[c.name] = count;
    return { ...c, values };
  });
  return { table: { ...table, columns: out }, filled };
}

/** The column's most frequent value through SimpleImputer('most_frequent') on first-appearance codes. */
function mostFrequent(c: Column): number | string | undefined {
  const codeOf = new Map<number | string, number>();
  const distinct: (number | string)[] = [];
  const values = c.values as ArrayLike<number | string | null>;
  const codes = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) {
      codes[i] = NaN;
      continue;
    }
    let code = codeOf.get(v);
    if (code === undefined) codeOf.set(v, (code = distinct.push(v) - 1));
    codes[i] = code;
  }
  if (distinct.length === 0) return undefined;
  const code = new SimpleImputer('most_frequent').fit({ data: codes, rows: codes.length, cols: 1 }).toJSON().fill[0]!;
  return distinct[code];
}
