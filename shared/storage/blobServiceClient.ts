import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient, StoragePipelineOptions } from '@azure/storage-blob';
import { Settings, SettingsError } from '../config/settings';

/**
 * Transient storage errors (5xx, timeouts, throttling) are retried by the SDK with exponential
 * back-off; what still fails after that fails the activity, which durable retry then re-runs.
 */
export const storageRetryOptions: StoragePipelineOptions['retryOptions'] = {
  maxTries: 4,
  retryDelayInMs: 250,
  maxRetryDelayInMs: 5_000,
  tryTimeoutInMs: 300_000,
};

const clients = new Map<string, BlobServiceClient>();

/** The app's storage account: a connection string locally, managed identity on Azure. */
export function blobServiceClient(settings: Pick<Settings, 'AzureWebJobsStorage' | 'AzureWebJobsStorage__blobServiceUri'>): BlobServiceClient {
  const key = settings.AzureWebJobsStorage ?? settings.AzureWebJobsStorage__blobServiceUri ?? '';
  let client = clients.get(key);
  if (client) return client;
  if (settings.AzureWebJobsStorage) {
    client = BlobServiceClient.fromConnectionString(settings.AzureWebJobsStorage, { retryOptions: storageRetryOptions });
  } else if (settings.AzureWebJobsStorage__blobServiceUri) {
    client = new BlobServiceClient(settings.AzureWebJobsStorage__blobServiceUri, new DefaultAzureCredential(), {
      retryOptions: storageRetryOptions,
    });
  } else {
    throw new SettingsError(
      'No storage is configured: set AzureWebJobsStorage (a connection string, or UseDevelopmentStorage=true for Azurite) ' +
        'or AzureWebJobsStorage__blobServiceUri (managed identity).',
    );
  }
  clients.set(key, client);
  return client;
}
