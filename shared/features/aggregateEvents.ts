import type { Column, Table } from '../ingest/Table';
import { requireColumn } from './requireColumn';
import { keyValues } from './keyValues';

export interface EventColumns {
  /** Customer or session the events belong to. */
  entity: string;
  time: string;
  type?: string;
  item?: string;
  /** A session column when the entity is a customer (session counts and lengths). */
  session?: string;
}

export interface EventFeatures {
  table: Table;
  referenceTime: number;
  /** The event types given their own columns, most frequent first. */
  types: string[];
  /** Whether numeric times were read as epoch seconds (scaled to milliseconds). */
  secondsTimes: boolean;
  derived: { column: string; from: string; how: string }[];
}

const dayMs = 86_400_000;
/** Funnel steps as the common trackers name them (OTTO: clicks, carts, orders). */
const funnel: [string, RegExp][] = [
  ['view', /^(clicks?|views?|page_?views?|visits?|impressions?)$/i],
  ['cart', /^(carts?|add_?to_?cart|basket)$/i],
  ['order', /^(orders?|purchases?|checkouts?|buy|transactions?)$/i],
];

/**
 * Per customer (or session): events_total, `events_<type>` and `share_<type>`, distinct_items,
 * active_days, recency_days, tenure_days, session_minutes (mean session length) and funnel
 * conversion ratios (`cart_per_view`, `order_per_cart`, `order_per_view`) when those event types exist.
 * Times may be epoch seconds, epoch milliseconds or dates.
 */
/** Decisions a frozen recipe fixes instead of taking them from the file at hand. */
export interface EventDecisions {
  types: string[];
  referenceTime: number;
  secondsTimes: boolean;
}

