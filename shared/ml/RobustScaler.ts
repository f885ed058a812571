import type { DenseMatrix } from './DenseMatrix';
import { affine, inverseAffine } from './StandardScaler';
import { quantileSorted, sortedFinite } from './quantile';

export interface RobustScalerState {
  kind: 'robust';
  median: number[];
  /** Interquartile range (25th–75th); 1 when zero. */
  iqr: number[];
}

/** (x − median) / IQR per column (scikit-learn's RobustScaler): outliers do not set the scale. */
export class RobustScaler {
  state?: RobustScalerState;

  fit(X: DenseMatrix): this {
    const d = X.cols, median: number[] = [], iqr: number[] = [];
    const col = new Float64Array(X.rows);
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < X.rows; i++) col[i] = X.data[i * d + j];
      const s = sortedFinite(col);
      median.push(s.length ? quantileSorted(s, 0.5) : 0);
      const r = quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
      iqr.push(r > 0 ? r : 1);
    }
    this.state = { kind: 'robust', median, iqr };
    return this;
  }

  transform(X: DenseMatrix): DenseMatrix {
    const s = this.require();
    return affine(X, s.median, s.iqr);
  }

  fitTransform(X: DenseMatrix): DenseMatrix {
    return this.fit(X).transform(X);
  }

  inverseTransform(X: DenseMatrix): DenseMatrix {
    const s = this.require();
    return inverseAffine(X, s.median, s.iqr);
  }

  toJSON(): RobustScalerState {
    return this.require();
  }

  static fromJSON(state: RobustScalerState): RobustScaler {
    const s = new RobustScaler();
    s.state = state;
    return s;
  }

  private require(): RobustScalerState {
    if (!this.state) throw new Error('RobustScaler is not fitted');
    return this.state;
  }
}
