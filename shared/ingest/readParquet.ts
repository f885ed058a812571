import { IngestError } from './IngestError';
import { ColumnBuilder } from './ColumnBuilder';
import { formatBytes } from './openSourceStream';
import type { Table, TableSource } from './Table';

export interface ReadParquetOptions {
  maxColumns: number;
  maxFileBytes: number;
  maxBufferedParquetBytes: number;
}

interface AsyncBuffer {
  byteLength: number;
  slice(start: number, end?: number): Promise<ArrayBuffer> | ArrayBuffer;
}

/**
 * Reads a Parquet file with hyparquet. Parquet keeps its index at the end of the file, so it needs
 * random access: with `readRange` only the footer and the column chunks are fetched; without it the
 * file is buffered, up to `maxBufferedParquetBytes`.
 */
export async function readParquet(source: TableSource, opts: ReadParquetOptions): Promise<Table> {
  const file = await parquetBuffer(source, opts);
  // hyparquet is ESM-only; Node 20.19+ require()s it.
  const { parquetMetadataAsync, parquetRead, parquetSchema } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    throw corrupt(source.name, err);
  }
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  if (names.length > opts.maxColumns) {
    throw new IngestError({
      code: 'TOO_MANY_COLUMNS',
      file: source.name,
      message: `The file has ${names.length} columns; at most ${opts.maxColumns} are accepted.`,
      hint: 'Keep only the columns that describe customers, or split them across files joined by a manifest.json.',
    });
  }
  const rowCount = Number(metadata.num_rows);
  const builders = new Map(names.map((n) => [n, new ColumnBuilder(n)]));
  // Column chunks arrive per row group in file order; each builder fills its rows in sequence.
  const filled = new Map(names.map((n) => [n, 0]));
  try {
    await parquetRead({
      file,
      metadata,
      compressors,
      onChunk: (chunk) => {
        const b = builders.get(chunk.columnName);
        if (!b) return;
        const at = filled.get(chunk.columnName) ?? 0;
        const data = chunk.columnData as ArrayLike<unknown>;
        const skip = Math.max(0, at - chunk.rowStart);
        for (let i = skip; i < data.length; i++) b.push(data[i] as never);
        filled.set(chunk.columnName, chunk.rowStart + data.length);
      },
    });
  } catch (err) {
    throw corrupt(source.name, err);
  }
  const columns = names.map((n) => {
    const b = builders.get(n)!;
    if (b.size < rowCount) b.padMissing(rowCount - b.size);
    return b.build();
  });
  return { name: source.name, columns, rowCount, source: { format: 'parquet', bytes: file.byteLength } };
}

async function parquetBuffer(source: TableSource, opts: ReadParquetOptions): Promise<AsyncBuffer> {
  if (source.size !== undefined && source.size > opts.maxFileBytes) {
    throw new IngestError({
      code: 'FILE_TOO_LARGE',
      file: source.name,
      message: `The file is larger than the ${formatBytes(opts.maxFileBytes)} this service accepts (${formatBytes(source.size)}).`,
      hint: 'Split it into smaller files listed in a manifest.json.',
    });
  }
  if (source.readRange && source.size !== undefined) {
    const readRange = source.readRange.bind(source);
    return {
      byteLength: source.size,
      async slice(start: number, end?: number): Promise<ArrayBuffer> {
        const bytes = await readRange(start, end ?? source.size!);
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      },
    };
  }
  const limit = Math.min(opts.maxBufferedParquetBytes, opts.maxFileBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of (await source.open()) as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      throw new IngestError({
        code: 'FILE_TOO_LARGE',
        file: source.name,
        message: `Parquet files read without random access are limited to ${formatBytes(limit)}; this one is larger.`,
        hint: 'Split the file into several Parquet files listed in a manifest.json.',
      });
    }
    chunks.push(chunk);
  }
  const whole = Buffer.concat(chunks);
  return {
    byteLength: whole.length,
    slice: (start: number, end?: number) => whole.buffer.slice(whole.byteOffset + start, whole.byteOffset + (end ?? whole.length)) as ArrayBuffer,
  };
}

function corrupt(file: string, err: unknown): IngestError {
  const reason = err instanceof Error ? err.message : String(err);
  return new IngestError({
    code: 'PARQUET_CORRUPT',
    file,
    message: `The file cannot be read as Parquet (${reason.slice(0, 120)}).`,
    hint: 'Write the file again (pandas: df.to_parquet(path)) and upload it again, or upload the data as CSV.',
  });
}