export function aggregateEvents(table: Table, cols: EventColumns, maxTypes = 12, frozen?: EventDecisions): EventFeatures {
  const col = (name: string): Column => requireColumn(table, name, {
    code: 'COLUMN_NOT_FOUND', lacks: 'The events have no field', listed: 'Fields',
    hint: 'Name the id, time ("ts") and type fields of the events in manifest.json.',
  });
  const entities = keyValues(col(cols.entity));
  const timeCol = col(cols.time);
  const secondsTimes = frozen ? frozen.secondsTimes : timeCol.kind === 'number' && holdsSeconds(timeCol.values);
  const times = toMillis(timeCol, secondsTimes);
  const types = cols.type ? keyValues(col(cols.type)) : undefined;
  const items = cols.item ? keyValues(col(cols.item)) : undefined;
  const sessions = cols.session ? keyValues(col(cols.session)) : undefined;

  const typeCounts = new Map<string, number>();
  if (types) for (const t of types) if (t !== null) typeCounts.set(t, (typeCounts.get(t) ?? 0) + 1);
  const typeNames = frozen ? [...frozen.types] : [...typeCounts.entries()].sort((a, b) => b[1] - a[1]).slice(0, maxTypes).map(([t]) => t);
  const typeIndex = new Map(typeNames.map((t, i) => [t, i]));

  interface Acc {
    total: number;
    perType: Float64Array;
    first: number;
    last: number;
    days: Set<number>;
    items: Set<string>;
    sessions: Map<string, [number, number]>;
  }
  const acc = new Map<string, Acc>();
  let maxTime = -Infinity;
  for (let i = 0; i < table.rowCount; i++) {
    const e = entities[i];
    const t = times[i];
    if (e === null) continue;
    let a = acc.get(e);
    if (!a) {
      a = { total: 0, perType: new Float64Array(typeNames.length), first: Infinity, last: -Infinity, days: new Set(), items: new Set(), sessions: new Map() };
      acc.set(e, a);
    }
    a.total++;
    const ti = types?.[i] != null ? typeIndex.get(types[i]!) : undefined;
    if (ti !== undefined) a.perType[ti]++;
    if (!Number.isNaN(t)) {
      if (t < a.first) a.first = t;
      if (t > a.last) a.last = t;
      if (t > maxTime) maxTime = t;
      a.days.add(Math.floor(t / dayMs));
      const s = sessions?.[i];
      if (s) {
        const span = a.sessions.get(s);
        if (!span) a.sessions.set(s, [t, t]);
        else {
          if (t < span[0]) span[0] = t;
          if (t > span[1]) span[1] = t;
        }
      }
    }
    const it = items?.[i];
    if (it) a.items.add(it);
  }
  const reference = frozen ? frozen.referenceTime : maxTime;
  const ids = [...acc.keys()];
  const n = ids.length;
  const out = new Map<string, Float64Array>();
  const derived: EventFeatures['derived'] = [];
  const add = (name: string, how: string, fill: (a: Acc) => number): void => {
    const v = new Float64Array(n);
    ids.forEach((id, r) => (v[r] = fill(acc.get(id)!)));
    out.set(name, v);
    derived.push({ column: name, from: table.name, how });
  };
  add('events_total', 'number of events', (a) => a.total);
  typeNames.forEach((t, k) => {
    add(`events_${safe(t)}`, `events of type ${t}`, (a) => a.perType[k]);
    add(`share_${safe(t)}`, `share of events of type ${t}`, (a) => a.perType[k] / a.total);
  });
  if (items) add('distinct_items', `distinct ${cols.item}`, (a) => a.items.size);
  add('active_days', 'calendar days with an event', (a) => a.days.size);
  add('recency_days', 'days from the last event to the last event in the file', (a) => (a.last > -Infinity ? (reference - a.last) / dayMs : NaN));
  add('tenure_days', 'days from the first event to the last event in the file', (a) => (a.first < Infinity ? (reference - a.first) / dayMs : NaN));
  if (sessions) {
    add('sessions', `distinct ${cols.session}`, (a) => a.sessions.size);
    add('session_minutes', 'mean session length in minutes', (a) => {
      let sum = 0;
      for (const [s, e] of a.sessions.values()) sum += e - s;
      return a.sessions.size ? sum / a.sessions.size / 60000 : 0;
    });
  } else {
    add('span_minutes', 'minutes from the first to the last event', (a) => (a.last >= a.first ? (a.last - a.first) / 60000 : 0));
  }
  // Conversion ratios between funnel steps that exist in the data.
  const step = funnel.map(([label, re]) => ({ label, k: typeNames.findIndex((t) => re.test(t)) })).filter((s) => s.k >= 0);
  for (let i = 0; i < step.length; i++) {
    for (let j = i + 1; j < step.length; j++) {
      const [from, to] = [step[i], step[j]];
      add(`${to.label}_per_${from.label}`, `${typeNames[to.k]} / ${typeNames[from.k]}`, (a) =>
        a.perType[from.k] > 0 ? a.perType[to.k] / a.perType[from.k] : 0,
      );
    }
  }
  const idSource = col(cols.entity);
  const columns: Column[] = [
    idSource.kind === 'number'
      ? { name: cols.entity, kind: 'number', values: Float64Array.from(ids, Number) }
      : { name: cols.entity, kind: 'string', values: ids },
  ];
  for (const [name, values] of out) columns.push({ name, kind: 'number', values });
  return { table: { name: table.name, columns, rowCount: n }, referenceTime: reference, derived, types: typeNames, secondsTimes };
}

function safe(type: string): string {
  return type.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_');
}

/** Epoch seconds: every number below 1e11 (year 5138 in milliseconds). */
function holdsSeconds(values: Float64Array): boolean {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max < 1e11;
}

function toMillis(c: Column, seconds: boolean): Float64Array {
  if (c.kind === 'string') return Float64Array.from(c.values, (v) => (v === null ? NaN : Date.parse(v)));
  if (c.kind === 'date' || !seconds) return c.values;
  return c.values.map((v) => v * 1000);
}
