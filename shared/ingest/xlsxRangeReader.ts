import { Readable } from 'node:stream';
import * as yauzl from 'yauzl';

/** yauzl's reader over a source's range reads, fetched in bounded pieces. */
export class XlsxRangeReader extends yauzl.RandomAccessReader {
  constructor(private readonly readRange: (start: number, end: number) => Promise<Uint8Array>) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const readRange = this.readRange;
    const piece = 4 * 1024 * 1024;
    async function* pieces(): AsyncGenerator<Buffer> {
      for (let at = start; at < end; at += piece) {
        const bytes = await readRange(at, Math.min(end, at + piece));
        yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      }
    }
    return Readable.from(pieces(), { objectMode: false });
  }
}
