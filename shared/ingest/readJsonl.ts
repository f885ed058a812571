import * as iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import { ColumnBuilder, type CellValue } from './ColumnBuilder';
import { detectEncoding } from './detectEncoding';
import { IngestError } from './IngestError';
import { maxRecordChars, type Table } from './Table';

export interface ReadJsonlOptions {
  maxColumns: number;
  maxCellChars?: number;
}

/** Nesting deeper than this is not an event record; it would also overflow the stack when flattened. */
const maxDepth = 32;

/**
 * Streams JSON Lines into a flat event table. A line holding an array of objects (the OTTO shape
 * `{"session": 1, "events": [{"aid", "ts", "type"}]}`) becomes one row per array element, with the
 * line's scalar fields repeated; a flat line (`{"customer_id", "event", "ts"}`) is one row.
 * Nested objects become dotted column names.
 */
export async function readJsonl(file: string, head: Buffer, stream: Readable, opts: ReadJsonlOptions): Promise<Table> {
  const { encoding } = detectEncoding(head);
  const decoded = stream.pipe(iconv.decodeStream(encoding, { stripBOM: true }));
  const lines = boundedLines(decoded, maxRecordChars);
  const maxCellChars = opts.maxCellChars ?? Infinity;
  // readline does not hear about errors of the stream piped into it (size limit, network): race them.
  let sourceFailed: (err: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (sourceFailed = reject));
  stream.on('error', (err) => sourceFailed(err));
  decoded.on('error', (err) => sourceFailed(err));
  const builders = new Map<string, ColumnBuilder>();
  let rows = 0;
  let lineNo = 0;
  const add = (record: Record<string, CellValue>): void => {
    for (const key of Object.keys(record)) {
      if (!builders.has(key)) {
        if (builders.size >= opts.maxColumns) {
          throw new IngestError({
            code: 'TOO_MANY_COLUMNS',
            file,
            row: lineNo,
            message: `The events have more than ${opts.maxColumns} distinct fields.`,
            hint: 'Keep only the fields that describe events (id, time, type, item), then upload again.',
          });
        }
        const b = new ColumnBuilder(key);
        b.padMissing(rows);
        builders.set(key, b);
      }
    }
    for (const [key, b] of builders) {
      const v = record[key];
      if (typeof v === 'string' && v.length > maxCellChars) {
        throw new IngestError({
          code: 'CELL_TOO_LONG',
          file,
          row: lineNo,
          column: key.length > 80 ? `${key.slice(0, 77)}...` : key,
          message: `Line ${lineNo} has a value of ${v.length.toLocaleString('en-US')} characters in "${key.slice(0, 80)}"; at most ${maxCellChars.toLocaleString('en-US')} are accepted.`,
          hint: 'Keep only the fields that describe events (id, time, type, item), then upload again.',
        });
      }
      b.push(v);
    }
    rows++;
  };
  const readLines = async (): Promise<void> => {
    for await (const line of lines) {
      lineNo++;
      if (line === null) {
        throw new IngestError({
          code: 'JSONL_MALFORMED',
          file,
          row: lineNo,
          message: `Line ${lineNo} is longer than ${maxRecordChars.toLocaleString('en-US')} characters.`,
          hint: 'Each line must be one JSON object for one event or session; check that the lines are separated by line breaks.',
        });
      }
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new IngestError({
          code: 'JSONL_MALFORMED',
          file,
          row: lineNo,
          message: `Line ${lineNo} is not valid JSON.`,
          hint: 'Each line must be one JSON object, e.g. {"customer_id": 1, "event": "click", "ts": 1700000000}. Fix or remove that line.',
        });
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new IngestError({
          code: 'JSONL_MALFORMED',
          file,
          row: lineNo,
          message: `Line ${lineNo} is not a JSON object.`,
          hint: 'Each line must be one JSON object with the event fields.',
        });
      }
      if (depthOf(parsed, maxDepth) > maxDepth) {
        throw new IngestError({
          code: 'JSONL_MALFORMED',
          file,
          row: lineNo,
          message: `Line ${lineNo} nests objects or arrays more than ${maxDepth} levels deep.`,
          hint: 'Each line must be one flat JSON object for an event (or a session with a list of events).',
        });
      }
      const scalars: Record<string, CellValue> = {};
      let nested: { key: string; items: unknown[] } | undefined;
      flatten(parsed as Record<string, unknown>, '', scalars, (key, items) => {
        if (!nested && items.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) nested = { key, items };
        else scalars[key] = JSON.stringify(items);
      });
      if (nested && nested.items.length > 0) {
        for (const item of nested.items) {
          const row: Record<string, CellValue> = { ...scalars };
          flatten(item as Record<string, unknown>, '', row, (k, v) => (row[k] = JSON.stringify(v)));
          add(row);
        }
      } else add(scalars);
    }
  };
  try {
    await Promise.race([readLines(), failure]);
  } catch (err) {
    stream.destroy();
    (decoded as unknown as Readable).destroy();
    throw err;
  }
  if (rows === 0) {
    throw new IngestError({
      code: 'EMPTY_FILE',
      file,
      message: 'The file holds no JSON lines.',
      hint: 'Upload a file with one JSON object per line.',
    });
  }
  const columns = [...builders.values()].map((b) => b.build());
  return { name: file, columns, rowCount: rows, source: { format: 'jsonl', encoding } };
}

/**
 * Lines of decoded text, without their line breaks; a line longer than `maxChars` comes out as null
 * (and ends the reading), so one line without breaks cannot grow past the limit in memory.
 */
async function* boundedLines(text: AsyncIterable<string | Buffer>, maxChars: number): AsyncGenerator<string | null> {
  let pending = '';
  for await (const chunk of text) {
    // Only the new text can hold the next line break: a long line is not searched again per chunk.
    const searchFrom = pending.length;
    pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let start = 0;
    for (let nl = pending.indexOf('\n', searchFrom); nl >= 0; nl = pending.indexOf('\n', start)) {
      const line = pending.slice(start, nl);
      if (line.length > maxChars) {
        yield null;
        return;
      }
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (pending.length > maxChars) {
      yield null;
      return;
    }
  }
  if (pending.length > 0) yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
}

/** How deep a parsed JSON value nests, counted without recursion and only up to `limit + 1`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > deepest) deepest = d + 1;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return deepest;
}

function flatten(
  obj: Record<string, unknown>,
  prefix: string,
  out: Record<string, CellValue>,
  onArray: (key: string, items: unknown[]) => void,
): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v)) onArray(key, v);
    else if (v !== null && typeof v === 'object') flatten(v as Record<string, unknown>, key, out, onArray);
    else out[key] = v as CellValue;
  }
}
