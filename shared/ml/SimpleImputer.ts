import type { DenseMatrix } from './DenseMatrix';
import { median } from './median';
import { sortedFinite } from './quantile';

export interface SimpleImputerState {
  kind: 'imputer';
  strategy: 'median' | 'mean' | 'most_frequent';
  /** Fill value per column. */
  fill: number[];
}

/**
 * Fills NaN with each column's training median, mean or mode (scikit-learn's SimpleImputer). The one
 * imputer: the feature pipeline uses it on its numeric block, and the customer table on each column
 * (features/imputeTable.ts, text columns through category codes).
 */
export class SimpleImputer {
  state?: SimpleImputerState;

  constructor(readonly strategy: SimpleImputerState['strategy'] = 'median') {}

  fit(X: DenseMatrix): this {
    const d = X.cols, fill: number[] = [];
    const col = new Float64Array(X.rows);
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < X.rows; i++) col[i] = X.data[i * d + j];
      if (this.strategy === 'median') {
        const m = median(col);
        fill.push(Number.isNaN(m) ? 0 : m);
        continue;
      }
      const s = sortedFinite(col);
      if (s.length === 0) { fill.push(0); continue; }
      if (this.strategy === 'mean') fill.push(s.reduce((a, b) => a + b, 0) / s.length);
      else fill.push(modeOfSorted(s));
    }
    this.state = { kind: 'imputer', strategy: this.strategy, fill };
    return this;
  }

  transform(X: DenseMatrix): DenseMatrix {
    const { fill } = this.require(), d = X.cols;
    const out = Float64Array.from(X.data);
    for (let i = 0; i < X.rows; i++) for (let j = 0; j < d; j++) if (Number.isNaN(out[i * d + j])) out[i * d + j] = fill[j];
    return { data: out, rows: X.rows, cols: d };
  }

  fitTransform(X: DenseMatrix): DenseMatrix {
    return this.fit(X).transform(X);
  }

  toJSON(): SimpleImputerState {
    return this.require();
  }

  static fromJSON(state: SimpleImputerState): SimpleImputer {
    const s = new SimpleImputer(state.strategy);
    s.state = state;
    return s;
  }

  private require(): SimpleImputerState {
    if (!this.state) throw new Error('SimpleImputer is not fitted');
    return this.state;
  }
}

/** Most frequent value; the smallest on ties (as scikit-learn). */
function modeOfSorted(s: Float64Array): number {
  let best = s[0], bestCount = 0;
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j < s.length && s[j] === s[i]) j++;
    if (j - i > bestCount) { bestCount = j - i; best = s[i]; }
    i = j;
  }
  return best;
}
