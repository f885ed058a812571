import type { Readable } from 'node:stream';
import { checkXlsxArchive, defaultXlsxArchiveLimits } from './checkXlsxArchive';
import { IngestError } from './IngestError';
import { formatBytes, openSourceStream } from './openSourceStream';
import { readCsv } from './readCsv';
import { readJsonl } from './readJsonl';
import { readParquet } from './readParquet';
import { readXlsx } from './readXlsx';
import { formatFromName, sniffContent, type SniffedContent } from './sniffFormat';
import { defaultReadTableOptions, type ReadTableOptions, type Table, type TableSource } from './Table';

type ResolvedOptions = ReadTableOptions & { [K in keyof typeof defaultReadTableOptions]: number };

const peekBytes = 64 * 1024;

/**
 * Reads one uploaded file (CSV/TSV/TXT, XLSX, Parquet, JSON Lines) into a typed, columnar Table,
 * streaming from the source. Every problem a person can fix comes out as an IngestError.
 */
export async function readTable(source: TableSource, options: ReadTableOptions = {}): Promise<Table> {
  const opts = { ...defaultReadTableOptions, ...options };
  const format = formatFromName(source.name);
  if (!format) {
    throw new IngestError({
      code: 'UNSUPPORTED_FORMAT',
      file: source.name,
      message: 'This kind of file is not read: only .csv, .tsv, .txt, .xlsx, .parquet, .jsonl and .ndjson are.',
      hint: 'Export the data as CSV or XLSX and upload that file.',
    });
  }
  let table: Table;
  if (format === 'parquet') {
    table = await readParquet(source, opts);
  } else {
    const { head, stream } = await openSourceStream(source, peekBytes, opts.maxFileBytes);
    const content = sniffContent(head);
    if (content === 'empty') {
      stream.destroy();
      throw new IngestError({
        code: 'EMPTY_FILE',
        file: source.name,
        message: 'The file is empty (0 bytes).',
        hint: 'Upload the file again; check that the export finished and wrote its rows.',
      });
    }
    checkContent(source.name, format, content, () => stream.destroy());
    if (format === 'xlsx') table = await readCheckedXlsx(source, stream, opts);
    else if (format === 'jsonl') table = await readJsonl(source.name, head, stream, opts);
    else table = await readCsv(source.name, head, stream, opts, async () => (await openSourceStream(source, 0, opts.maxFileBytes)).stream);
  }
  if (table.rowCount === 0) {
    throw new IngestError({
      code: 'HEADER_ONLY',
      file: source.name,
      message: `The file has a header (${table.columns.slice(0, 5).map((c) => c.name).join(', ')}${table.columns.length > 5 ? ', ...' : ''}) but no data rows.`,
      hint: 'Export the data again with its rows, then upload it again.',
    });
  }
  if (table.source && source.size !== undefined) table.source.bytes = source.size;
  return table;
}

/**
 * Checks the workbook's archive (checkXlsxArchive) before the workbook reader expands it. Workbooks
 * that fit in memory are read once, then checked and read there; larger ones are checked and read
 * through range reads.
 */
async function readCheckedXlsx(source: TableSource, stream: Readable, opts: ResolvedOptions): Promise<Table> {
  const limits = { ...defaultXlsxArchiveLimits, maxExpandedBytes: opts.maxXlsxExpandedBytes };
  const xlsxOptions = { maxColumns: opts.maxColumns, sheet: opts.sheet, maxCellChars: opts.maxCellChars };
  const { readRange } = source;
  if (readRange && source.size !== undefined && source.size > opts.maxBufferedXlsxBytes) {
    stream.destroy();
    const archive = { size: source.size, readRange: (start: number, end: number) => readRange.call(source, start, end) };
    await checkXlsxArchive(source.name, archive, limits);
    return readXlsx(source.name, archive, xlsxOptions);
  }
  const bytes = await readWhole(source.name, stream, opts.maxBufferedXlsxBytes);
  await checkXlsxArchive(source.name, bytes, limits);
  return readXlsx(source.name, bytes, xlsxOptions);
}

async function readWhole(file: string, stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new IngestError({
        code: 'FILE_TOO_LARGE',
        file,
        message: `The workbook is larger than the ${formatBytes(maxBytes)} accepted for .xlsx files read this way.`,
        hint: 'Export the sheet as CSV (it streams at any size), or split it into smaller workbooks listed in a manifest.json.',
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

const looksLike: Record<SniffedContent, string> = {
  zip: 'a ZIP archive (an .xlsx workbook is one)',
  ole2: 'an old Excel .xls file or a password-protected workbook',
  parquet: 'a Parquet file',
  json: 'JSON text',
  text: 'plain text',
  binary: 'binary data',
  empty: 'empty',
};

function checkContent(file: string, format: string, content: SniffedContent, close: () => void): void {
  const fail = (err: IngestError): never => {
    close();
    throw err;
  };
  if (format === 'xlsx') {
    if (content === 'zip') return;
    if (content === 'ole2') {
      fail(
        new IngestError({
          code: 'XLSX_ENCRYPTED',
          file,
          message: 'The workbook is password-protected (encrypted) or is an old-format .xls file, so it cannot be read.',
          hint: 'Open it in Excel, remove the password (File > Info > Protect Workbook) and save as .xlsx, then upload it again.',
        }),
      );
    }
    fail(wrongFormat(file, '.xlsx workbook', content));
  }
  if (content === 'text' || content === 'json') return;
  fail(wrongFormat(file, format === 'jsonl' ? 'JSON Lines text file' : 'delimited text file', content));
}

function wrongFormat(file: string, expected: string, content: SniffedContent): IngestError {
  const rename =
    content === 'zip' ? ' If it is an Excel workbook, give it the .xlsx extension.' : content === 'parquet' ? ' If it is Parquet, give it the .parquet extension.' : '';
  return new IngestError({
    code: 'WRONG_FORMAT',
    file,
    message: `The file is named like a ${expected}, but its content is ${looksLike[content]}.`,
    hint: `Upload the file in the format its name says.${rename}`,
  });
}
