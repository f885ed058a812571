import type { CustomerResults, Driver } from './customerResults';
import type { Column } from '../ingest/Table';
import { attributeValue } from './customerAttributes';
import type { AttributeValue, RunCustomer } from './RunCustomer';
import { jsonNumber } from './jsonNumber';

/** What each line carries besides the customer's results. */
export interface CustomerLineContext {
  attributes: (row: number) => Record<string, AttributeValue>;
  /** The same attributes as columns: lines are then written without an object per customer. */
  attributeColumns?: Column[];
}

/** One customer's line of customers.jsonl (RunCustomer), fields in the documented order. */
export function runCustomer(results: CustomerResults, context: CustomerLineContext, i: number): RunCustomer {
  const segment = results.segment[i]!;
  const probability = results.churnProbability?.[i];
  const action = results.action(i);
  const classes = results.classes;
  const k = classes?.names.length ?? 0;
  return {
    id: results.ids[i]!,
    segment,
    segmentName: results.segmentNames.get(segment) ?? '',
    churnProbability: probability !== undefined && Number.isFinite(probability) ? probability : null,
    priority: results.priority[i]!,
    drivers: results.drivers?.(i) ?? [],
    consent: results.consent[i] === 1,
    ...(results.channelConsent.length ? { channelConsent: Object.fromEntries(results.channelConsent.map((c) => [c.channel, c.flags[i] === 1])) } : {}),
    ...(action ? { action } : {}),
    ...(results.rfmSegment ? { rfmSegment: results.rfmSegment[i]! } : {}),
    ...(classes
      ? {
          predictedClass: classes.names[classes.predicted[i]!]!,
          classProbabilities: Object.fromEntries(classes.names.map((name, c) => [name, classes.probabilities[i * k + c]!])),
        }
      : {}),
    ...(results.uplift && Number.isFinite(results.uplift[i]!) ? { uplift: results.uplift[i]! } : {}),
    attributes: context.attributes(i),
  };
}

/** A line's byte range in customers.jsonl (what customers.index.jsonl records). */
export interface LineRange {
  offset: number;
  length: number;
}

/** Bytes of each piece the lines are encoded into: the file is never whole in memory. */
const pieceBytes = 1024 * 1024;

/**
 * customers.jsonl as pieces of ~1 MB in input order, filling `lines` with each line's byte range as
 * it goes: an upload takes the pieces as it sends them, so a run's lines never sit in one buffer
 * beside the workbook being compressed.
 */
export function* customersJsonlPieces(results: CustomerResults, context: CustomerLineContext, lines: LineRange[]): Generator<Buffer> {
  const line = context.attributeColumns ? lineWriter(results, context.attributeColumns) : wholeLine(results, context);
  let piece = Buffer.allocUnsafe(pieceBytes);
  let used = 0;
  let offset = 0;
  for (let i = 0; i < results.rows; i++) {
    const { head, middle, tail } = line(i);
    // 3 bytes per UTF-16 unit is the most UTF-8 can take.
    const most = (head.length + tail.length) * 3 + middle.length;
    if (used + most > piece.length) {
      if (used > 0) yield piece.subarray(0, used);
      piece = Buffer.allocUnsafe(Math.max(pieceBytes, most));
      used = 0;
    }
    let length = piece.write(head, used, 'utf8');
    if (middle.length > 0) {
      piece.set(middle, used + length);
      length += middle.length;
    }
    if (tail !== '') length += piece.write(tail, used + length, 'utf8');
    used += length;
    lines[i] = { offset, length };
    offset += length;
  }
  if (used > 0) yield piece.subarray(0, used);
}

/**
 * A line in three parts, written one after the other: the text before the customer's action, the
 * action's bytes (its JSON encoded once per run, as actions repeat and are the longest field), and
 * the text after it. One object is refilled for every line.
 */
interface LineParts {
  head: string;
  middle: Buffer;
  tail: string;
}

const noBytes = Buffer.alloc(0);

function wholeLine(results: CustomerResults, context: CustomerLineContext): (i: number) => LineParts {
  const parts: LineParts = { head: '', middle: noBytes, tail: '' };
  return (i) => {
    parts.head = `${JSON.stringify(runCustomer(results, context, i))}\n`;
    return parts;
  };
}

