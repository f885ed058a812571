import * as zlib from 'node:zlib';
import * as yauzl from 'yauzl';

/** One file inside a ZIP archive as the fuzzer writes it, including ways of lying about it. */
export interface ZipPart {
  name: string;
  data: Buffer;
  /** Store without compression (default: deflate). */
  store?: boolean;
  /** Already-deflated bytes of `data` (so a 64 MiB bomb is compressed once, not per case). */
  deflated?: Buffer;
  /** Uncompressed size to record in the headers instead of the true one. */
  declaredSize?: number;
  /** Set the "encrypted" flag without encrypting. */
  encryptedFlag?: boolean;
}

/**
 * Writes a plain ZIP archive. Hand-written on purpose: the fuzzer needs archives that no zip
 * library would produce (sizes that lie, encryption flags without encryption).
 */
export function zipArchive(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const body = part.store ? part.data : (part.deflated ?? zlib.deflateRawSync(part.data));
    const crc = zlib.crc32(part.data) >>> 0;
    const size = part.declaredSize ?? part.data.length;
    const flags = (part.encryptedFlag ? 1 : 0) | 0x800;
    const method = part.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a well-formed archive (an .xlsx written by exceljs or Excel), in archive order. */
export async function unzipParts(bytes: Buffer): Promise<ZipPart[]> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const parts: ZipPart[] = [];
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    parts.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return parts;
}
