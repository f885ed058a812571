import type { DenseMatrix } from './DenseMatrix';
import { affine, inverseAffine } from './StandardScaler';

export interface MinMaxScalerState {
  kind: 'minmax';
  min: number[];
  /** max − min; 1 for constant columns. */
  range: number[];
}

/** Maps each column's training range onto [0, 1] (scikit-learn's MinMaxScaler). */
export class MinMaxScaler {
  state?: MinMaxScalerState;

  fit(X: DenseMatrix): this {
    const d = X.cols, min = new Array<number>(d).fill(Infinity), max = new Array<number>(d).fill(-Infinity);
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < d; j++) {
        const v = X.data[i * d + j];
        if (v < min[j]) min[j] = v;
        if (v > max[j]) max[j] = v;
      }
    }
    const range = min.map((m, j) => (Number.isFinite(m) && max[j] - m > 0 ? max[j] - m : 1));
    this.state = { kind: 'minmax', min: min.map((m) => (Number.isFinite(m) ? m : 0)), range };
    return this;
  }

  transform(X: DenseMatrix): DenseMatrix {
    const s = this.require();
    return affine(X, s.min, s.range);
  }

  fitTransform(X: DenseMatrix): DenseMatrix {
    return this.fit(X).transform(X);
  }

  inverseTransform(X: DenseMatrix): DenseMatrix {
    const s = this.require();
    return inverseAffine(X, s.min, s.range);
  }

  toJSON(): MinMaxScalerState {
    return this.require();
  }

  static fromJSON(state: MinMaxScalerState): MinMaxScaler {
    const s = new MinMaxScaler();
    s.state = state;
    return s;
  }

  private require(): MinMaxScalerState {
    if (!this.state) throw new Error('MinMaxScaler is not fitted');
    return this.state;
  }
}
