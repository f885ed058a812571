/**
 * customers.index.json and customers.index.jsonl (docs/CONTRACTS.md): where each customer's line of
 * customers.jsonl is, so a reader fetches the lines of a few ids with range reads instead of the run.
 * customers.index.jsonl holds one entry per customer with an id, `[id, row, offset, length]`, sorted
 * by id (UTF-16 code units, as JavaScript compares strings) then row; customers.index.json lists its
 * chunks of `chunkEntries` entries with each chunk's first and last id and its byte range.
 */
export interface CustomersIndex {
  version: 1;
  /** Customers in customers.jsonl, with or without an id. */
  rows: number;
  chunks: IndexChunk[];
}

export interface IndexChunk {
  first: string;
  last: string;
  /** Byte range in customers.index.jsonl. */
  offset: number;
  length: number;
}

/** A customer's line in customers.jsonl: its 0-based row and byte range. */
export interface IndexEntry {
  id: string;
  row: number;
  offset: number;
  length: number;
}

/** Entries a chunk holds: one range read of ~100 KB finds an id among them. */
export const chunkEntries = 2048;

/** The two index files for customers.jsonl lines at these byte ranges (ids in input order, null = no id). */
export function buildCustomersIndex(ids: readonly (string | null)[], lines: { offset: number; length: number }[]): { index: CustomersIndex; entries: Buffer } {
  const rows: number[] = [];
  ids.forEach((id, row) => {
    if (id !== null) rows.push(row);
  });
  rows.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
  const chunks: IndexChunk[] = [];
  const parts: Buffer[] = [];
  let offset = 0;
  for (let start = 0; start < rows.length; start += chunkEntries) {
    const slice = rows.slice(start, start + chunkEntries);
    const text = slice.map((row) => `[${JSON.stringify(ids[row])},${row},${lines[row]!.offset},${lines[row]!.length}]\n`).join('');
    const bytes = Buffer.from(text, 'utf8');
    chunks.push({ first: ids[slice[0]!]!, last: ids[slice[slice.length - 1]!]!, offset, length: bytes.length });
    parts.push(bytes);
    offset += bytes.length;
  }
  return { index: { version: 1, rows: ids.length, chunks }, entries: Buffer.concat(parts) };
}

/** The chunks that may hold an id (several when one id spans a chunk boundary). */
export function chunksFor(index: CustomersIndex, id: string): IndexChunk[] {
  // Binary search for the first chunk whose last id is not below `id`, then every chunk starting at or below it.
  let low = 0, high = index.chunks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (index.chunks[mid]!.last < id) low = mid + 1;
    else high = mid;
  }
  const out: IndexChunk[] = [];
  for (let c = low; c < index.chunks.length && index.chunks[c]!.first <= id; c++) out.push(index.chunks[c]!);
  return out;
}

/** The entries of one chunk's bytes. */
export function parseIndexChunk(bytes: Buffer): IndexEntry[] {
  return bytes
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [id, row, offset, length] = JSON.parse(line) as [string, number, number, number];
      return { id, row, offset, length };
    });
}
