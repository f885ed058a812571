import type { DenseMatrix } from '../ml/DenseMatrix';
import { PCA, type PCAState } from '../ml/PCA';
import type { FeaturePipelineState } from '../model/FeaturePipeline';
import { clusterWeights, flagGap } from './clusterWeights';

/** A table this wide after encoding (numeric, flags, one-hot columns) is clustered on principal components. */
export const pcaMinFeatures = 30;
/** Share of the weighted features' variance the principal components keep. */
export const pcaVarianceShare = 0.9;

export interface ClusterSpaceState {
  kind: 'clusterSpace';
  /** Per model feature (featureNames order): the factor its scaled value is multiplied by (clusterWeights.ts). */
  weights: number[];
  /** The gap the rule places between a flag's two values (clusterWeights.ts `flagGap`). */
  flagGap: number;
  /** Principal components of the weighted features, for a table of pcaMinFeatures or more; else null. */
  pca: PCAState | null;
  /** The share of the weighted features' variance the kept components hold (null without PCA). */
  varianceKept: number | null;
}

/**
 * The matrix customers are clustered on, from the model's scaled features: each feature weighted by
 * the rule of clusterWeights.ts (so behaviour and value, not a flag, make the segments), then, for a
 * wide table, projected on the fewest principal components that keep pcaVarianceShare of the
 * variance (a 180-column table's distances are otherwise mostly noise). fit / transform / toJSON as
 * the other estimators; model.json keeps the state so scoring places a customer where the run did.
 */
export class ClusterSpace {
  state?: ClusterSpaceState;

  fit(X: DenseMatrix, pipeline: Pick<FeaturePipelineState, 'numeric' | 'boolean' | 'encoder'>): this {
    const weights = clusterWeights(X, pipeline);
    let pca: PCAState | null = null, varianceKept: number | null = null;
    if (X.cols >= pcaMinFeatures && X.rows > 1) {
      const full = new PCA(X.cols).fit(weigh(X, weights)).toJSON();
      let m = 0, kept = 0;
      while (m < full.nComponents && kept < pcaVarianceShare) kept += full.explainedVarianceRatio[m++]!;
      m = Math.min(full.nComponents, Math.max(2, m));
      pca = {
        ...full,
        nComponents: m,
        components: full.components.slice(0, m),
        explainedVariance: full.explainedVariance.slice(0, m),
        explainedVarianceRatio: full.explainedVarianceRatio.slice(0, m),
      };
      varianceKept = pca.explainedVarianceRatio.reduce((a, v) => a + v, 0);
    }
    this.state = { kind: 'clusterSpace', weights: Array.from(weights), flagGap, pca, varianceKept };
    return this;
  }

  transform(X: DenseMatrix): DenseMatrix {
    const s = this.require();
    if (s.weights.length !== X.cols) throw new RangeError(`the cluster space takes ${s.weights.length} features, the matrix has ${X.cols}`);
    const weighted = weigh(X, s.weights);
    return s.pca ? PCA.fromJSON(s.pca).transform(weighted) : weighted;
  }

  fitTransform(X: DenseMatrix, pipeline: Pick<FeaturePipelineState, 'numeric' | 'boolean' | 'encoder'>): DenseMatrix {
    return this.fit(X, pipeline).transform(X);
  }

  /** Names of the clustered columns: the features, or pc1, pc2… */
  columnNames(featureNames: string[]): string[] {
    const s = this.require();
    return s.pca ? Array.from({ length: s.pca.nComponents }, (_, c) => `pc${c + 1}`) : [...featureNames];
  }

  toJSON(): ClusterSpaceState {
    return this.require();
  }

  static fromJSON(state: ClusterSpaceState): ClusterSpace {
    const space = new ClusterSpace();
    space.state = state;
    return space;
  }

  private require(): ClusterSpaceState {
    if (!this.state) throw new Error('ClusterSpace is not fitted');
    return this.state;
  }
}

function weigh(X: DenseMatrix, weights: ArrayLike<number>): DenseMatrix {
  const n = X.rows, d = X.cols, out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = X.data[i * d + j]! * weights[j]!;
  return { data: out, rows: n, cols: d };
}
