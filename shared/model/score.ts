import { ClusterSpace } from '../features/ClusterSpace';
import { nearestCenters } from '../ml/fitKMeans';
import { heuristicChurnRisk } from '../segments/heuristicChurnRisk';
import { churnContributions, predictChurn, topDrivers, type Driver } from './churnModel';
import { pipelineFromArtifact, type ModelArtifact } from './ModelArtifact';
import { predictOneVsRest, type OneVsRestPrediction } from './predictOneVsRest';
import { toNumber, type TableInput } from './FeaturePipeline';

export interface CustomerScore {
  segment: number;
  segmentName: string;
  /** From the churn classifier, or the heuristic risk when the run had no label; null without either. */
  churnProbability: number | null;
  /** Strongest log-odds contributions, largest first (empty for the heuristic). */
  drivers: Driver[];
  /** One model per class: each class's probability (summing to 1) and the most probable class. */
  classProbabilities?: Record<string, number>;
  predictedClass?: string;
}

/** Scores customers (rows as uploaded) with a model artifact: segment, churn probability, drivers. */
export function score(model: ModelArtifact, rows: TableInput, options: { drivers?: number } = {}): CustomerScore[] {
  const pipeline = pipelineFromArtifact(model);
  const { X, featureNames } = pipeline.transform(rows);
  // The run assigned customers in its cluster space (weighted features, PCA when wide): so does scoring.
  const labels = model.clustering
    ? nearestCenters(ClusterSpace.fromJSON(model.clustering.space).transform(X), Float64Array.from(model.clustering.centers.flat()))
    : nearestCenters(X, Float64Array.from(model.centroids.flatMap((c) => c.center)));
  const n = X.rows;
  let probabilities: Float64Array | undefined;
  let contributions: Float64Array | undefined;
  let classes: OneVsRestPrediction | undefined;
  const cm = model.churnModel;
  if (cm?.type === 'oneVsRest') {
    // As the run did: no single probability; drivers from the model of each customer's likeliest class.
    classes = predictOneVsRest(cm.classes.map((c) => c.state), X);
    const perClass = cm.classes.map((c) => churnContributions(c.state, X).values);
    const d = featureNames.length;
    contributions = new Float64Array(n * d);
    for (let i = 0; i < n; i++) contributions.set(perClass[classes.predicted[i]!]!.subarray(i * d, (i + 1) * d), i * d);
  } else if (cm?.type === 'classifier') {
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
      ...(classes && cm?.type === 'oneVsRest'
        ? {
            classProbabilities: Object.fromEntries(cm.classes.map((c, t) => [c.class, classes.probabilities[i * cm.classes.length + t]!])),
            predictedClass: cm.classes[classes.predicted[i]!]!.class,
          }
        : {}),
    });
  }
  return out;
}
