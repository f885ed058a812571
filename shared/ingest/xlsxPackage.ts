import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import * as yauzl from 'yauzl';
import type { XlsxArchive } from './checkXlsxArchive';
import { XlsxRangeReader } from './xlsxRangeReader';

/** Bytes the inflater hands over at a time: a sheet's rows are scanned in pieces this large. */
const inflatedChunkBytes = 512 * 1024;

/**
 * The parts (files) of an .xlsx archive by name, read through the ZIP directory, so any part can be
 * read whatever its place in the archive (shared strings written after the sheets read first all the same).
 */
export interface XlsxPackage {
  has(part: string): boolean;
  /** A part's bytes, inflated whole: for the workbook's small parts. */
  read(part: string): Promise<Buffer>;
  /** A part inflated piece by piece, each piece handed to `onChunk` before the next is inflated. */
  stream(part: string, onChunk: (chunk: Buffer) => void): Promise<void>;
  close(): void;
}

export async function openXlsxPackage(archive: XlsxArchive): Promise<XlsxPackage> {
  const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
  const zip = Buffer.isBuffer(archive)
    ? await yauzl.fromBufferPromise(archive, options)
    : await yauzl.fromRandomAccessReaderPromise(new XlsxRangeReader(archive.readRange), archive.size, options);
  const entries = new Map<string, yauzl.Entry>();
  try {
    // Part names are case-insensitive (OPC); some writers add a leading slash.
    for await (const entry of zip.eachEntry()) entries.set(partKey(entry.fileName), entry);
  } catch (err) {
    zip.close();
    throw err;
  }
  const entryOf = (part: string): yauzl.Entry => {
    const entry = entries.get(partKey(part));
    if (!entry) throw new Error(`the part ${part} is missing`);
    return entry;
  };
  const stream = async (part: string, onChunk: (chunk: Buffer) => void): Promise<void> => {
    const entry = entryOf(part);
    const bytes = await openXlsxPart(zip, entry);
    let seen = 0;
    try {
      for await (const chunk of bytes as AsyncIterable<Buffer>) {
        seen += chunk.length;
        if (seen > entry.uncompressedSize) throw new Error(`the part ${part} holds more bytes than its ZIP entry declares`);
        onChunk(chunk);
      }
    } finally {
      bytes.destroy();
    }
    if (seen !== entry.uncompressedSize) throw new Error(`the part ${part} ends before the size its ZIP entry declares`);
  };
  return {
    has: (part) => entries.has(partKey(part)),
    async read(part) {
      const chunks: Buffer[] = [];
      await stream(part, (chunk) => chunks.push(chunk));
      return Buffer.concat(chunks);
    },
    stream,
    close: () => zip.close(),
  };
}

function partKey(name: string): string {
  return name.replace(/^\/+/, '').replace(/\\/g, '/').toLowerCase();
}

/**
 * A part's bytes as they inflate, in pieces far larger than yauzl's own inflater hands over (16 KiB),
 * which made the stream's own overhead cost more than inflating. The caller counts the bytes against
 * the size the entry declares.
 */
export async function openXlsxPart(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  // yauzl takes `decompress` only for a compressed entry; a stored one it hands over as it is.
  if (entry.compressionMethod === 0) return zip.openReadStreamPromise(entry);
  if (entry.compressionMethod !== 8) throw new Error(`the part ${entry.fileName} uses compression method ${entry.compressionMethod}, which is not deflate`);
  const raw = await zip.openReadStreamPromise(entry, { decompress: false });
  // Room for a few pieces ahead (zlib streams pass stream options on), so the next piece inflates on
  // libuv's pool while this one is scanned.
  const options: zlib.ZlibOptions & { readableHighWaterMark: number } = { chunkSize: inflatedChunkBytes, readableHighWaterMark: 4 * inflatedChunkBytes };
  const inflater = zlib.createInflateRaw(options);
  raw.on('error', (err) => inflater.destroy(err));
  inflater.on('close', () => raw.destroy());
  return raw.pipe(inflater);
}
