import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';

/** A half-open byte range [start, end) of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The file without these byte ranges (sorted, not overlapping), every other byte as it was: a
 * privacy rewrite removes a customer's records and leaves everyone else's untouched, streaming, so a
 * file of any size passes through in bounded memory.
 */
export async function* withoutRanges(source: AsyncIterable<Buffer>, ranges: readonly ByteRange[]): AsyncGenerator<Buffer> {
  let at = 0;
  let r = 0;
  for await (const chunk of source) {
    const chunkEnd = at + chunk.length;
    let from = at;
    while (from < chunkEnd) {
      while (r < ranges.length && ranges[r]!.end <= from) r++;
      const range = ranges[r];
      if (!range || range.start >= chunkEnd) {
        yield chunk.subarray(from - at);
        break;
      }
      if (range.start > from) yield chunk.subarray(from - at, range.start - at);
      from = Math.min(range.end, chunkEnd);
    }
    at = chunkEnd;
  }
}

/** A readable stream of those bytes, for an upload. */
export function readableWithout(source: AsyncIterable<Buffer>, ranges: readonly ByteRange[]): Readable {
  return Readable.from(withoutRanges(source, ranges), { objectMode: false });
}

/**
 * The byte range of every CSV record `drop` picks (records numbered from 0, the header row
 * included), read with csv-parse as a stream: quoted cells with line breaks stay one record.
 * `info.bytes` counts the bytes read up to the end of each record, its line break included.
 */
export async function csvRecordRanges(
  source: AsyncIterable<Buffer>,
  options: Pick<Options, 'delimiter'>,
  drop: (record: string[], index: number) => boolean,
): Promise<ByteRange[]> {
  const parser = parse({ ...options, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  const feeding = (async () => {
    for await (const chunk of source) if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
    parser.end();
  })();
  feeding.catch((err: unknown) => parser.destroy(err instanceof Error ? err : new Error(String(err))));
  const ranges: ByteRange[] = [];
  let previousEnd = 0;
  let index = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
    if (drop(record, index++)) ranges.push({ start: previousEnd, end: info.bytes });
    previousEnd = info.bytes;
  }
  await feeding;
  return ranges;
}

/** Byte ranges of the lines (each with its line break) that `drop` picks, lines numbered from 0. */
export async function lineRanges(source: AsyncIterable<Buffer>, drop: (line: string, index: number) => boolean): Promise<ByteRange[]> {
  const ranges: ByteRange[] = [];
  for await (const line of lines(source)) if (drop(line.text, line.index)) ranges.push({ start: line.start, end: line.end });
  return ranges;
}

/** A file's lines as text (without the line break) with their byte ranges (with it). */
export async function* lines(source: AsyncIterable<Buffer>): AsyncGenerator<{ text: string; index: number; start: number; end: number }> {
  let pending: Buffer[] = [];
  let pendingStart = 0;
  let at = 0;
  let index = 0;
  for await (const chunk of source) {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      const bytes = pending.length ? Buffer.concat([...pending, chunk.subarray(from, nl)]) : chunk.subarray(from, nl);
      const end = at + nl + 1;
      yield { text: bytes.toString('utf8').replace(/\r$/, ''), index: index++, start: pendingStart, end };
      pending = [];
      pendingStart = end;
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.subarray(from));
    at += chunk.length;
  }
  if (pending.length) yield { text: Buffer.concat(pending).toString('utf8').replace(/\r$/, ''), index, start: pendingStart, end: at };
}
