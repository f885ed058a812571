import type { Table } from '../../ingest/Table';
import type { Schema } from '../../ingest/Schema';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput } from '../RunInput';
import { runPaths } from '../runPaths';
import { MatrixArtifact, decodeLabels, decodeMatrix, decodeTable, encodeLabels, encodeMatrix, encodeTable } from '../workArtifacts';

/** Feature matrix metadata: what each column means and how rows map back to customers. */
export interface FeatureMeta {
  featureNames: string[];
}

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
    return this.readMatrix<FeatureMeta>('features.bin');
  }

  async writeMatrix<M>(file: string, m: MatrixArtifact<M>): Promise<void> {
    const name = this.name(file);
    const etag = await this.store.write(this.container, name, encodeMatrix(m), 'application/octet-stream');
    if (etag) remember(matrixCache, `${name}@${etag}`, m, 4);
  }

  async readMatrix<M>(file: string): Promise<MatrixArtifact<M>> {
    const name = this.name(file);
    const info = await this.store.info(this.container, name);
    if (!info) throw new Error(`Work file ${file} of run ${this.run.runId} is missing.`);
    const key = `${name}@${info.etag}`;
    const cached = matrixCache.get(key);
    if (cached) return cached as MatrixArtifact<M>;
    const m = decodeMatrix<M>(await this.store.readBuffer(this.container, name));
    // Keep only the newest few: enough for the steps of a run landing on the same worker.
    remember(matrixCache, key, m, 4);
    return m;
  }

  async writeFloat64(file: string, values: Float64Array): Promise<void> {
    await this.writeMatrix(file, { rows: values.length, cols: 1, data: values, meta: null });
  }

  async readFloat64(file: string): Promise<Float64Array> {
    return (await this.readMatrix<null>(file)).data;
  }

  async writeLabels(labels: Int32Array): Promise<void> {
    await this.store.write(this.container, this.name('labels.bin'), encodeLabels(labels), 'application/octet-stream');
  }

  async readLabels(): Promise<Int32Array> {
    return decodeLabels(await this.store.readBuffer(this.container, this.name('labels.bin')));
  }

  async writeJson(file: string, value: unknown): Promise<void> {
    await this.store.writeJson(this.container, this.name(file), value);
  }

  async readJson<T>(file: string): Promise<T> {
    const value = await this.store.readJson<T>(this.container, this.name(file));
    if (value === undefined) throw new Error(`Work file ${file} of run ${this.run.runId} is missing.`);
    return value;
  }
}
