import type { Column, Table } from '../ingest/Table';
import { median } from './robustZScores';

export interface SimpleImputerState {
  /** Column → value put in place of missing ones (median for numbers, most frequent for text). */
  statistics: Record<string, number | string>;
  strategy: Record<string, 'median' | 'most_frequent'>;
}

/**
 * scikit-learn's SimpleImputer: `fit` learns the median of numeric columns and the most frequent value
 * of text columns; `transform` fills missing values with them. The state is plain JSON for model.json.
 */
export class SimpleImputer {
  statistics: Record<string, number | string> = {};
  strategy: Record<string, 'median' | 'most_frequent'> = {};

  fit(table: Table, columns: { numeric?: string[]; categorical?: string[] }): this {
    for (const name of columns.numeric ?? []) {
      const c = table.columns.find((x) => x.name === name);
      if (!c || c.kind === 'string') continue;
      this.statistics[name] = median(c.values);
      this.strategy[name] = 'median';
    }
    for (const name of columns.categorical ?? []) {
      const c = table.columns.find((x) => x.name === name);
      if (!c) continue;
      const mode = mostFrequent(c);
      if (mode === undefined) continue;
      this.statistics[name] = mode;
      this.strategy[name] = 'most_frequent';
    }
    return this;
  }

  /** A new table with missing values filled, and how many were filled per column. */
  transform(table: Table): { table: Table; filled: Record<string, number> } {
    const filled: Record<string, number> = {};
    const columns = table.columns.map((c): Column => {
      const fill = this.statistics[c.name];
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
    return { table: { ...table, columns }, filled };
  }

  toJSON(): SimpleImputerState {
    return { statistics: { ...this.statistics }, strategy: { ...this.strategy } };
  }

  static fromJSON(state: SimpleImputerState): SimpleImputer {
    const imp = new SimpleImputer();
    imp.statistics = { ...state.statistics };
    imp.strategy = { ...state.strategy };
    return imp;
  }
}

function mostFrequent(c: Column): number | string | undefined {
  const counts = new Map<number | string, number>();
  const values = c.values as ArrayLike<number | string | null>;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: number | string | undefined;
  let bestCount = 0;
  for (const [v, k] of counts) if (k > bestCount) (best = v), (bestCount = k);
  return best;
}
