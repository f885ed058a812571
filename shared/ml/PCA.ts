import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { DenseMatrix } from './DenseMatrix';

export interface PCAState {
  kind: 'pca';
  nComponents: number;
  mean: number[];
  /** nComponents rows of d loadings (unit vectors, sign fixed so the largest |loading| is positive). */
  components: number[][];
  explainedVariance: number[];
  explainedVarianceRatio: number[];
}

/**
 * Principal components from the d × d covariance matrix (ml-matrix's symmetric eigensolver):
 * one pass over the rows, then work independent of n, the cheap way for tall customer tables.
 */
export class PCA {
  state?: PCAState;

  constructor(readonly nComponents = 2) {}

  fit(X: DenseMatrix): this {
    const n = X.rows, d = X.cols;
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X.data[i * d + j];
    for (let j = 0; j < d; j++) mean[j] /= n;
    const cov = new Float64Array(d * d);
    const centred = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) centred[j] = X.data[i * d + j] - mean[j];
      for (let a = 0; a < d; a++) {
        const va = centred[a];
        if (va === 0) continue;
        for (let b = a; b < d; b++) cov[a * d + b] += va * centred[b];
      }
    }
    const denom = Math.max(1, n - 1);
    const C = new Matrix(d, d);
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) { const v = cov[a * d + b] / denom; C.set(a, b, v); C.set(b, a, v); }
    const evd = new EigenvalueDecomposition(C, { assumeSymmetric: true });
    const values = evd.realEigenvalues;
    const vectors = evd.eigenvectorMatrix;
    const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
    const total = values.reduce((s, v) => s + Math.max(0, v), 0) || 1;
    const k = Math.min(this.nComponents, d);
    const components: number[][] = [];
    const explainedVariance: number[] = [];
    for (const idx of order.slice(0, k)) {
      const v = vectors.getColumn(idx);
      let big = 0;
      for (const x of v) if (Math.abs(x) > Math.abs(big)) big = x;
      components.push(v.map((x) => (big < 0 ? -x : x)));
      explainedVariance.push(Math.max(0, values[idx]));
    }
    this.state = {
      kind: 'pca', nComponents: k, mean: Array.from(mean), components, explainedVariance,
      explainedVarianceRatio: explainedVariance.map((v) => v / total),
    };
    return this;
  }

  /** Rows projected onto the components (n × nComponents). */
  transform(X: DenseMatrix): DenseMatrix {
    const s = this.require(), d = X.cols, k = s.nComponents;
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++) {
      for (let c = 0; c < k; c++) {
        const comp = s.components[c];
        let v = 0;
        for (let j = 0; j < d; j++) v += (X.data[i * d + j] - s.mean[j]) * comp[j];
        out[i * k + c] = v;
      }
    }
    return { data: out, rows: X.rows, cols: k };
  }

  fitTransform(X: DenseMatrix): DenseMatrix {
    return this.fit(X).transform(X);
  }

  toJSON(): PCAState {
    return this.require();
  }

  static fromJSON(state: PCAState): PCA {
    const p = new PCA(state.nComponents);
    p.state = state;
    return p;
  }

  private require(): PCAState {
    if (!this.state) throw new Error('PCA is not fitted');
    return this.state;
  }
}
