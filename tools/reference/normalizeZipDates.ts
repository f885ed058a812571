/** 1980-01-01 00:00:00, the earliest time a zip entry can carry, in the DOS format zip uses. */
const dosTime = 0;
const dosDate = (0 << 9) | (1 << 5) | 1;

/**
 * Sets every entry's modification time in a zip archive to 1980-01-01, in place, so the same content
 * gives the same bytes whenever it is written (a run resumed after a crash rewrites an identical
 * file). Only the time fields change; an archive this cannot walk (ZIP64, no end record) is left as is.
 */
export function normalizeZipDates(zip: Buffer): Buffer {
  const headers = entryHeaders(zip);
  for (const { central, local } of headers ?? []) {
    zip.writeUInt16LE(dosTime, central + 12);
    zip.writeUInt16LE(dosDate, central + 14);
    zip.writeUInt16LE(dosTime, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
  }
  return zip;
}

/** Where each entry's central-directory and local headers start, or undefined when the archive is not plain zip. */
function entryHeaders(zip: Buffer): { central: number; local: number }[] | undefined {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff) && end < 0; at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) end = at;
  }
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return undefined;
  const headers: { central: number; local: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return undefined;
    const local = zip.readUInt32LE(at + 42);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return undefined;
    headers.push({ central: at, local });
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return headers;
}
