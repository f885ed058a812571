import type { Goal } from '../ingest/Schema';
import { evaluateK, type KEvaluation } from '../ml/evaluateK';
import { chooseClusterCount, type KChoice } from '../ml/chooseClusterCount';
import { PCA, type PCAState } from '../ml/PCA';
import { profileSegments, type SegmentProfile } from '../segments/profileSegments';
import { matchSegments } from '../segments/matchSegments';
import { rfmScores, findRfmColumns, type RfmScore } from '../segments/rfmScores';
import { fitHeuristicChurnRisk, heuristicChurnRisk } from '../segments/heuristicChurnRisk';
import { FeaturePipeline, toBooleanNumber, toNumber, type FeatureDescription, type TableInput } from './FeaturePipeline';
import { trainChurnModel, type ChurnMetrics } from './trainChurnModel';
import { churnContributions, predictChurn, topDrivers, type Driver } from './churnModel';
import { buildModelArtifact, type ArtifactChurnModel, type HeuristicColumns, type ModelArtifact } from './ModelArtifact';

export interface SegmentationOptions {
  runId: string;
  description: FeatureDescription;
  idColumn?: string;
  /** Churn label column and its positive value (default: truthy values, else the rarer value). */
  target?: { column: string; positive?: string };
  /** Revenue / profit column for segment value and priority. */
  valueColumn?: string;
  /** What the target's positive value means, for segment names and actions (churn by default). */
  goal?: Goal;
  /** Fixed k, or the range to choose from (default 2..8). */
  k?: number;
  kRange?: [number, number];
  seed?: number;
  nInit?: number;
  /** Previous run's segments, so segment numbers stay stable (model.json centroids). */
  previous?: { segment: number; centroid: number[] }[];
  /** RFM columns; found by name when absent. */
  rfm?: { recency: string; frequency: string; monetary: string } | false;
  /** Signals for the label-free churn heuristic. */
  heuristic?: HeuristicColumns;
  createdAt?: string;
}

export interface SegmentationResult {
  k: number;
  choice: KChoice;
  evaluations: KEvaluation[];
  /** Stable segment number per customer, in input order. */
  segment: Int32Array;
  segments: SegmentProfile[];
  /** segments.json (docs/CONTRACTS.md). */
  segmentsJson: { runId: string; k: number; silhouette: number; segments: SegmentProfile[] };
  churnProbability: Float64Array | null;
  drivers: Driver[][];
  churnMetrics?: ChurnMetrics;
  rfm?: RfmScore[];
  pca: PCAState;
  /** n × 2 PCA projection, row-major, for the report's map. */
  projection: Float64Array;
  model: ModelArtifact;
}

/**
 * The whole engine in one process: features, k chosen from a range (elbow + silhouette), k-means,
 * churn model (or heuristic), drivers, RFM, profiles with stable numbers, PCA map and model.json.
 * The Durable pipeline runs the same pieces as separate activities; this is the in-process path.
 */
