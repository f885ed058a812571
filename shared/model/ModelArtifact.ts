import type { CustomerValueModel } from '../value/CustomerValueModel';
import type { OneHotEncoderState } from '../ml/OneHotEncoder';
import type { SimpleImputerState } from '../ml/SimpleImputer';
import type { StandardScalerState } from '../ml/StandardScaler';
import type { MinMaxScalerState } from '../ml/MinMaxScaler';
import type { RobustScalerState } from '../ml/RobustScaler';
import type { PCAState } from '../ml/PCA';
import type { ClusterSpaceState } from '../features/ClusterSpace';
import type { HeuristicChurnState } from '../segments/heuristicChurnRisk';
import type { SegmentActions } from '../segments/customerAction';
import { FeaturePipeline, type FeaturePipelineState } from './FeaturePipeline';
import type { ChurnModelState } from './churnModel';
import type { TableRecipe } from '../recipe/TableRecipe';
import type { PriorityScale, RfmScale } from './populationRanks';

/** Which raw columns feed the label-free churn heuristic. */
export interface HeuristicColumns {
  recency?: string;
  recentActivity?: string;
  earlierActivity?: string;
  engagement?: string;
}

/**
 * One binary model per class of a multi-class target (manifest `"multiclass": "one-vs-rest"`), in
 * the order of the assignments' `probability_<class>` columns; `column` is each class's column there.
 */
export interface OneVsRestChurnModel {
  type: 'oneVsRest';
  target: string;
  classes: { class: string; column: string; state: ChurnModelState }[];
}

export type ArtifactChurnModel =
  | { type: 'classifier'; state: ChurnModelState }
  | { type: 'heuristic'; state: HeuristicChurnState; columns: HeuristicColumns }
  | OneVsRestChurnModel;

/**
 * How customers were placed in segments: the space they were clustered in (features weighted, PCA for
 * a wide table: features/ClusterSpace.ts), the algorithm, and the centres a customer is assigned to.
 */
export interface ModelClustering {
  algorithm: 'lloyd' | 'minibatch';
  space: ClusterSpaceState;
  /** One per entry of `centroids`, in the same order, in the cluster space. */
  centers: number[][];
}

/** model.json (docs/CONTRACTS.md): everything needed to score a new customer. */
export interface ModelArtifact {
  version: 1;
  runId: string;
  schema: {
    idColumn?: string;
    numeric: string[];
    boolean: string[];
    categorical: string[];
    /** Model features in order (numeric, boolean, one-hot). */
    featureNames: string[];
  };
  encoders: OneHotEncoderState;
  scaler: { imputer: SimpleImputerState; scaler: StandardScalerState | MinMaxScalerState | RobustScalerState | null };
  pca: PCAState | null;
  /** One per segment: its mean in the model's (scaled) feature space, with the segment's suggested action. */
  centroids: { segment: number; name: string; action?: string; actionsByDriver?: SegmentActions['actionsByDriver']; center: number[] }[];
  /** Where present, customers go to the nearest of these centres; models written before it, to the nearest centroid. */
  clustering?: ModelClustering;
  churnModel: ArtifactChurnModel | null;
  metrics: Record<string, unknown>;
  createdAt: string;
  /** How the run read its data (quality.json roles): goal, value column, consent, dates. */
  roles?: {
    goal: 'churn' | 'conversion' | 'neutral';
    valueColumn: string | null;
    /** "Days ago" features count back from this date (ISO); new customers must use the same. */
    referenceDate?: string;
    dates: { column: string; format: string }[];
  };
  /**
   * How the customer table was built from the uploaded files (recipe/TableRecipe.ts, versioned on its
   * own): scoring replays it on raw files. Absent in models written before it existed, which score
   * rows of the finished table's columns only.
   */
  recipe?: TableRecipe;
  /** The run's population, to give a new customer the priority and RFM segment the run would have. */
  population?: { priority: PriorityScale; rfm?: RfmScale };
  /** Data with transactions: the BG/NBD + Gamma-Gamma fit behind customer_value_12m and priority's value. */
  customerValue?: CustomerValueModel;
}

export interface BuildModelInput {
  runId: string;
  roles?: ModelArtifact['roles'];
  pipeline: FeaturePipeline;
  idColumn?: string;
  pca?: PCAState | null;
  /** k × d cluster centres (row-major) with each cluster's stable segment number and name. */
  centers: Float64Array;
  segments: { segment: number; name: string; action?: string; actionsByDriver?: SegmentActions['actionsByDriver'] }[];
  /** k × clustered columns (row-major) in the cluster space, with the space and the algorithm. */
  clustering?: { algorithm: ModelClustering['algorithm']; space: ClusterSpaceState; centers: Float64Array };
  churnModel?: ArtifactChurnModel | null;
  recipe?: TableRecipe;
  population?: ModelArtifact['population'];
  customerValue?: CustomerValueModel;
  metrics?: Record<string, unknown>;
  createdAt?: string;
}

export function buildModelArtifact(input: BuildModelInput): ModelArtifact {
  const p = input.pipeline.toJSON();
  const d = p.featureNames.length;
  if (input.centers.length !== input.segments.length * d) {
    throw new RangeError(`centers hold ${input.centers.length} values, expected ${input.segments.length} segments × ${d} features`);
  }
  return {
    version: 1,
    runId: input.runId,
    schema: { ...(input.idColumn ? { idColumn: input.idColumn } : {}), numeric: p.numeric, boolean: p.boolean, categorical: p.categorical, featureNames: p.featureNames },
    encoders: p.encoder,
    scaler: { imputer: p.imputer, scaler: p.scaler },
    pca: input.pca ?? null,
    centroids: input.segments.map((s, c) => ({
      segment: s.segment,
      name: s.name,
      ...(s.action !== undefined ? { action: s.action } : {}),
      ...(s.actionsByDriver ? { actionsByDriver: s.actionsByDriver } : {}),
      center: Array.from(input.centers.subarray(c * d, (c + 1) * d)),
    })),
    ...(input.clustering ? { clustering: modelClustering(input.clustering, input.segments.length) } : {}),
    churnModel: input.churnModel ?? null,
    metrics: input.metrics ?? {},
    createdAt: input.createdAt ?? new Date().toISOString(),
    ...(input.roles ? { roles: input.roles } : {}),
    ...(input.recipe ? { recipe: input.recipe } : {}),
    ...(input.population ? { population: input.population } : {}),
    ...(input.customerValue ? { customerValue: input.customerValue } : {}),
  };
}

function modelClustering(c: NonNullable<BuildModelInput['clustering']>, k: number): ModelClustering {
  const m = c.space.pca ? c.space.pca.nComponents : c.space.weights.length;
  if (c.centers.length !== k * m) throw new RangeError(`cluster centres hold ${c.centers.length} values, expected ${k} segments × ${m} columns`);
  return { algorithm: c.algorithm, space: c.space, centers: Array.from({ length: k }, (_, s) => Array.from(c.centers.subarray(s * m, (s + 1) * m))) };
}

/** The fitted feature pipeline held in a model artifact. */
export function pipelineFromArtifact(model: ModelArtifact): FeaturePipeline {
  if (model.version !== 1) throw new Error(`model.json version ${String(model.version)} is not supported (expected 1)`);
  const state: FeaturePipelineState = {
    version: 1,
    numeric: model.schema.numeric,
    boolean: model.schema.boolean,
    categorical: model.schema.categorical,
    imputer: model.scaler.imputer,
    scaler: model.scaler.scaler,
    encoder: model.encoders,
    featureNames: model.schema.featureNames,
  };
  return FeaturePipeline.fromJSON(state);
}
