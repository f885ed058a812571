import { Readable } from 'node:stream';
import { IngestError } from './IngestError';
import type { TableSource } from './Table';

export interface PeekedStream {
  /** The first bytes of the file, for sniffing format, encoding and delimiter. */
  head: Buffer;
  /** The whole file again, head included, still streaming. */
  stream: Readable;
}

/**
 * Opens a source, reads its first `peekBytes` and hands back a stream that replays them, so a file is
 * sniffed without being read twice. Counts bytes as they pass and stops at the size limit.
 */
export async function openSourceStream(source: TableSource, peekBytes: number, maxBytes: number): Promise<PeekedStream> {
  if (source.size !== undefined && source.size > maxBytes) throw tooLarge(source.name, source.size, maxBytes);
  const opened = await source.open();
  const iterator = (opened as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let seen = 0;
  let done = false;
  while (seen < peekBytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(chunk);
    seen += chunk.length;
    if (seen > maxBytes) throw tooLarge(source.name, seen, maxBytes);
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      seen += chunk.length;
      if (seen > maxBytes) throw tooLarge(source.name, seen, maxBytes);
      yield chunk;
    }
  }
  return { head, stream: Readable.from(replay(), { objectMode: false }) };
}

function tooLarge(file: string, bytes: number, maxBytes: number): IngestError {
  return new IngestError({
    code: 'FILE_TOO_LARGE',
    file,
    message: `The file is larger than the ${formatBytes(maxBytes)} this service accepts (${formatBytes(bytes)} or more).`,
    hint: 'Split it into smaller files listed in a manifest.json, or drop columns and rows that are not needed.',
  });
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
