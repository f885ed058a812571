import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../shared/storage/BlobStore';

/**
 * Copies a run's result files from `<results container>/<folder>` into `targetDir`, streaming each one
 * (assignments of a million customers never sit in memory). Sub-folders (messages/, _work/) stay behind.
 * Returns the local paths written.
 */
export async function downloadRunResults(store: BlobStore, folder: string, files: string[], targetDir: string): Promise<string[]> {
  fs.mkdirSync(targetDir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    if (file.includes('/') || file.includes('\\') || file.startsWith('.')) continue;
    const local = path.join(targetDir, file);
    await pipeline(await store.openRead(store.resultsContainer, `${folder}${file}`), fs.createWriteStream(local));
    written.push(local);
  }
  return written;
}
