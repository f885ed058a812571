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

/**
 * For HTTP routes, whose callers wait SEGMENTWISE_STORAGE_TIMEOUT_MS at most: each try is bounded by
 * that time and few are made, so work left behind by a 503 ends soon instead of retrying for minutes.
 */
export function apiRetryOptions(timeoutMs: number): NonNullable<StoragePipelineOptions['retryOptions']> {
  return { maxTries: 2, tryTimeoutInMs: timeoutMs, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 };
}

/** The app's storage account: a connection string locally, managed identity on Azure. */
export function blobServiceClient(
  settings: Pick<Settings, 'AzureWebJobsStorage' | 'AzureWebJobsStorage__blobServiceUri'>,
  retryOptions: StoragePipelineOptions['retryOptions'] = storageRetryOptions,
): BlobServiceClient {
  const key = `${settings.AzureWebJobsStorage ?? settings.AzureWebJobsStorage__blobServiceUri ?? ''}\n${JSON.stringify(retryOptions)}`;
  let client = clients.get(key);
  if (client) return client;
  if (settings.AzureWebJobsStorage) {
    client = BlobServiceClient.fromConnectionString(settings.AzureWebJobsStorage, { retryOptions });
  } else if (settings.AzureWebJobsStorage__blobServiceUri) {
    client = new BlobServiceClient(settings.AzureWebJobsStorage__blobServiceUri, new DefaultAzureCredential(), {
      retryOptions,
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
