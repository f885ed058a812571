import type { Manifest } from '../ingest/manifestSchema';
import { runPaths } from '../pipeline/runPaths';
import type { BlobStore } from '../storage/BlobStore';

/** The run folder's copy of the manifest the run was made with (docs/CONTRACTS.md). */
export const runManifestFile = 'manifest.json';

/**
 * The manifest a completed run was made with, as its options (language, labels…) apply to what the
 * run produced; the dataset's manifest.json may have changed since. Undefined when it had none.
 */
export async function readRunManifest(store: BlobStore, dataset: string, runId: string): Promise<Manifest | undefined> {
  return store.readJson<Manifest>(store.resultsContainer, runPaths.file(dataset, runId, runManifestFile));
}