export function buildSegmentation(rows: TableInput, options: SegmentationOptions): SegmentationResult {
  const seed = options.seed ?? 0;
  const pipeline = new FeaturePipeline(options.description);
  const { X, unscaled, featureNames } = pipeline.fitTransform(rows);
  const n = X.rows;
  const [lo, hi] = options.k ? [options.k, options.k] : options.kRange ?? [2, 8];
  const ks: number[] = [];
  for (let k = Math.max(1, lo); k <= Math.min(hi, n); k++) ks.push(k);
  const fits = ks.map((k) => evaluateK(X, k, { seed, nInit: options.nInit ?? 3 }));
  const evaluations = fits.map(({ result: _omit, ...e }) => e);
  const choice = options.k ? { k: options.k, reason: `k=${options.k} was requested`, bestSilhouetteK: options.k } : chooseClusterCount(evaluations);
  const chosen = fits[ks.indexOf(choice.k)];
  const d = X.cols, k = choice.k;
  const centroidRows = Array.from({ length: k }, (_, c) => Array.from(chosen.result.centers.subarray(c * d, (c + 1) * d)));
  const ids = matchSegments(options.previous ?? [], centroidRows);
  const segment = Int32Array.from(chosen.result.labels, (l) => ids[l]);

  const column = (name: string): unknown[] => (Array.isArray(rows) ? (rows as Record<string, unknown>[]).map((r) => r[name]) : Array.from((rows as Record<string, ArrayLike<unknown>>)[name] ?? []));
  let churnProbability: Float64Array | null = null;
  let drivers: Driver[][] = Array.from({ length: n }, () => []);
  let churnModel: ArtifactChurnModel | null = null;
  let churnMetrics: ChurnMetrics | undefined;
  let label: number[] | undefined;
  if (options.target) {
    label = toLabels(column(options.target.column), options.target.positive);
    const trained = trainChurnModel(X, label, { seed });
    churnMetrics = trained.metrics;
    churnModel = { type: 'classifier', state: trained.model };
    churnProbability = predictChurn(trained.model, X);
    const contributions = churnContributions(trained.model, X).values;
    drivers = Array.from({ length: n }, (_, i) => topDrivers(contributions, i, featureNames, 3));
  } else if (options.heuristic && Object.values(options.heuristic).some(Boolean)) {
    const h = options.heuristic;
    const num = (name?: string): Float64Array | undefined => (name ? Float64Array.from(column(name), toNumber) : undefined);
    const signals = { recency: num(h.recency), recentActivity: num(h.recentActivity), earlierActivity: num(h.earlierActivity), engagement: num(h.engagement) };
    const state = fitHeuristicChurnRisk(signals);
    churnModel = { type: 'heuristic', state, columns: h };
    churnProbability = heuristicChurnRisk(state, signals, n);
  }

  const rfmColumns = options.rfm === false ? undefined : options.rfm ?? findRfmColumns(options.description.numeric ?? []);
  const rfm = rfmColumns
    ? rfmScores(Float64Array.from(column(rfmColumns.recency), toNumber), Float64Array.from(column(rfmColumns.frequency), toNumber), Float64Array.from(column(rfmColumns.monetary), toNumber))
    : undefined;
  const value = options.valueColumn ? Float64Array.from(column(options.valueColumn), toNumber) : undefined;
  const profiles = profileSegments({
    labels: chosen.result.labels, k, unscaled, featureNames,
    risk: churnProbability ?? undefined, churnLabel: label, value,
    // Without a target the only risk is the heuristic churn risk, whatever the goal says.
    outcome: options.target ? { goal: options.goal ?? 'churn', target: options.target.column, positive: options.target.positive } : { goal: 'churn' },
    silhouetteByCluster: chosen.silhouetteByCluster, segmentIds: ids,
  }).sort((a, b) => a.segment - b.segment);
  const pca = new PCA(2).fit(X);
  const model = buildModelArtifact({
    runId: options.runId, pipeline, idColumn: options.idColumn, pca: pca.toJSON(), centers: chosen.result.centers,
    segments: ids.map((id) => ({ segment: id, name: profiles.find((p) => p.segment === id)!.name })),
    churnModel, metrics: { k, choice, silhouette: chosen.silhouette, inertia: chosen.inertia, ...(churnMetrics ? { churn: churnMetrics } : {}) },
    createdAt: options.createdAt,
  });
  return {
    k, choice, evaluations, segment, segments: profiles,
    segmentsJson: { runId: options.runId, k, silhouette: chosen.silhouette, segments: profiles },
    churnProbability, drivers, churnMetrics, rfm, pca: pca.toJSON(), projection: pca.transform(X).data, model,
  };
}

/** 0/1 labels: the given positive value, else truthy values (yes/true/1/да), else the rarer value. */
export function toLabels(values: unknown[], positive?: string): number[] {
  if (positive !== undefined) return values.map((v) => (String(v).trim() === positive ? 1 : 0));
  const asBool = values.map(toBooleanNumber);
  if (asBool.every((v) => !Number.isNaN(v))) return asBool;
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v).trim(), (counts.get(String(v).trim()) ?? 0) + 1);
  const rarer = [...counts.entries()].sort((a, b) => a[1] - b[1])[0]?.[0];
  return values.map((v) => (String(v).trim() === rarer ? 1 : 0));
}
