import type { RegisteredFunction } from './functionsCore';
import type { RpcTypedData } from './rpcTypedData';

/** Whether @azure/functions marked the trigger for deferred binding (`sdkBinding: true`). */
export function supportsDeferredBinding(fn: RegisteredFunction): boolean {
  const properties = (fn.trigger as { properties?: Record<string, string> }).properties;
  return properties?.supportsDeferredBinding === 'true';
}

/**
 * The blob reference the Functions host sends for a deferred blob binding, in place of the blob's
 * content: JSON naming the connection, the container and the blob.
 */
export function blobReferenceData(
  connection: string,
  container: string,
  name: string,
): Required<NonNullable<RpcTypedData['modelBindingData']>> & { content: Buffer } {
  return {
    version: '1.0',
    source: 'AzureStorageBlobs',
    contentType: 'application/json',
    content: Buffer.from(JSON.stringify({ Connection: connection, ContainerName: container, BlobName: name }), 'utf8'),
  };
}
