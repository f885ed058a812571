import { BlobSASPermissions, BlobServiceClient, StorageSharedKeyCredential, generateBlobSASQueryParameters } from '@azure/storage-blob';

export interface ReadLink {
  url: string;
  expiresAt: string;
}

/**
 * A short-lived, read-only link to one blob. With an account key (Azurite, connection strings) it is
 * a service SAS; with managed identity (Azure, where shared keys are disabled) a user-delegation SAS.
 */
export async function readLink(service: BlobServiceClient, container: string, name: string, minutes = 15): Promise<ReadLink> {
  const startsOn = new Date(Date.now() - 5 * 60_000);
  const expiresOn = new Date(Date.now() + minutes * 60_000);
  const values = { containerName: container, blobName: name, permissions: BlobSASPermissions.parse('r'), startsOn, expiresOn };
  const blob = service.getContainerClient(container).getBlobClient(name);
  const credential = service.credential;
  let sas: string;
  if (credential instanceof StorageSharedKeyCredential) {
    sas = generateBlobSASQueryParameters(values, credential).toString();
  } else {
    const key = await service.getUserDelegationKey(startsOn, expiresOn);
    sas = generateBlobSASQueryParameters(values, key, service.accountName).toString();
  }
  return { url: `${blob.url}?${sas}`, expiresAt: expiresOn.toISOString() };
}
