/*
 * Past 250 lines on purpose: one type and one reader/writer per work file, so every step finds what
 * it hands on and what it reads in one place (docs/ARCHITECTURE.md, "Work files").
 */
import type { UpliftWork } from '../../campaign/treatmentUplift';
import type { Schema } from '../../ingest/Schema';
import type { Table } from '../../ingest/Table';
import type { ClusterSpaceState } from '../../features/ClusterSpace';
import type { PCAState } from '../../ml/PCA';
import type { FeaturePipelineState } from '../../model/FeaturePipeline';
import type { ArtifactChurnModel } from '../../model/ModelArtifact';
import type { ChurnMetrics } from '../../model/trainChurnModel';
import type { SegmentProfile } from '../../segments/SegmentProfile';
import type { TableRecipe } from '../../recipe/TableRecipe';
import type { CustomerValueModel } from '../../value/CustomerValueModel';
import type { RunCustomerValue } from '../../value/runCustomerValue';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput } from '../RunInput';
import { runPaths } from '../runPaths';
import { MatrixArtifact, decodeLabels, decodeMatrix, decodeTable, encodeLabels, encodeMatrix, encodeTable } from '../workArtifacts';

/*
 * The work files of a run, under results/<dataset>/<runId>/_work/: what one activity hands the next
 * (claim-check). Only activities read them; every file a client or a later run reads is a result
 * file writeResults builds from them, so the folder can go once a run (and any large message
 * request, whose files are the last rows below) has completed.
 *
 * | file            | holds                                                          | written by       | read by |
 * |-----------------|----------------------------------------------------------------|------------------|---------|
 * | table.bin       | the customer table (workArtifacts.ts encoding)                 | parseDataset     | prepareFeatures, scoreChurn, profileSegments, writeResults |
 * | schema.json     | Schema: what each column is, the roles read                    | parseDataset     | with table.bin |
 * | recipe.json     | TableRecipe: how the table was built from the files            | parseDataset     | writeResults (model.json) |
 * | value.json      | CustomerValueModel: BG/NBD + Gamma-Gamma fit (transactions only) | parseDataset   | profileSegments, writeResults |
 * | value.bin       | n × 2: 12-month value, next purchase (epoch ms); NaN where none | parseDataset     | profileSegments, writeResults |
 * | features.bin    | the scaled feature matrix, FeatureMeta                         | prepareFeatures  | assignLabels (segment means), scoreChurn |
 * | cluster.bin     | the matrix segments are clustered on (weighted, PCA when wide) | prepareFeatures  | chooseK, initCenters, clusterCustomers, lloydPartition, assignLabels |
 * | clusterSpace.json | ClusterSpaceState: the weights and PCA that made cluster.bin | prepareFeatures  | assignLabels (clustering.json, then model.json) |
 * | unscaled.bin    | the same columns in original units, FeatureMeta                | prepareFeatures  | profileSegments |
 * | pipeline.json   | FeaturePipelineState (imputation, scaling, one-hot)            | prepareFeatures  | writeResults (model.json) |
 * | pca.json        | PcaWork: the 2-D PCA and the rows of the report's map          | prepareFeatures  | writeResults (report) |
 * | labels.bin      | each customer's cluster index (Int32)                          | assignLabels     | profileSegments, writeResults |
 * | clustering.json | ClusteringWork: final centres, k, sizes, silhouettes           | assignLabels     | profileSegments, writeResults |
 * | churn.json      | ChurnWork: the churn model, its metrics and summary            | scoreChurn       | profileSegments, writeResults |
 * | churn.bin       | each customer's probability or heuristic risk (not one-vs-rest) | scoreChurn      | profileSegments, writeResults |
 * | drivers.bin     | (feature index, contribution) of each customer's 3 strongest drivers | scoreChurn       | writeResults |
 * | classes.bin     | one-vs-rest: customers × classes probabilities, rows sum to 1  | scoreChurn       | writeResults |
 * | uplift.json     | UpliftWork: a treatment run's uplift model in figures, or why none | scoreChurn     | writeResults |
 * | uplift.bin      | customers × (1 + arms): best arm's uplift, then each arm's     | scoreChurn       | writeResults |
 * | profiles.json   | ProfilesWork: segment profiles, stable segment numbers         | profileSegments  | writeResults |
 * | messages/<requestId>/plan.json, batch-<b>.json | a large message request's chosen customers and each batch's messages | planMessageBatches, writeMessageBatch | writeMessageBatch, collectMessages |
 */

/** Feature matrix metadata: what each column means and how rows map back to customers. */
export interface FeatureMeta {
  featureNames: string[];
}

/** pca.json: the fitted PCA, and the rows (input order) the report's map shows with their 2-D points. */
export interface PcaWork {
  state: PCAState;
  rows: number[];
  points: [number, number][];
}

