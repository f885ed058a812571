import type { OneHotEncoderState } from '../ml/OneHotEncoder';
import type { SimpleImputerState } from '../ml/SimpleImputer';
import type { StandardScalerState } from '../ml/StandardScaler';
import type { MinMaxScalerState } from '../ml/MinMaxScaler';
import type { RobustScalerState } from '../ml/RobustScaler';
import type { PCAState } from '../ml/PCA';
import type { HeuristicChurnState } from '../segments/heuristicChurnRisk';
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
  /** One per segment, in the model's (scaled) feature space, with the segment's suggested action. */
  centroids: { segment: number; name: string; action?: string; center: number[] }[];
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
}

export interface BuildModelInput {
  runId: string;
  roles?: ModelArtifact['roles'];
  pipeline: FeaturePipeline;
  idColumn?: string;
  pca?: PCAState | null;
  /** k × d cluster centres (row-major) with each cluster's stable segment number and name. */
  centers: Float64Array;
  segments: { segment: number; name: string; action?: string }[];
  churnModel?: ArtifactChurnModel | null;
  recipe?: TableRecipe;
  population?: ModelArtifact['population'];
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
      center: Array.from(input.centers.subarray(c * d, (c + 1) * d)),
    })),
    churnModel: input.churnModel ?? null,
    metrics: input.metrics ?? {},
    createdAt: input.createdAt ?? new Date().toISOString(),
    ...(input.roles ? { roles: input.roles } : {}),
    ...(input.recipe ? { recipe: input.recipe } : {}),
    ...(input.population ? { population: input.population } : {}),
  };
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
