import type { Column, Table } from '../ingest/Table';

/**
 * Binary hand-over files between activities: a JSON header (length-prefixed) followed by the raw
 * Float64 data of numeric columns or matrices, 8-byte aligned. Far smaller and faster than JSON for
 * the numbers, which are most of a table.
 */
interface EncodedColumn {
  name: string;
  kind: Column['kind'];
  /** Index into the Float64 section, for number and date columns. */
  offset?: number;
  values?: (string | null)[];
}

function pack(header: unknown, arrays: Float64Array[]): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerBytes = 8 + json.length;
  const pad = (8 - (headerBytes % 8)) % 8;
  const total = arrays.reduce((sum, a) => sum + a.byteLength, 0);
  const out = Buffer.alloc(headerBytes + pad + total);
  out.writeUInt32LE(json.length, 0);
  out.writeUInt32LE(pad, 4);
  json.copy(out, 8);
  let at = headerBytes + pad;
  for (const a of arrays) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, at);
    at += a.byteLength;
  }
  return out;
}

function unpack<H>(buf: Buffer): { header: H; data: Float64Array } {
  const length = buf.readUInt32LE(0);
  const pad = buf.readUInt32LE(4);
  const header = JSON.parse(buf.subarray(8, 8 + length).toString('utf8')) as H;
  const start = 8 + length + pad;
  // Copy into an aligned buffer: a Buffer's own offset into its pool need not be a multiple of 8.
  const bytes = buf.subarray(start);
  const data = new Float64Array(bytes.length / 8);
  Buffer.from(data.buffer).set(bytes);
  return { header, data };
}

export function encodeTable(table: Table): Buffer {
  const arrays: Float64Array[] = [];
  let offset = 0;
  const columns: EncodedColumn[] = table.columns.map((c) => {
    if (c.kind === 'string') return { name: c.name, kind: c.kind, values: c.values };
    arrays.push(c.values);
    const encoded = { name: c.name, kind: c.kind, offset };
    offset += c.values.length;
    return encoded;
  });
  return pack({ name: table.name, rowCount: table.rowCount, columns, source: table.source }, arrays);
}

export function decodeTable(buf: Buffer): Table {
  const { header, data } = unpack<{ name: string; rowCount: number; columns: EncodedColumn[]; source?: Table['source'] }>(buf);
  const columns = header.columns.map((c): Column => {
    if (c.kind === 'string') return { name: c.name, kind: 'string', values: c.values ?? [] };
    return { name: c.name, kind: c.kind, values: data.subarray(c.offset!, c.offset! + header.rowCount) };
  });
  return { name: header.name, rowCount: header.rowCount, columns, source: header.source };
}

export interface MatrixArtifact<M> {
  rows: number;
  cols: number;
  data: Float64Array;
  meta: M;
}

export function encodeMatrix<M>(m: MatrixArtifact<M>): Buffer {
  return pack({ rows: m.rows, cols: m.cols, meta: m.meta }, [m.data]);
}

export function decodeMatrix<M>(buf: Buffer): MatrixArtifact<M> {
  const { header, data } = unpack<{ rows: number; cols: number; meta: M }>(buf);
  return { rows: header.rows, cols: header.cols, meta: header.meta, data };
}

export function encodeLabels(labels: Int32Array): Buffer {
  return Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength);
}

export function decodeLabels(buf: Buffer): Int32Array {
  const out = new Int32Array(buf.length / 4);
  Buffer.from(out.buffer).set(buf);
  return out;
}
