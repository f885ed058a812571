import type { DenseMatrix } from './DenseMatrix';
import { fitKMeans, nearestCenters, type KMeansOptions, type KMeansResult } from './fitKMeans';

export interface KMeansState {
  k: number;
  d: number;
  /** k rows of d values. */
  centers: number[][];
  inertia: number;
  iterations: number;
}

/** scikit-learn's KMeans shape: options in the constructor, fit / predict, JSON state. */
export class KMeans {
  state?: KMeansState;
  labels?: Int32Array;

  constructor(readonly options: KMeansOptions) {}

  fit(X: DenseMatrix): this {
    const r: KMeansResult = fitKMeans(X, this.options);
    this.labels = r.labels;
    this.state = {
      k: r.k, d: r.d, inertia: r.inertia, iterations: r.iterations,
      centers: Array.from({ length: r.k }, (_, c) => Array.from(r.centers.subarray(c * r.d, (c + 1) * r.d))),
    };
    return this;
  }

  predict(X: DenseMatrix): Int32Array {
    if (!this.state) throw new Error('KMeans.predict called before fit');
    return nearestCenters(X, Float64Array.from(this.state.centers.flat()));
  }

  toJSON(): KMeansState {
    if (!this.state) throw new Error('KMeans is not fitted');
    return this.state;
  }

  static fromJSON(state: KMeansState): KMeans {
    const m = new KMeans({ k: state.k });
    m.state = state;
    return m;
  }
}
