import { ResourceFactoryResolver, type ModelBindingData } from '@azure/functions-extensions-base';

/**
 * Where a triggering blob is, instead of its bytes. With `sdkBinding: true` the Functions host hands
 * the worker this reference (deferred binding) and never reads the blob; the local host does the same.
 */
export interface BlobReference {
  connection: string;
  containerName: string;
  blobName: string;
}

/** The source name the host gives blob references. */
export const blobReferenceSource = 'AzureStorageBlobs';

/** Reads the reference the host sends: JSON `{ Connection, ContainerName, BlobName }`. */
export function readBlobReference(data: ModelBindingData | ModelBindingData[]): BlobReference {
  const one = Array.isArray(data) ? data[0] : data;
  const text = one?.content ? Buffer.from(one.content).toString('utf8') : '';
  const parsed = (text ? JSON.parse(text) : {}) as { Connection?: unknown; ContainerName?: unknown; BlobName?: unknown };
  if (typeof parsed.ContainerName !== 'string' || typeof parsed.BlobName !== 'string') {
    throw new Error(`The blob binding carried no container and blob name (source ${String(one?.source)}).`);
  }
  return { connection: String(parsed.Connection ?? ''), containerName: parsed.ContainerName, blobName: parsed.BlobName };
}

export function isBlobReference(value: unknown): value is BlobReference {
  return typeof value === 'object' && value !== null && typeof (value as BlobReference).blobName === 'string';
}

/**
 * Lets @azure/functions turn the host's reference into a BlobReference. Only the name is needed to
 * plan a run, so no storage client is made here; a factory another package registered first is kept.
 */
export function registerBlobReferenceFactory(): void {
  const resolver = ResourceFactoryResolver.getInstance();
  if (!resolver.hasResourceFactory(blobReferenceSource)) resolver.registerResourceFactory(blobReferenceSource, readBlobReference);
}
