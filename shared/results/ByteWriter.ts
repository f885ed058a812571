/** Bytes of each further block, when the text outgrows the first. */
const blockBytes = 8 * 1024 * 1024;

/**
 * Text appended as UTF-8 into large buffers: a file of a million long lines as one string would pass
 * V8's string limit, and encoding each piece straight into a buffer gives its byte length (a line's
 * range in customers.jsonl) for free. The first block is as large as the caller expects the file
 * to be, so a well-sized file is never copied into one buffer at the end (the part of a block not
 * written is never touched, so it takes no memory).
 */
export class ByteWriter {
  private readonly blocks: Buffer[] = [];
  private block: Buffer;
  private used = 0;
  /** Bytes written so far. */
  length = 0;

  constructor(expectedBytes = blockBytes) {
    this.block = Buffer.allocUnsafe(Math.max(1024, Math.ceil(expectedBytes)));
  }

  /** Appends `text`; returns its length in bytes. */
  write(text: string): number {
    // 3 bytes per UTF-16 unit is the most UTF-8 can take.
    if (this.used + text.length * 3 > this.block.length) {
      this.blocks.push(this.block.subarray(0, this.used));
      this.block = Buffer.allocUnsafe(Math.max(blockBytes, text.length * 3));
      this.used = 0;
    }
    const bytes = this.block.write(text, this.used, 'utf8');
    this.used += bytes;
    this.length += bytes;
    return bytes;
  }

  /** Appends bytes already encoded (a text repeated down the file, encoded once); returns their length. */
  writeBytes(bytes: Uint8Array): number {
    if (this.used + bytes.length > this.block.length) {
      this.blocks.push(this.block.subarray(0, this.used));
      this.block = Buffer.allocUnsafe(Math.max(blockBytes, bytes.length));
      this.used = 0;
    }
    this.block.set(bytes, this.used);
    this.used += bytes.length;
    this.length += bytes.length;
    return bytes.length;
  }

  /** Everything written, as one buffer. */
  toBuffer(): Buffer {
    const last = this.block.subarray(0, this.used);
    if (this.blocks.length > 0) return Buffer.concat([...this.blocks, last], this.length);
    // A file far smaller than its block is copied out, so it does not keep the whole block alive.
    return this.used < this.block.length / 4 ? Buffer.from(last) : last;
  }
}

/** What to expect of a file of `count` records like `first`: a quarter more, as records differ in length. */
export function expectedBytes(first: string, count: number): number {
  return Buffer.byteLength(first, 'utf8') * count * 1.25 + 64 * 1024;
}
