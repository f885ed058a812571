import * as iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { ColumnBuilder, type CellValue } from './ColumnBuilder';
import { detectEncoding } from './detectEncoding';
import { IngestError } from './IngestError';
import type { Table } from './Table';

export interface ReadJsonlOptions {
  maxColumns: number;
}

/**
 * Streams JSON Lines into a flat event table. A line holding an array of objects (the OTTO shape
 * `{"session": 1, "events": [{"aid", "ts", "type"}]}`) becomes one row per array element, with the
 * line's scalar fields repeated; a flat line (`{"customer_id", "event", "ts"}`) is one row.
 * Nested objects become dotted column names.
 */
export async function readJsonl(file: string, head: Buffer, stream: Readable, opts: ReadJsonlOptions): Promise<Table> {
  const { encoding } = detectEncoding(head);
  const decoded = stream.pipe(iconv.decodeStream(encoding, { stripBOM: true }));
  const lines = createInterface({ input: decoded, crlfDelay: Infinity });
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
    for (const [key, b] of builders) b.push(record[key]);
    rows++;
  };
  const readLines = async (): Promise<void> => {
    for await (const line of lines) {
      lineNo++;
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
    lines.close();
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
