import { isUtf8 } from 'node:buffer';
import { maxRecordChars } from './Table';

const lineFeed = 0x0a, carriageReturn = 0x0d, quote = 0x22;

/**
 * Splits UTF-8 delimited text that needs none of CSV's quoting rules into records, as csv-parse
 * splits it with readCsv's options (line ends found from the first one, empty lines skipped, a UTF-8
 * byte-order mark dropped), but a block of lines at a time with the engine's own decoding and
 * `split`: most exports are such text, and csv-parse's byte-by-byte loop was half of reading them.
 *
 * Answers false, part of the stream consumed and no record of the failing block handed on, as soon
 * as the text needs csv-parse: a quote anywhere, a carriage return other than in "\r\n" line ends, a
 * line with another number of fields than the first, a line that could pass maxRecordChars, bytes
 * that are not UTF-8, a UTF-16 byte-order mark. The caller then reads the file again with csv-parse,
 * which also words every error about the text.
 */
export async function splitPlainCsv(stream: AsyncIterable<Buffer>, delimiter: string, onRecord: (record: string[]) => void): Promise<boolean> {
  let pending: Buffer = Buffer.alloc(0);
  let started = false;
  let crlf: boolean | undefined;
  let fields = -1;
  // A UTF-16 code unit is at most three UTF-8 bytes: a line this short is within csv-parse's limit.
  const longestLine = Math.floor(maxRecordChars / 3);

  const take = (line: string): boolean => {
    if (line.length > longestLine) return false;
    if (line.length === 0) return true;
    const record = line.split(delimiter);
    if (fields < 0) fields = record.length;
    else if (record.length !== fields) return false;
    onRecord(record);
    return true;
  };

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
    if (crlf === undefined) {
      // csv-parse takes the first line end it meets ("\r\n", "\n" or a lone "\r") for the whole file.
      let at = 0;
      while (at < buf.length && buf[at] !== lineFeed && buf[at] !== carriageReturn) at++;
      if (at === buf.length || (buf[at] === carriageReturn && at + 1 === buf.length)) {
        pending = buf;
        if (pending.length > longestLine) return false;
        continue;
      }
      if (buf[at] === carriageReturn && buf[at + 1] !== lineFeed) return false;
      crlf = buf[at] === carriageReturn;
    }
    const end = buf.lastIndexOf(lineFeed);
    if (end < 0) {
      pending = buf;
      if (pending.length > longestLine) return false;
      continue;
    }
    const block = buf.subarray(0, end);
    if (block.includes(quote) || !isUtf8(block)) return false;
    const text = block.toString('utf8');
    for (let from = 0; from <= text.length; ) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = text.length;
      let line = text.slice(from, to);
      if (crlf) {
        // Each line must end "\r\n"; a lone "\n" would be part of a value to csv-parse.
        if (line.charCodeAt(line.length - 1) !== carriageReturn) return false;
        line = line.slice(0, -1);
      }
      if (line.includes('\r') || !take(line)) return false;
      from = to + 1;
    }
    pending = buf.subarray(end + 1);
    if (pending.length > longestLine) return false;
  }
  // A file of one or two bytes is left to csv-parse, which decides about a byte-order mark there.
  if (!started) return pending.length === 0;
  if (pending.length === 0) return true;
  // The last line, without a line end: a carriage return in it would be part of its last value.
  if (pending.includes(quote) || !isUtf8(pending)) return false;
  const last = pending.toString('utf8');
  return !last.includes('\r') && take(last);
}
