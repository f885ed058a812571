import type { DenseMatrix } from './DenseMatrix';

export interface StandardScalerState {
  kind: 'standard';
  mean: number[];
  /** Population standard deviation; 1 for constant columns (as scikit-learn). */
  scale: number[];
}

/** (x − mean) / std per column, scikit-learn's StandardScaler. NaN passes through. */
export class StandardScaler {
  state?: StandardScalerState;

  fit(X: DenseMatrix): this {
    const d = X.cols, mean = new Array<number>(d).fill(0), scale = new Array<number>(d).fill(1);
    for (let j = 0; j < d; j++) {
      let m = 0, m2 = 0, c = 0;
      for (let i = 0; i < X.rows; i++) {
        const v = X.data[i * d + j];
        if (Number.isNaN(v)) continue;
        c++;
        const delta = v - m;
        m += delta / c;
        m2 += delta * (v - m);
      }
      mean[j] = m;
      const sd = c > 0 ? Math.sqrt(m2 / c) : 0;
      scale[j] = sd > 1e-12 * Math.max(1, Math.abs(m)) ? sd : 1;
    }
    this.state = { kind: 'standard', mean, scale };
    return this;
  }

  transform(X: DenseMatrix): DenseMatrix {
    return affine(X, this.require().mean, this.require().scale);
  }

  fitTransform(X: DenseMatrix): DenseMatrix {
    return this.fit(X).transform(X);
  }

  inverseTransform(X: DenseMatrix): DenseMatrix {
    return inverseAffine(X, this.require().mean, this.require().scale);
  }

  toJSON(): StandardScalerState {
    return this.require();
  }

  static fromJSON(state: StandardScalerState): StandardScaler {
    const s = new StandardScaler();
    s.state = state;
    return s;
  }

  private require(): StandardScalerState {
    if (!this.state) throw new Error('StandardScaler is not fitted');
    return this.state;
  }
}

/** (x − offset) / scale per column, shared by the scalers. */
export function affine(X: DenseMatrix, offset: number[], scale: number[]): DenseMatrix {
  const d = X.cols, out = new Float64Array(X.data.length);
  if (offset.length !== d) throw new RangeError(`scaler was fitted on ${offset.length} columns, got ${d}`);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < d; j++) out[i * d + j] = (X.data[i * d + j] - offset[j]) / scale[j];
  return { data: out, rows: X.rows, cols: d };
}

export function inverseAffine(X: DenseMatrix, offset: number[], scale: number[]): DenseMatrix {
  const d = X.cols, out = new Float64Array(X.data.length);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < d; j++) out[i * d + j] = X.data[i * d + j] * scale[j] + offset[j];
  return { data: out, rows: X.rows, cols: d };
}