/** clustering.json: the final k-means fit. A cluster the silhouette could not measure is null. */
export interface ClusteringWork {
  /** k × features, row-major, in the scaled feature space: each segment's mean (matching, model.json centroids). */
  centers: number[];
  /** k × clustered columns, row-major: the centres customers are assigned to, in cluster.bin's space. */
  clusterCenters: number[];
  /** How cluster.bin was made from the features: scoring applies it before finding the nearest centre. */
  space: ClusterSpaceState;
  algorithm: 'lloyd' | 'minibatch';
  k: number;
  inertia: number;
  iterations: number;
  sizes: number[];
  silhouette: number;
  silhouetteByCluster: (number | null)[];
}

export interface ChurnSummary {
  kind: 'classifier' | 'heuristic' | 'none';
  model?: string;
  rocAuc?: number;
  prAuc?: number;
  labelled?: number;
  /** The target's positive value, and how many other classes it is set against (1 for a binary target). */
  positive?: string;
  otherClasses?: number;
  /** Plain-language warnings to show with the results (e.g. a held-out ROC AUC too good to be true). */
  warnings: string[];
  /** One model per class (manifest `"multiclass": "one-vs-rest"`): each class's model and its hold-out figures. */
  classes?: ClassSummary[];
}

export interface ClassSummary {
  class: string;
  /** Its `probability_<class>` column in the assignments. */
  column: string;
  model: string;
  rocAuc: number;
  prAuc: number;
  /** Share of the labelled rows in this class. */
  positiveShare: number;
}

/** churn.json: what scoreChurn leaves for the later steps. */
export interface ChurnWork {
  summary: ChurnSummary;
  model: ArtifactChurnModel | null;
  metrics?: ChurnMetrics;
  importance?: { feature: string; importance: number }[];
  /** Observed label per row (1, 0, or null when missing), when the data has a target. */
  labels?: (0 | 1 | null)[];
  heuristicDescription?: string;
  /** One-vs-rest: each row's observed class as an index into summary.classes (null when missing). */
  classLabels?: (number | null)[];
}

/** profiles.json: the segment profiles and the stable segment number of each cluster index. */
export interface ProfilesWork {
  segments: SegmentProfile[];
  segmentIds: number[];
  valueColumn?: string;
}

/** JSON work files by name, each with its one shape. */
interface JsonWorkFiles {
  'pipeline.json': FeaturePipelineState;
  'pca.json': PcaWork;
  'clusterSpace.json': ClusterSpaceState;
  'clustering.json': ClusteringWork;
  'churn.json': ChurnWork;
  'profiles.json': ProfilesWork;
  'recipe.json': TableRecipe;
  'value.json': CustomerValueModel;
  'uplift.json': UpliftWork;
}

/**
 * Matrix work files by name, with their metadata's shape. drivers.bin is n × 6: (feature index,
 * contribution) for each of a customer's three strongest drivers, NaN where a customer has fewer.
 */
interface MatrixWorkFiles {
  'features.bin': FeatureMeta;
  'cluster.bin': FeatureMeta;
  'unscaled.bin': FeatureMeta;
  'churn.bin': null;
  'value.bin': null;
  'drivers.bin': null;
  'classes.bin': null;
  'uplift.bin': null;
}

/** Matrix work files of one column: one number per customer. */
type VectorWorkFile = 'churn.bin';

/**
 * Decoded work files by blob name and ETag, so steps of one run landing on the same worker skip the
 * download and decode (a 100,000-row table is ~17 MB). Writers fill it with the ETag their upload
 * returned; readers check the ETag first, so a changed blob is never served from here.
 */
const matrixCache = new Map<string, MatrixArtifact<unknown>>();
const tableCache = new Map<string, Table>();

function remember<T>(cache: Map<string, T>, key: string, value: T, keep: number): void {
  cache.delete(key);
  cache.set(key, value);
  while (cache.size > keep) cache.delete(cache.keys().next().value!);
}

/** The claim-check files of one run: activities hand each other these names, never the data. */
export class WorkFiles {
  constructor(
    private readonly store: BlobStore,
    private readonly run: Pick<RunInput, 'dataset' | 'runId'>,
  ) {}

  private name(file: string): string {
    return runPaths.work(this.run.dataset, this.run.runId, file);
  }

  private get container(): string {
    return this.store.resultsContainer;
  }

  async writeTable(table: Table, schema: Schema): Promise<void> {
    const name = this.name('table.bin');
    const etag = await this.store.write(this.container, name, encodeTable(table), 'application/octet-stream');
    if (etag) remember(tableCache, `${name}@${etag}`, table, 2);
    await this.store.writeJson(this.container, this.name('schema.json'), schema);
  }

