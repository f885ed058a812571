import { csvRecordRanges } from './byteRanges';
import { neutralizeFormula } from '../results/neutralizeFormula';
import { BlobStore } from '../storage/BlobStore';
import type { FileChange } from './forgetInUploads';
import { rewriteWithout, rewriteWorkbook } from './rewriteResultFile';

/**
 * Removes one customer from a dataset's batch scores (`<dataset>/scores/<scoreId>/scores.csv` and
 * `scores.xlsx`, the columns of assignments.csv, the id first, as the scored file wrote it).
 * `blobs` are names in the results container.
 */
export async function forgetInScores(store: BlobStore, dataset: string, blobs: readonly string[], id: string): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  const prefix = `${dataset}/scores/`;
  const written = neutralizeFormula(id);
  for (const blob of blobs) {
    if (!blob.startsWith(prefix)) continue;
    let removed = 0;
    if (blob.endsWith('/scores.csv')) {
      removed = await rewriteWithout(store, blob, 'text/csv; charset=utf-8', (source) => csvRecordRanges(source, { delimiter: ',' }, (record, i) => i > 0 && record[0] === written));
    } else if (blob.endsWith('/scores.xlsx')) {
      removed = await rewriteWorkbook(store, blob, (cells) => cells[0] === id);
    }
    if (removed > 0) changes.push({ file: `${store.resultsContainer}/${blob}`, removed });
  }
  return changes;
}
