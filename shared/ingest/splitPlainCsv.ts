import { isUtf8 } from 'node:buffer';
import type { PlainCells } from './PlainCells';
import { maxRecordChars } from './Table';

const lineFeed = 0x0a, carriageReturn = 0x0d, quote = 0x22;

/**
 * Splits UTF-8 delimited text that needs little of CSV's quoting rules into records, as csv-parse
 * splits it with readCsv's options (line ends found from the first one, empty lines skipped, a UTF-8
 * byte-order mark dropped), scanning the bytes themselves: cells are handed on as byte ranges, so a
 * number never becomes a string and no array is built per record; csv-parse's character loop and
 * decoding every cell were most of reading a file. `delimiter` must be one ASCII character.
 *
 * Answers false, part of the stream consumed and the records before the failing line handed on
 * (the caller drops them), as soon as the text needs csv-parse: a quote other than around a whole
 * cell on one line, a carriage return other than in "\r\n" line ends, a line with another number of
 * fields than the first, a line that could pass maxRecordChars, bytes that are not UTF-8, a UTF-16
 * byte-order mark. The caller then reads the file again with csv-parse, which also words every
 * error about the text.
 */
export async function splitPlainCsv(stream: AsyncIterable<Buffer>, delimiter: string, onRecord: (cells: PlainCells) => void): Promise<boolean> {
  const split = new LineSplitter(delimiter.charCodeAt(0), onRecord);
  let pending: Buffer = Buffer.alloc(0);
  let started = false;

  for await (const chunk of stream) {
    let buf: Buffer = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    if (!started) {
      if (buf.length < 3) {
        pending = buf;
        continue;
      }
      if (buf[0] === 0xff && buf[1] === 0xfe) return false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      started = true;
    }
    if (split.crlf === undefined) {
      // csv-parse takes the first line end it meets ("\r\n", "\n" or a lone "\r") for the whole file.
      let at = 0;
      while (at < buf.length && buf[at] !== lineFeed && buf[at] !== carriageReturn) at++;
      if (at === buf.length || (buf[at] === carriageReturn && at + 1 === buf.length)) {
        pending = buf;
        if (pending.length > split.longestLine) return false;
        continue;
      }
      if (buf[at] === carriageReturn && buf[at + 1] !== lineFeed) return false;
      split.crlf = buf[at] === carriageReturn;
    }
    const end = buf.lastIndexOf(lineFeed);
    if (end < 0) {
      pending = buf;
      if (pending.length > split.longestLine) return false;
      continue;
    }
    const block = buf.subarray(0, end + 1);
    if (!isUtf8(block)) return false;
    if (!split.lines(block)) return false;
    pending = buf.subarray(end + 1);
    if (pending.length > split.longestLine) return false;
  }
  // A file of one or two bytes is left to csv-parse, which decides about a byte-order mark there.
  if (!started) return pending.length === 0;
  if (pending.length === 0) return true;
  if (!isUtf8(pending)) return false;
  return split.lastLine(pending);
}

/** The byte loop of splitPlainCsv: lines of a block, cut into cells in one pass. */
class LineSplitter {
  /** Whether lines end "\r\n", once the first line end is seen. */
  crlf: boolean | undefined;
  // A UTF-16 code unit is at most three UTF-8 bytes: a line this short is within csv-parse's limit.
  readonly longestLine = Math.floor(maxRecordChars / 3);
  private fields = -1;
  private readonly cells: PlainCells = { bytes: Buffer.alloc(0), starts: new Int32Array(64), ends: new Int32Array(64), escaped: new Uint8Array(64), count: 0 };

  constructor(
    private readonly delimiter: number,
    private readonly onRecord: (cells: PlainCells) => void,
  ) {}

  /** Every line of `block`, which ends with a line feed; false when one needs csv-parse. */
  lines(block: Buffer): boolean {
    const delimiter = this.delimiter;
    const cells = this.cells;
    cells.bytes = block;
    let starts = cells.starts, ends = cells.ends, escaped = cells.escaped;
    let lineStart = 0, cellStart = 0, count = 0, returns = 0;
    // Where the open cell's closing quote is, when it is quoted (its value lies between the quotes).
    let closing = -1, hasEscapes = 0;
    for (let i = 0; i < block.length; i++) {
      const c = block[i]!;
      if (c === delimiter) {
        if (count + 1 >= starts.length) ({ starts, ends, escaped } = this.grow());
        if (closing < 0) {
          starts[count] = cellStart;
          ends[count] = i;
          escaped[count++] = 0;
        } else {
          starts[count] = cellStart + 1;
          ends[count] = closing;
          escaped[count++] = hasEscapes;
          closing = -1;
        }
        cellStart = i + 1;
      } else if (c === lineFeed) {
        let lineEnd = i;
        if (this.crlf) {
          // Each line must end "\r\n", with no other carriage return; a lone "\n" would be part of a value to csv-parse.
          if (returns !== 1 || block[i - 1] !== carriageReturn || i === lineStart) return false;
          lineEnd = i - 1;
        } else if (returns !== 0) return false;
        if (closing < 0) {
          starts[count] = cellStart;
          ends[count] = lineEnd;
          escaped[count] = 0;
        } else {
          starts[count] = cellStart + 1;
          ends[count] = closing;
          escaped[count] = hasEscapes;
          closing = -1;
        }
        if (!this.take(block, lineStart, lineEnd, count + 1)) return false;
        lineStart = cellStart = i + 1;
        count = returns = 0;
      } else if (c === carriageReturn) returns++;
      else if (c === quote) {
        // Only a quote that opens a cell and closes right before a delimiter or the line end, with
        // no line end inside ("a, b" or "say ""hi"""), reads the same here as in csv-parse.
        if (i !== cellStart) return false;
        let j = i + 1;
        hasEscapes = 0;
        for (;;) {
          const q = block[j];
          if (q === undefined || q === lineFeed || q === carriageReturn) return false;
          if (q === quote) {
            if (block[j + 1] !== quote) break;
            hasEscapes = 1;
            j++;
          }
          j++;
        }
        const next = block[j + 1];
        if (next !== delimiter && next !== lineFeed && next !== carriageReturn) return false;
        closing = j;
        i = j;
      }
    }
    return true;
  }

  /** The file's last line, which has no line end: a carriage return in it would be part of its last value. */
  lastLine(bytes: Buffer): boolean {
    if (bytes.includes(carriageReturn)) return false;
    const crlf = this.crlf;
    this.crlf = false;
    const ok = this.lines(Buffer.concat([bytes, Buffer.from([lineFeed])]));
    this.crlf = crlf;
    return ok;
  }

  private take(bytes: Buffer, from: number, to: number, count: number): boolean {
    // Bytes overcount characters; only a line that long is decoded to measure it.
    if (to - from > this.longestLine && bytes.toString('utf8', from, to).length > this.longestLine) return false;
    if (to === from) return true;
    if (this.fields < 0) this.fields = count;
    else if (count !== this.fields) return false;
    this.cells.count = count;
    this.onRecord(this.cells);
    return true;
  }

  private grow(): PlainCells {
    const cells = this.cells;
    const starts = new Int32Array(cells.starts.length * 2), ends = new Int32Array(cells.ends.length * 2), escaped = new Uint8Array(cells.escaped.length * 2);
    starts.set(cells.starts);
    ends.set(cells.ends);
    escaped.set(cells.escaped);
    cells.starts = starts;
    cells.ends = ends;
    cells.escaped = escaped;
    return cells;
  }
}
