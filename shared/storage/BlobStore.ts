import { Readable } from 'node:stream';
import { BlobServiceClient, ContainerClient, RestError } from '@azure/storage-blob';

export interface BlobInfo {
  name: string;
  etag: string;
  size: number;
  lastModified: Date;
  /** The blob's metadata (names lower-cased by storage); listings include it. */
  metadata?: Record<string, string>;
}

/**
 * The only place that reads and writes blobs. Everything else works with streams, buffers and
 * typed objects. Names are always relative to a container and already validated by the caller.
 */
export class BlobStore {
  constructor(
    private readonly service: BlobServiceClient,
    readonly uploadsContainer: string,
    readonly resultsContainer: string,
  ) {}

  container(name: string): ContainerClient {
    return this.service.getContainerClient(name);
  }

  async ensureContainers(): Promise<void> {
    await this.container(this.uploadsContainer).createIfNotExists();
    await this.container(this.resultsContainer).createIfNotExists();
  }

  async info(container: string, name: string): Promise<BlobInfo | undefined> {
    try {
      const p = await this.container(container).getBlobClient(name).getProperties();
      return { name, etag: p.etag ?? '', size: p.contentLength ?? 0, lastModified: p.lastModified ?? new Date(0), metadata: p.metadata ?? {} };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async *list(container: string, prefix: string): AsyncGenerator<BlobInfo> {
    for await (const item of this.container(container).listBlobsFlat({ prefix, includeMetadata: true })) {
      yield {
        name: item.name,
        etag: item.properties.etag ?? '',
        size: item.properties.contentLength ?? 0,
        lastModified: item.properties.lastModified ?? new Date(0),
        metadata: item.metadata ?? {},
      };
    }
  }

  /** A download stream; with `etag`, fails if the blob has changed since it was seen. */
  async openRead(container: string, name: string, etag?: string): Promise<Readable> {
    const res = await this.container(container)
      .getBlobClient(name)
      .download(0, undefined, { conditions: etag ? { ifMatch: etag } : undefined, maxRetryRequests: 5 });
    return res.readableStreamBody as Readable;
  }

  /** Reads a byte range (Parquet readers need random access). */
  async readRange(container: string, name: string, offset: number, count: number): Promise<Buffer> {
    return this.container(container).getBlobClient(name).downloadToBuffer(offset, count);
  }

  async readBuffer(container: string, name: string): Promise<Buffer> {
    return this.container(container).getBlobClient(name).downloadToBuffer();
  }

  async readJson<T>(container: string, name: string): Promise<T | undefined> {
    try {
      return JSON.parse((await this.readBuffer(container, name)).toString('utf8')) as T;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Uploads the blob whole; returns its new ETag. */
  async write(container: string, name: string, body: Buffer | string, contentType: string): Promise<string> {
    const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const res = await this.container(container)
      .getBlockBlobClient(name)
      .uploadData(data, { blobHTTPHeaders: { blobContentType: contentType }, blockSize: 8 * 1024 * 1024 });
    return res.etag ?? '';
  }

  /** Uploads a stream; `metadata` replaces the blob's (an upload without it leaves none). */
  async writeStream(container: string, name: string, body: Readable, contentType: string, metadata?: Record<string, string>): Promise<void> {
    await this.container(container)
      .getBlockBlobClient(name)
      .uploadStream(body, 4 * 1024 * 1024, 4, { blobHTTPHeaders: { blobContentType: contentType }, ...(metadata ? { metadata } : {}) });
  }

  /** A JSON blob and the ETag it was read at, for a write that must not overwrite a newer one. */
  async readJsonVersion<T>(container: string, name: string): Promise<{ value: T; etag: string } | undefined> {
    try {
      const res = await this.container(container).getBlobClient(name).download(0, undefined, { maxRetryRequests: 5 });
      const chunks: Buffer[] = [];
      for await (const chunk of res.readableStreamBody as Readable) chunks.push(chunk as Buffer);
      return { value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T, etag: res.etag ?? '' };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /**
   * Writes JSON only if the blob is still at `etag` (undefined: only if it does not exist yet);
   * false when another writer changed it first.
   */
  async writeJsonIfUnchanged(container: string, name: string, value: unknown, etag: string | undefined): Promise<boolean> {
    const body = JSON.stringify(value, null, 2);
    try {
      await this.container(container)
        .getBlockBlobClient(name)
        .upload(body, Buffer.byteLength(body), {
          blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
          conditions: etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag },
        });
      return true;
    } catch (err) {
      if (err instanceof RestError && (err.statusCode === 409 || err.statusCode === 412)) return false;
      throw err;
    }
  }

  async writeJson(container: string, name: string, value: unknown): Promise<void> {
    await this.write(container, name, JSON.stringify(value, null, 2), 'application/json; charset=utf-8');
  }

  /** Writes only if the blob does not exist yet; false when it already did. */
  async writeIfAbsent(container: string, name: string, body: string, contentType: string): Promise<boolean> {
    try {
      await this.container(container)
        .getBlockBlobClient(name)
        .upload(body, Buffer.byteLength(body), { blobHTTPHeaders: { blobContentType: contentType }, conditions: { ifNoneMatch: '*' } });
      return true;
    } catch (err) {
      if (err instanceof RestError && (err.statusCode === 409 || err.statusCode === 412)) return false;
      throw err;
    }
  }

  async delete(container: string, name: string): Promise<void> {
    await this.container(container).getBlobClient(name).deleteIfExists();
  }

  blobUrl(container: string, name: string): string {
    return this.container(container).getBlobClient(name).url;
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof RestError && err.statusCode === 404;
}
