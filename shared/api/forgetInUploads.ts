import { detectDelimiter } from '../ingest/detectDelimiter';
import { detectEncoding } from '../ingest/detectEncoding';
import { formatFromName } from '../ingest/sniffFormat';
import { isDataFile } from '../pipeline/uploadPath';
import { privacyRewriteMetadataFor } from '../pipeline/uploadTime';
import { BlobStore } from '../storage/BlobStore';
import { ByteRange, csvRecordRanges, lineRanges, readableWithout } from './byteRanges';

/** A file rewritten without the customer, and how many of its rows (records, lines) went. */
export interface FileChange {
  file: string;
  removed: number;
}

/** A file that may hold the customer but was left as it is, and why. */
export interface FileLeft {
  file: string;
  reason: string;
}

export interface UploadsToForget {
  /** The uploads container, or the scoring container files are dropped into to be scored. */
  container: string;
  /** The dataset's folders there, with the case they were created with (`Telco/`). */
  folders: string[];
  /** The customer's id column in a file, or undefined when the data has none (rows numbered in row_id). */
  idColumn: (file: string) => string | undefined;
  /** Whether a cell of that column is the customer. */
  matches: (cell: string) => boolean;
  /** When the request was made: the rewrites say so in their metadata. */
  rewrittenAt: Date;
}

/**
 * Rewrites the dataset's CSV and JSONL uploads without the customer's rows, every other byte as it
 * was (header, quoting, line breaks, the other customers). XLSX and Parquet are not rewritten: a
 * workbook or a column file cannot be edited in place byte for byte, so they are listed with what to
 * do. A rewritten file keeps its upload time and is marked as a privacy rewrite in its metadata
 * (pipeline/uploadTime.ts): it starts no run, since every result that held the customer is scrubbed
 * in the same request, and it orders among runs as the upload it was.
 */
export async function forgetInUploads(store: BlobStore, target: UploadsToForget): Promise<{ changed: FileChange[]; left: FileLeft[] }> {
  const { container } = target;
  const changed: FileChange[] = [];
  const left: FileLeft[] = [];
  for (const folder of target.folders) {
    for await (const blob of store.list(container, folder)) {
      const file = blob.name.slice(folder.length);
      // suppress.csv keeps its ids: it says whom never to message, which outlives the data.
      if (!isDataFile(file)) continue;
      const format = formatFromName(file);
      const where = `${container}/${blob.name}`;
      if (format === 'xlsx' || format === 'parquet') {
        left.push({
          file: where,
          reason: `${format === 'xlsx' ? 'XLSX' : 'Parquet'} uploads are not rewritten by the app; upload a copy without the customer under the same name (or delete the file) yourself.`,
        });
        continue;
      }
      if (format !== 'csv' && format !== 'jsonl') continue;
      const column = target.idColumn(file);
      if (!column) {
        left.push({
          file: where,
          reason: 'No completed run names an id column for this file (the data has none and customers are numbered by row, or no run has completed), so no row can be told to be this customer.',
        });
        continue;
      }
      const open = () => store.openRead(container, blob.name, blob.etag);
      let ranges: ByteRange[] | string;
      if (format === 'csv') {
        const head = await store.readRange(container, blob.name, 0, Math.min(blob.size, 65_536));
        if (detectEncoding(head).encoding !== 'utf-8') {
          left.push({ file: where, reason: 'Only UTF-8 text files are rewritten; save the file as UTF-8 without the customer and upload it again.' });
          continue;
        }
        ranges = await csvRanges(open, detectDelimiter(head.toString('utf8')), column, target.matches);
      } else {
        ranges = await lineRanges(await open(), (line) => jsonLineMatches(line, column, target.matches));
      }
      if (typeof ranges === 'string') {
        left.push({ file: where, reason: ranges });
        continue;
      }
      if (ranges.length === 0) continue;
      await store.writeStream(container, blob.name, readableWithout(await open(), ranges), format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8', privacyRewriteMetadataFor(blob, target.rewrittenAt));
      changed.push({ file: where, removed: ranges.length });
    }
  }
  return { changed, left };
}

/** The customer's records; the header is the first record naming the id column (files may start with notes). */
async function csvRanges(open: () => Promise<AsyncIterable<Buffer>>, delimiter: string, column: string, matches: (cell: string) => boolean): Promise<ByteRange[] | string> {
  let idAt = -1;
  const ranges = await csvRecordRanges(await open(), { delimiter }, (record) => {
    if (idAt < 0) {
      idAt = record.findIndex((cell) => cell.replace(/^\uFEFF/, '').trim() === column);
      return false;
    }
    const cell = record[idAt];
    return cell !== undefined && matches(cell);
  });
  return idAt < 0 ? `Its header has no column "${column}", the id column the runs read.` : ranges;
}

function jsonLineMatches(line: string, column: string, matches: (cell: string) => boolean): boolean {
  if (line.trim() === '') return false;
  let value: unknown;
  try {
    value = (JSON.parse(line) as Record<string, unknown>)[column];
  } catch {
    return false;
  }
  return (typeof value === 'string' || typeof value === 'number') && matches(String(value));
}
