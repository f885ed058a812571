import { ContainerClient, RestError } from '@azure/storage-blob';
import { InstanceRecord } from './InstanceRecord';

export class InstanceConflictError extends Error {
  override name = 'InstanceConflictError';
}

/**
 * Orchestration instances kept as one JSON document each in a blob container of the task hub.
 * Writes are conditional on the ETag read, so two hosts can never silently overwrite each other.
 */
export class InstanceStore {
  private readonly etags = new Map<string, string>();

  constructor(private readonly container: ContainerClient) {}

  async init(): Promise<void> {
    await this.container.createIfNotExists();
  }

  private blobName(instanceId: string): string {
    return `instances/${encodeURIComponent(instanceId)}.json`;
  }

  /**
   * Reads an instance. Only the engine's own loads (`track`) remember the ETag its next save is
   * conditional on; status queries read without disturbing that.
   */
  async load(instanceId: string, track = false): Promise<InstanceRecord | undefined> {
    const blob = this.container.getBlockBlobClient(this.blobName(instanceId));
    try {
      // One request gives the body and the ETag of that same version.
      const res = await blob.download();
      const chunks: Buffer[] = [];
      for await (const chunk of res.readableStreamBody!) chunks.push(chunk as Buffer);
      const rec = JSON.parse(Buffer.concat(chunks).toString('utf8')) as InstanceRecord;
      if (track && res.etag) this.etags.set(instanceId, res.etag);
      return rec;
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw err;
    }
  }

  /** Creates the instance; with `replace`, overwrites one that has ended (as Azure does on startNew). */
  async create(rec: InstanceRecord, replaceEtag?: string): Promise<void> {
    const blob = this.container.getBlockBlobClient(this.blobName(rec.instanceId));
    const body = JSON.stringify(rec);
    try {
      const res = await blob.upload(body, Buffer.byteLength(body), {
        conditions: replaceEtag ? { ifMatch: replaceEtag } : { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      if (res.etag) this.etags.set(rec.instanceId, res.etag);
    } catch (err) {
      if (err instanceof RestError && (err.statusCode === 409 || err.statusCode === 412)) {
        throw new InstanceConflictError(`An orchestration with instance id "${rec.instanceId}" already exists.`);
      }
      throw err;
    }
  }

  async save(rec: InstanceRecord): Promise<void> {
    const blob = this.container.getBlockBlobClient(this.blobName(rec.instanceId));
    const body = JSON.stringify(rec);
    const etag = this.etags.get(rec.instanceId);
    try {
      const res = await blob.upload(body, Buffer.byteLength(body), {
        conditions: etag ? { ifMatch: etag } : undefined,
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      if (res.etag) this.etags.set(rec.instanceId, res.etag);
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 412) {
        throw new InstanceConflictError(
          `Instance "${rec.instanceId}" was changed by another host; only one local host may use this storage at a time.`,
        );
      }
      throw err;
    }
  }

  etagOf(instanceId: string): string | undefined {
    return this.etags.get(instanceId);
  }

  async delete(instanceId: string): Promise<boolean> {
    const res = await this.container.getBlockBlobClient(this.blobName(instanceId)).deleteIfExists();
    this.etags.delete(instanceId);
    return res.succeeded;
  }

  async *list(): AsyncGenerator<InstanceRecord> {
    for await (const item of this.container.listBlobsFlat({ prefix: 'instances/' })) {
      const id = decodeURIComponent(item.name.slice('instances/'.length, -'.json'.length));
      const rec = await this.load(id);
      if (rec) yield rec;
    }
  }
}
