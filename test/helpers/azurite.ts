import { BlobServiceClient } from '@azure/storage-blob';
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

export async function readBlobText(service: BlobServiceClient, container: string, name: string): Promise<string | undefined> {
  try {
    return (await service.getContainerClient(container).getBlobClient(name).downloadToBuffer()).toString('utf8');
  } catch {
    return undefined;
  }
}

export async function listBlobs(service: BlobServiceClient, container: string, prefix = ''): Promise<string[]> {
  const names: string[] = [];
  for await (const b of service.getContainerClient(container).listBlobsFlat({ prefix })) names.push(b.name);
  return names;
}
