import type { ManifestFile } from '../ingest/manifestSchema';
import type { ModelArtifact } from '../model/ModelArtifact';
import { runPaths } from '../pipeline/runPaths';
import { readRunManifest } from '../results/readRunManifest';
import { BlobStore } from '../storage/BlobStore';
import { latestRunId } from './datasetQueries';

/** One model input: a column of the customer table the model reads, with what it accepts. */
export interface ModelFeature {
  name: string;
  type: 'numeric' | 'boolean' | 'categorical';
  /** Categorical only: the categories the model learnt, most frequent first. */
  categories?: string[];
  /** Categorical only: whether values outside `categories` share an "other" column (else they count as none of them). */
  otherCategory?: boolean;
}

/** A file the model expects, in join order: the first one's rows are the customers. */
export type ExpectedFile = Partial<ManifestFile> & {
  name: string;
  role: ManifestFile['role'];
  /** The customer key in this file; null when customers are numbered by row. */
  key?: string | null;
  /** The columns the run read from it, and as what (model's recipe). */
  columns?: { name: string; kind: 'number' | 'date' | 'string' }[];
  /** A long table: the periods the run saw, each of which becomes columns. */
  periods?: string[];
};

/** GET /api/datasets/{dataset}/model (docs/CONTRACTS.md): what an integrator sends, and what comes back. */
export interface ModelDescription {
  dataset: string;
  runId: string;
  modelVersion: number;
  createdAt: string;
  /** The id column as uploaded; null when customers were numbered (`row_id`). */
  idColumn: string | null;
  /**
   * What POST /api/score and a scoring drop take: `customers` (one table, `customers` in the request)
   * or `files` (a manifest's files, by name, `files` in the request).
   */
  input: 'customers' | 'files';
  /**
   * The files the model was trained on, with their columns when the model carries its recipe (else as
   * the run's manifest.json named them; absent for a single-table model without one).
   */
  files?: ExpectedFile[];
  /** The customer table's columns the model reads, with their types and allowed categories. */
  features: ModelFeature[];
  goal: string | null;
  valueColumn: string | null;
  /** "Days ago" features of new customers count back from this date. */
  referenceDate: string | null;
  segments: { segment: number; name: string }[];
  churnModel: { type: 'classifier' | 'heuristic' } | { type: 'oneVsRest'; target: string; classes: string[] } | null;
  metrics: Record<string, unknown>;
}

export class ModelNotFoundError extends Error {
  constructor(
    readonly code: 'dataset_not_found' | 'model_not_found',
    message: string,
  ) {
    super(message);
  }
}

/** The dataset's current model (the one latest.json points to), described from model.json and the run's manifest. */
export async function describeModel(store: BlobStore, dataset: string): Promise<ModelDescription> {
  const runId = await latestRunId(store, dataset);
  if (!runId) {
    throw new ModelNotFoundError(
      'dataset_not_found',
      `Dataset ${dataset} has no trained model: no run of it has completed. Upload its training data to ${store.uploadsContainer}/${dataset}/ first.`,
    );
  }
  const model = await store.readJson<ModelArtifact>(store.resultsContainer, runPaths.file(dataset, runId, 'model.json'));
  if (!model) throw new ModelNotFoundError('model_not_found', `Run ${runId} of ${dataset} has no model.json.`);
  const manifest = await readRunManifest(store, dataset, runId);
  return modelDescription(dataset, model, manifest?.files);
}

/**
 * The description of a model artifact; `manifestFiles` are the run's manifest entries when it had
 * any. The model's recipe, when it has one, says best what each file must hold.
 */
export function modelDescription(dataset: string, model: ModelArtifact, manifestFiles?: ManifestFile[]): ModelDescription {
  const encoded = new Map(model.encoders.columns.map((c) => [c.name, c]));
  const features: ModelFeature[] = [
    ...model.schema.numeric.map((name): ModelFeature => ({ name, type: 'numeric' })),
    ...model.schema.boolean.map((name): ModelFeature => ({ name, type: 'boolean' })),
    ...model.schema.categorical.map((name): ModelFeature => {
      const column = encoded.get(name);
      return { name, type: 'categorical', categories: column?.categories ?? [], otherCategory: column?.other ?? false };
    }),
  ];
  const cm = model.churnModel;
  const entries = new Map((manifestFiles ?? []).map((f) => [f.name, f]));
  const files: ExpectedFile[] | undefined = model.recipe
    ? model.recipe.files.map((f) => ({
        ...entries.get(f.name),
        name: f.name,
        role: f.role,
        key: f.key === '' ? null : f.key,
        columns: f.columns,
        ...(f.pivot ? { periods: f.pivot.periods } : {}),
      }))
    : manifestFiles;
  const byManifest = (manifestFiles?.length ?? 0) > 0 || (model.recipe?.files.length ?? 0) > 1;
  return {
    dataset,
    runId: model.runId,
    modelVersion: model.version,
    createdAt: model.createdAt,
    idColumn: model.schema.idColumn ?? model.recipe?.idColumn ?? null,
    input: byManifest ? 'files' : 'customers',
    ...(files && files.length > 0 ? { files } : {}),
    features,
    goal: model.roles?.goal ?? null,
    valueColumn: model.roles?.valueColumn ?? null,
    referenceDate: model.roles?.referenceDate ?? null,
    segments: model.centroids.map((c) => ({ segment: c.segment, name: c.name })),
    churnModel: !cm ? null : cm.type === 'oneVsRest' ? { type: 'oneVsRest', target: cm.target, classes: cm.classes.map((c) => c.class) } : { type: cm.type },
    metrics: model.metrics,
  };
}
