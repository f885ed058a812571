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

  async load(instanceId: string): Promise<InstanceRecord | undefined> {
    const blob = this.container.getBlockBlobClient(this.blobName(instanceId));
    try {
      const body = await blob.downloadToBuffer();
      const props = await blob.getProperties();
      const rec = JSON.parse(body.toString('utf8')) as InstanceRecord;
      if (props.etag) this.etags.set(instanceId, props.etag);
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