  async readTable(): Promise<{ table: Table; schema: Schema }> {
    const name = this.name('table.bin');
    const [info, schema] = await Promise.all([
      this.store.info(this.container, name),
      this.store.readJson<Schema>(this.container, this.name('schema.json')),
    ]);
    if (!info || !schema) throw new Error(`Work file table.bin of run ${this.run.runId} is missing.`);
    const key = `${name}@${info.etag}`;
    let table = tableCache.get(key);
    if (!table) {
      table = decodeTable(await this.store.readBuffer(this.container, name));
      remember(tableCache, key, table, 2);
    }
    return { table, schema };
  }

  async writeFeatures(m: MatrixArtifact<FeatureMeta>): Promise<void> {
    await this.writeMatrix('features.bin', m);
  }

  /** The scaled feature matrix; cached per process, since every k and every partition reads it. */
  async readFeatures(): Promise<MatrixArtifact<FeatureMeta>> {
    return this.readMatrix('features.bin');
  }

  /** The matrix segments are clustered on; cached like the features, since every k and every partition reads it. */
  async readClusterMatrix(): Promise<MatrixArtifact<FeatureMeta>> {
    return this.readMatrix('cluster.bin');
  }

  async writeMatrix<F extends keyof MatrixWorkFiles>(file: F, m: MatrixArtifact<MatrixWorkFiles[F]>): Promise<void> {
    const name = this.name(file);
    const etag = await this.store.write(this.container, name, encodeMatrix(m), 'application/octet-stream');
    if (etag) remember(matrixCache, `${name}@${etag}`, m, 4);
  }

  async readMatrix<F extends keyof MatrixWorkFiles>(file: F): Promise<MatrixArtifact<MatrixWorkFiles[F]>> {
    const name = this.name(file);
    const info = await this.store.info(this.container, name);
    if (!info) throw new Error(`Work file ${file} of run ${this.run.runId} is missing.`);
    const key = `${name}@${info.etag}`;
    const cached = matrixCache.get(key);
    // The cache key holds the file's name, so a hit has that file's shape.
    if (cached) return cached as MatrixArtifact<MatrixWorkFiles[F]>;
    const m = decodeMatrix<MatrixWorkFiles[F]>(await this.store.readBuffer(this.container, name));
    // Keep only the newest few: enough for the steps of a run landing on the same worker.
    remember(matrixCache, key, m, 4);
    return m;
  }

  async writeFloat64(file: VectorWorkFile, values: Float64Array): Promise<void> {
    await this.writeMatrix(file, { rows: values.length, cols: 1, data: values, meta: null });
  }

  async readFloat64(file: VectorWorkFile): Promise<Float64Array> {
    return (await this.readMatrix(file)).data;
  }

  async writeLabels(labels: Int32Array): Promise<void> {
    await this.store.write(this.container, this.name('labels.bin'), encodeLabels(labels), 'application/octet-stream');
  }

  async readLabels(): Promise<Int32Array> {
    return decodeLabels(await this.store.readBuffer(this.container, this.name('labels.bin')));
  }

  async writeCustomerValue({ model, columns }: RunCustomerValue): Promise<void> {
    const n = columns.value.length;
    const data = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      data[2 * i] = columns.value[i]!;
      data[2 * i + 1] = columns.nextPurchase[i]!;
    }
    await Promise.all([this.writeJson('value.json', model), this.writeMatrix('value.bin', { rows: n, cols: 2, data, meta: null })]);
  }

  /** The run's customer value, when parseDataset computed one (data with transactions). */
  async readCustomerValue(): Promise<RunCustomerValue | undefined> {
    const model = await this.readOptionalJson('value.json');
    if (!model) return undefined;
    const { rows, data } = await this.readMatrix('value.bin');
    const value = new Float64Array(rows);
    const nextPurchase = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      value[i] = data[2 * i]!;
      nextPurchase[i] = data[2 * i + 1]!;
    }
    return { model, columns: { value, nextPurchase } };
  }

  async writeJson<F extends keyof JsonWorkFiles>(file: F, value: JsonWorkFiles[F]): Promise<void> {
    await this.store.writeJson(this.container, this.name(file), value);
  }

  /** A JSON work file that older runs may not have written. */
  async readOptionalJson<F extends keyof JsonWorkFiles>(file: F): Promise<JsonWorkFiles[F] | undefined> {
    return this.store.readJson<JsonWorkFiles[F]>(this.container, this.name(file));
  }

  async readJson<F extends keyof JsonWorkFiles>(file: F): Promise<JsonWorkFiles[F]> {
    const value = await this.store.readJson<JsonWorkFiles[F]>(this.container, this.name(file));
    if (value === undefined) throw new Error(`Work file ${file} of run ${this.run.runId} is missing.`);
    return value;
  }
}
