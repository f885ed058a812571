import type { TableSource } from '../ingest/Table';
import { BlobStore } from './BlobStore';

/**
 * A dropped file as ingestion reads it: streamed, pinned to the ETag that was hashed into its run (or
 * score) id. Runs read from the uploads container; batch scoring reads from its own.
 */
export function blobTableSource(
  store: BlobStore,
  file: { blobName: string; file: string; etag: string; size: number },
  container: string = store.uploadsContainer,
): TableSource {
  return {
    name: file.file,
    size: file.size,
    open: () => store.openRead(container, file.blobName, file.etag),
    readRange: async (start, end) => store.readRange(container, file.blobName, start, end - start),
  };
}