/** customers.jsonl whole, with each line's byte range: for callers that hold a few customers. */
export function customersJsonl(results: CustomerResults, context: CustomerLineContext): { body: Buffer; lines: LineRange[] } {
  const lines: LineRange[] = new Array(results.rows);
  const body = Buffer.concat([...customersJsonlPieces(results, context, lines)]);
  return { body, lines };
}

/**
 * The text JSON.stringify(runCustomer(…)) gives, with its line break, built from parts computed
 * once per run (keys, segment names, actions, repeated category values): a run of a million
 * customers would otherwise build and serialise a million objects.
 */
function lineWriter(results: CustomerResults, columns: Column[]): (i: number) => LineParts {
  const json = (v: unknown) => JSON.stringify(v);
  const actionBytes = new Map<string, Buffer>();
  const actionField = (action: string): Buffer => {
    let bytes = actionBytes.get(action);
    if (bytes === undefined) {
      bytes = Buffer.from(`,"action":${json(action)}`, 'utf8');
      if (actionBytes.size < 10_000) actionBytes.set(action, bytes);
    }
    return bytes;
  };
  // Drivers as JSON.stringify writes a { feature, contribution } list, without its machinery per customer.
  const driversJson = (drivers: readonly Driver[]): string => {
    let out = '[';
    for (let t = 0; t < drivers.length; t++) {
      const d = drivers[t]!;
      out += `${t ? ',' : ''}{"feature":${text(d.feature)},"contribution":${jsonNumber(d.contribution)}}`;
    }
    return `${out}]`;
  };
  const parts: LineParts = { head: '', middle: noBytes, tail: '' };
  const names = new Map([...results.segmentNames].map(([s, n]) => [s, json(n)]));
  const keys = columns.map((c) => `${json(c.name)}:`);
  const textCache = new Map<string, string>();
  const text = (v: string): string => {
    let t = textCache.get(v);
    if (t === undefined) {
      t = json(v);
      if (textCache.size < 100_000) textCache.set(v, t);
    }
    return t;
  };
  const value = (c: Column, i: number): string => {
    const v = attributeValue(c, i);
    return v === null ? 'null' : typeof v === 'string' ? text(v) : typeof v === 'number' ? jsonNumber(v) : json(v);
  };
  const classes = results.classes;
  const classKeys = classes?.names.map((n) => `${json(n)}:`);
  const k = classes?.names.length ?? 0;
  return (i) => {
    const segment = results.segment[i]!;
    const id = results.ids[i];
    const p = results.churnProbability?.[i];
    let s = `{"id":${id === null || id === undefined ? 'null' : json(id)},"segment":${segment},"segmentName":${names.get(segment) ?? '""'}`;
    s += `,"churnProbability":${p !== undefined && Number.isFinite(p) ? jsonNumber(p) : 'null'},"priority":${results.priority[i]!}`;
    s += `,"drivers":${results.drivers ? driversJson(results.drivers(i)) : '[]'},"consent":${results.consent[i] === 1}`;
    if (results.channelConsent.length) s += `,"channelConsent":{${results.channelConsent.map((c) => `${json(c.channel)}:${c.flags[i] === 1}`).join(',')}}`;
    parts.head = s;
    const action = results.action(i);
    parts.middle = action ? actionField(action) : noBytes;
    s = '';
    if (results.rfmSegment) s += `,"rfmSegment":${text(results.rfmSegment[i]!)}`;
    if (classes) {
      s += `,"predictedClass":${text(classes.names[classes.predicted[i]!]!)},"classProbabilities":{`;
      for (let c = 0; c < k; c++) s += `${c ? ',' : ''}${classKeys![c]}${json(classes.probabilities[i * k + c]!)}`;
      s += '}';
    }
    const u = results.uplift?.[i];
    if (u !== undefined && Number.isFinite(u)) s += `,"uplift":${jsonNumber(u)}`;
    s += ',"attributes":{';
    for (let j = 0; j < columns.length; j++) s += `${j ? ',' : ''}${keys[j]}${value(columns[j]!, i)}`;
    parts.tail = `${s}}}\n`;
    return parts;
  };
}
