import { parse, CsvError } from 'csv-parse';
import * as iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { detectDecimalMark, detectDelimiter } from './detectDelimiter';
import { detectEncoding } from './detectEncoding';
import { IngestError } from './IngestError';
import { cellTexts, type PlainCells } from './PlainCells';
import { splitPlainCsv } from './splitPlainCsv';
import { TableAssembler } from './TableAssembler';
import { maxRecordChars, type Table } from './Table';

export interface ReadCsvOptions {
  maxColumns: number;
  maxCellChars?: number;
  delimiter?: string;
  decimal?: '.' | ',';
  encoding?: string;
}

/**
 * Streams a delimited text file into a Table: encoding, delimiter and decimal mark are detected from
 * the head, the bytes are decoded by iconv-lite and split by csv-parse, and values go straight into
 * typed column builders, so only the columns (never the file's text) are held in memory. UTF-8 text
 * whose quotes, if any, wrap whole cells is cut in its bytes by splitPlainCsv instead, the same table
 * faster; given `reopen`, a file that turns out to need csv-parse is read again from its start by it.
 */
export async function readCsv(file: string, head: Buffer, stream: Readable, opts: ReadCsvOptions, reopen?: () => Promise<Readable>): Promise<Table> {
  const detected = detectEncoding(head);
  const encoding = opts.encoding ?? detected.encoding;
  const headText = iconv.decode(head, encoding, { stripBOM: true });
  const sampleText = headText;
  const delimiter = opts.delimiter ?? (file.toLowerCase().endsWith('.tsv') ? '\t' : detectDelimiter(sampleText));
  const decimal = opts.decimal ?? detectDecimalMark(sampleText, delimiter);

  // csv-parse splits bytes fastest; only other encodings go through an iconv-lite decoder first.
  const utf8 = encoding.replace('-', '').toLowerCase() === 'utf8';

  let assembler: TableAssembler | undefined;
  // Blank lines before the header are skipped by the parser; count them for the reported row.
  const headerLine = 1 + (/^(?:[ \t]*\r?\n)*/.exec(sampleText)?.[0].split('\n').length ?? 1) - 1;
  // Line numbers for errors count one line per record after the header: exact unless a quoted value
  // spans lines. (csv-parse's per-record `info` would be exact, but costs 40 % of the parse time.)
  let line = headerLine;
  const onRecord = (record: string[]): void => {
    if (!assembler) {
      if (record.every((f) => f.trim() === '')) return;
      assembler = new TableAssembler(file, record, { maxColumns: opts.maxColumns, decimal, maxCellChars: opts.maxCellChars, headerRow: headerLine });
      return;
    }
    assembler.addRow(record, ++line);
  };
  // Plain records go to the assembler as bytes; the header is read as text.
  const onCells = (cells: PlainCells): void => {
    if (assembler) assembler.addCells(cells, ++line);
    else onRecord(cellTexts(cells));
  };
  try {
    let plain = false;
    if (utf8 && reopen && delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 && delimiter !== '"' && delimiter !== '\r' && delimiter !== '\n') {
      plain = await splitPlainCsv(stream, delimiter, onCells);
      if (!plain) {
        stream.destroy();
        assembler = undefined;
        line = headerLine;
        stream = await reopen();
      }
    }
    if (!plain) await parseCsv(stream, { delimiter, utf8, encoding }, onRecord);
  } catch (err) {
    stream.destroy();
    throw csvError(file, err);
  }
  if (!assembler) {
    throw new IngestError({
      code: 'EMPTY_FILE',
      file,
      message: 'The file is empty: it has no header and no rows.',
      hint: 'Upload the file again; check that the export finished and wrote its rows.',
    });
  }
  return assembler.finish({ format: 'csv', encoding, delimiter, decimal, headerRow: headerLine, bytes: undefined });
}

/** csv-parse over the stream (through an iconv-lite decoder unless UTF-8), each record handed to onRecord. */
async function parseCsv(stream: Readable, how: { delimiter: string; utf8: boolean; encoding: string }, onRecord: (record: string[]) => void): Promise<void> {
  // A quote that never closes would otherwise gather the rest of the file into one field.
  const parser = parse({ delimiter: how.delimiter, skip_empty_lines: true, relax_quotes: true, bom: how.utf8, max_record_size: maxRecordChars });
  stream.on('error', (err) => parser.destroy(err));
  if (how.utf8) stream.pipe(parser);
  else {
    const decoder = iconv.decodeStream(how.encoding, { stripBOM: true });
    decoder.on('error', (err) => parser.destroy(err));
    stream.pipe(decoder).pipe(parser);
  }
  // Records as events rather than `for await`, which costs a promise per record.
  parser.on('data', (record: string[]) => {
    try {
      onRecord(record);
    } catch (err) {
      parser.destroy(err as Error);
    }
  });
  await finished(parser);
}

function csvError(file: string, err: unknown): unknown {
  if (err instanceof IngestError) return err;
  if (err instanceof CsvError) {
    const e = err as CsvError & { lines?: number; record?: string[]; column?: number | string };
    if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
      const got = e.record?.length;
      return new IngestError({
        code: 'CSV_RAGGED_ROW',
        file,
        row: e.lines,
        message: `Line ${e.lines} has ${got ?? 'a different number of'} fields where the lines before it have ${expectedFields(e.message) ?? 'another number'}.`,
        hint: 'A value probably contains the delimiter without quotes, or the line was cut. Quote such values ("a, b") or fix the line, then upload again.',
      });
    }
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      return new IngestError({
        code: 'CELL_TOO_LONG',
        file,
        row: e.lines,
        message: `The record starting before line ${e.lines} is longer than ${maxRecordChars.toLocaleString('en-US')} characters.`,
        hint: 'This usually comes from a quote (") that opens a value and never closes. Check the quotes around that line, then upload again.',
      });
    }
    return new IngestError({
      code: 'CSV_MALFORMED',
      file,
      row: e.lines,
      message: `The file cannot be read as delimited text at line ${e.lines}: ${e.message.replace(/^[^:]*: /, '')}`,
      hint: 'Check the quotes on that line (a quote that opens must close), then upload again.',
    });
  }
  return err;
}

function expectedFields(message: string): string | undefined {
  return /expect (\d+)/.exec(message)?.[1];
}
