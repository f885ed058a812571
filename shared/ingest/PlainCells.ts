/**
 * One record as byte ranges of `bytes` (cell i is bytes[starts[i], ends[i]), inside its quotes when
 * quoted), valid UTF-8. The same object is refilled for every record: a consumer copies out what it keeps.
 */
export interface PlainCells {
  bytes: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where a quoted cell holds doubled quotes (""), which stand for one. */
  escaped: Uint8Array;
  count: number;
}

/** Cell i's text. */
export function textOfCell(cells: PlainCells, i: number): string {
  const text = decodeCell(cells.bytes, cells.starts[i]!, cells.ends[i]!);
  return cells.escaped[i] ? text.replace(/""/g, '"') : text;
}

/** A record's cells as strings, for the header and any consumer that wants text. */
export function cellTexts(cells: PlainCells): string[] {
  const out = new Array<string>(cells.count);
  for (let i = 0; i < cells.count; i++) out[i] = textOfCell(cells, i);
  return out;
}

type Utf8Slicer = Buffer & { utf8Slice?(start: number, end: number): string };
// Buffer's own decoder, where the runtime has it: toString('utf8', start, end) checks its arguments
// and encoding name on every call, a third of decoding a short cell.
const hasUtf8Slice = typeof (Buffer.prototype as Utf8Slicer).utf8Slice === 'function';

/** The text of bytes[start, end), which are valid UTF-8. */
export function decodeCell(bytes: Buffer, start: number, end: number): string {
  return hasUtf8Slice ? (bytes as Utf8Slicer).utf8Slice!(start, end) : bytes.toString('utf8', start, end);
}
