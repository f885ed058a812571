import type { CustomerResults } from './customerResults';
import type { Column } from '../ingest/Table';
import { attributeValue } from './customerAttributes';
import type { AttributeValue, RunCustomer } from './RunCustomer';
import { ByteWriter, expectedBytes } from './ByteWriter';
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
  const action = results.actions.get(segment);
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
    attributes: context.attributes(i),
  };
}

/** customers.jsonl: one JSON line per customer in input order, and each line's byte range for the index. */
export function customersJsonl(results: CustomerResults, context: CustomerLineContext): { body: Buffer; lines: { offset: number; length: number }[] } {
  const lines: { offset: number; length: number }[] = new Array(results.rows);
  const line = context.attributeColumns ? lineWriter(results, context.attributeColumns) : (i: number) => `${JSON.stringify(runCustomer(results, context, i))}\n`;
  const first = results.rows > 0 ? line(0) : '';
  const out = new ByteWriter(expectedBytes(first, results.rows));
  for (let i = 0; i < results.rows; i++) {
    const offset = out.length;
    lines[i] = { offset, length: out.write(i === 0 ? first : line(i)) };
  }
  return { body: out.toBuffer(), lines };
}

/**
 * The text JSON.stringify(runCustomer(…)) gives, with its line break, built from parts computed
 * once per run (keys, segment names, actions, repeated category values): a run of a million
 * customers would otherwise build and serialise a million objects.
 */
function lineWriter(results: CustomerResults, columns: Column[]): (i: number) => string {
  const json = (v: unknown) => JSON.stringify(v);
  const names = new Map([...results.segmentNames].map(([s, n]) => [s, json(n)]));
  const actions = new Map([...results.actions].map(([s, a]) => [s, json(a)]));
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
    s += `,"drivers":${json(results.drivers?.(i) ?? [])},"consent":${results.consent[i] === 1}`;
    if (results.channelConsent.length) s += `,"channelConsent":{${results.channelConsent.map((c) => `${json(c.channel)}:${c.flags[i] === 1}`).join(',')}}`;
    const action = actions.get(segment);
    if (action !== undefined) s += `,"action":${action}`;
    if (results.rfmSegment) s += `,"rfmSegment":${text(results.rfmSegment[i]!)}`;
    if (classes) {
      s += `,"predictedClass":${text(classes.names[classes.predicted[i]!]!)},"classProbabilities":{`;
      for (let c = 0; c < k; c++) s += `${c ? ',' : ''}${classKeys![c]}${json(classes.probabilities[i * k + c]!)}`;
      s += '}';
    }
    s += ',"attributes":{';
    for (let j = 0; j < columns.length; j++) s += `${j ? ',' : ''}${keys[j]}${value(columns[j]!, i)}`;
    return `${s}}}\n`;
  };
}
