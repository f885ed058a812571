import type { TableSource } from '../ingest/Table';
import { BlobStore } from './BlobStore';

/** A file in the uploads container as ingestion reads it: streamed, pinned to the ETag of the run. */
export function blobTableSource(store: BlobStore, file: { blobName: string; file: string; etag: string; size: number }): TableSource {
  return {
    name: file.file,
    size: file.size,
    open: () => store.openRead(store.uploadsContainer, file.blobName, file.etag),
    readRange: async (start, end) => store.readRange(store.uploadsContainer, file.blobName, start, end - start),
  };
}
