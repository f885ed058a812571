import { getSettings } from '../config/settings';
import { BlobStore } from './BlobStore';
import { apiRetryOptions, blobServiceClient } from './blobServiceClient';

let store: BlobStore | undefined;

/**
 * The uploads and results containers as HTTP routes use them: the same account as appStore(), with
 * storage tries bounded by SEGMENTWISE_STORAGE_TIMEOUT_MS (pipeline steps keep the patient client).
 */
export function apiStore(): BlobStore {
  if (!store) {
    const settings = getSettings();
    store = new BlobStore(
      blobServiceClient(settings, apiRetryOptions(settings.SEGMENTWISE_STORAGE_TIMEOUT_MS)),
      settings.SEGMENTWISE_UPLOADS_CONTAINER,
      settings.SEGMENTWISE_RESULTS_CONTAINER,
    );
  }
  return store;
}
