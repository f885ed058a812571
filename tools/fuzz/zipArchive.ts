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
    const fields = { flags, method, crc, compressedSize: body.length, size, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    writeEntryFields(local, 6, fields);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    writeEntryFields(central, 8, fields);
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

/** What a file's local header and its central directory entry both record. */
interface EntryFields {
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  nameLength: number;
}

/**
 * The 22 bytes the local header (from offset 6) and the central directory entry (from offset 8)
 * share, in the same order: flags, method, time, date, CRC-32, sizes and the name's length.
 */
function writeEntryFields(header: Buffer, at: number, fields: EntryFields): void {
  header.writeUInt16LE(fields.flags, at);
  header.writeUInt16LE(fields.method, at + 2);
  header.writeUInt16LE(0, at + 4);
  header.writeUInt16LE(0x21, at + 6);
  header.writeUInt32LE(fields.crc, at + 8);
  header.writeUInt32LE(fields.compressedSize, at + 12);
  header.writeUInt32LE(fields.size, at + 16);
  header.writeUInt16LE(fields.nameLength, at + 20);
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
