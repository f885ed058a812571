import { getSettings } from '../config/settings';
import { BlobStore } from './BlobStore';
import { blobServiceClient } from './blobServiceClient';

let store: BlobStore | undefined;

/** The app's uploads and results containers, from the settings of this process. */
export function appStore(): BlobStore {
  if (!store) {
    const settings = getSettings();
    store = new BlobStore(blobServiceClient(settings), settings.SEGMENTWISE_UPLOADS_CONTAINER, settings.SEGMENTWISE_RESULTS_CONTAINER);
  }
  return store;
}
