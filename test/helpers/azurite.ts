import { BlobServiceClient, RestError } from '@azure/storage-blob';
import { RunningAzurite, startAzuriteInMemory } from '../../local/azurite';

export interface TestStorage extends RunningAzurite {
  service: BlobServiceClient;
}

/** A fresh in-memory Azurite on a free port, with the app's containers. */
export async function startTestStorage(containers = ['uploads', 'results']): Promise<TestStorage> {
  const azurite = await startAzuriteInMemory();
  const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  for (const c of containers) await service.getContainerClient(c).createIfNotExists();
  return { ...azurite, service };
}

/**
 * Only a 404 that names the blob or its container as absent means "missing". Anything else (a refused
 * key, a 503, a dropped connection, a 404 from something other than storage) must fail the test, or a
 * check for absence would pass on any failure.
 */
export function isMissingBlob(err: unknown): boolean {
  if (!(err instanceof RestError) || err.statusCode !== 404) return false;
  // A HEAD answer has no body, so the SDK leaves `code` empty; the header's code is in `details`.
  const code = err.code ?? (err.details as { errorCode?: string } | undefined)?.errorCode ?? err.response?.headers.get('x-ms-error-code');
  return code === 'BlobNotFound' || code === 'ContainerNotFound';
}

/**
 * The blob's text, or undefined when the blob (or its container) does not exist. One GET, so a blob
 * the app rewrites meanwhile is read whole, old or new (downloadToBuffer asks for the size first and
 * would cut a longer new version short).
 */
export async function readBlobText(service: BlobServiceClient, container: string, name: string): Promise<string | undefined> {
  try {
    const response = await service.getContainerClient(container).getBlobClient(name).download();
    const chunks: Buffer[] = [];
    for await (const chunk of response.readableStreamBody!) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } catch (err) {
    if (isMissingBlob(err)) return undefined;
    throw err;
  }
}

export async function listBlobs(service: BlobServiceClient, container: string, prefix = ''): Promise<string[]> {
  const names: string[] = [];
  for await (const b of service.getContainerClient(container).listBlobsFlat({ prefix })) names.push(b.name);
  return names;
}
