import * as zlib from 'node:zlib';

/** One file of a zip archive: its path inside the archive (ASCII) and its bytes. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** 1980-01-01 00:00:00 in the DOS format zip uses: the same content gives the same bytes whenever it is written. */
const dosTime = 0;
const dosDate = (0 << 9) | (1 << 5) | 1;

/**
 * A zip archive of `entries`, in order, laid out as archiver 5 (exceljs's zip writer) lays one out:
 * deflate level 1, sizes in a data descriptor after each entry, Unix 0644 files, every entry dated
 * 1980-01-01. Each entry is deflated on libuv's thread pool in one piece, so a large one compresses
 * while this thread builds the run's next file. No ZIP64: every entry and the archive stay under 4 GiB.
 */
export async function zipArchive(entries: ZipEntry[]): Promise<Buffer> {
  const compressed = await Promise.all(entries.map((e) => deflate(e.data)));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  entries.forEach((entry, i) => {
    const name = Buffer.from(entry.name, 'ascii');
    const data = compressed[i]!;
    const crc = crc32(entry.data);
    if (offset + data.length > 0xffffffff || entry.data.length > 0xffffffff) throw new Error(`${entry.name} is too large for a zip archive without ZIP64.`);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: deflate
    local.writeUInt16LE(0x0008, 6); // crc and sizes follow the data
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(data.length, 8);
    descriptor.writeUInt32LE(entry.data.length, 12);
    parts.push(local, name, data, descriptor);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(0x032d, 4); // made by: Unix, zip 4.5
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0008, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(dosTime, 12);
    header.writeUInt16LE(dosDate, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(0o100644 * 0x10000 + 0x20, 38); // a regular file, rw-r--r--, with DOS's archive bit
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + data.length + descriptor.length;
  });
  const centralSize = central.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/** Raw deflate at level 1, as archiver's default; an output chunk as large as the input makes it one job on the thread pool. */
function deflate(data: Buffer): Promise<Buffer> {
  const chunkSize = Math.max(zlib.constants.Z_MIN_CHUNK, Math.min(data.length + 1024, 64 * 1024 * 1024));
  return new Promise((resolve, reject) => zlib.deflateRaw(data, { level: 1, chunkSize }, (err, out) => (err ? reject(err) : resolve(out))));
}

/** zlib's CRC-32 (Node 20.15+, 22.2+), or the same sum computed here on older runtimes. */
function crc32(data: Buffer): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data) >>> 0;
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const crcTable = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
