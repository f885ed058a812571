import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { TableSource } from './Table';

/** A local file as a TableSource, with range reads so Parquet is not buffered whole. */
export function fileSource(filePath: string, name = path.basename(filePath)): TableSource {
  const size = fs.statSync(filePath).size;
  return {
    name,
    size,
    open: () => fs.createReadStream(filePath, { highWaterMark: 256 * 1024 }),
    async readRange(start: number, end: number): Promise<Uint8Array> {
      const handle = await fs.promises.open(filePath, 'r');
      try {
        const out = Buffer.alloc(Math.max(0, end - start));
        await handle.read(out, 0, out.length, start);
        return out;
      } finally {
        await handle.close();
      }
    },
  };
}

/** Bytes already in memory (tests, small request bodies) as a TableSource. */
export function bufferSource(name: string, bytes: Uint8Array): TableSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    name,
    size: buf.length,
    open: () => Readable.from([buf]),
    readRange: async (start: number, end: number) => buf.subarray(start, end),
  };
}
