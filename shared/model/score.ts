import { nearestCenters } from '../ml/fitKMeans';
import { heuristicChurnRisk } from '../segments/heuristicChurnRisk';
import { churnContributions, predictChurn, topDrivers, type Driver } from './churnModel';
import { pipelineFromArtifact, type ModelArtifact } from './ModelArtifact';
import { toNumber, type TableInput } from './FeaturePipeline';

export interface CustomerScore {
  segment: number;
  segmentName: string;
  /** From the churn classifier, or the heuristic risk when the run had no label; null without either. */
  churnProbability: number | null;
  /** Strongest log-odds contributions, largest first (empty for the heuristic). */
  drivers: Driver[];
}

/** Scores customers (rows as uploaded) with a model artifact: segment, churn probability, drivers. */
export function score(model: ModelArtifact, rows: TableInput, options: { drivers?: number } = {}): CustomerScore[] {
  const pipeline = pipelineFromArtifact(model);
  const { X, featureNames } = pipeline.transform(rows);
  const centers = Float64Array.from(model.centroids.flatMap((c) => c.center));
  const labels = nearestCenters(X, centers);
  const n = X.rows;
  let probabilities: Float64Array | undefined;
  let contributions: Float64Array | undefined;
  const cm = model.churnModel;
  if (cm?.type === 'classifier') {
    probabilities = predictChurn(cm.state, X);
    contributions = churnContributions(cm.state, X).values;
  } else if (cm?.type === 'heuristic') {
    const column = (name?: string): Float64Array | undefined => {
      if (!name) return undefined;
      const values = Array.isArray(rows) ? (rows as Record<string, unknown>[]).map((r) => r[name]) : (rows as Record<string, ArrayLike<unknown>>)[name];
      return values ? Float64Array.from(Array.from(values as ArrayLike<unknown>), toNumber) : undefined;
    };
    probabilities = heuristicChurnRisk(cm.state, {
      recency: column(cm.columns.recency), recentActivity: column(cm.columns.recentActivity),
      earlierActivity: column(cm.columns.earlierActivity), engagement: column(cm.columns.engagement),
    }, n);
  }
  const out: CustomerScore[] = [];
  for (let i = 0; i < n; i++) {
    const seg = model.centroids[labels[i]];
    out.push({
      segment: seg.segment,
      segmentName: seg.name,
      churnProbability: probabilities ? probabilities[i] : null,
      drivers: contributions ? topDrivers(contributions, i, featureNames, options.drivers ?? 3) : [],
    });
  }
  return out;
}
