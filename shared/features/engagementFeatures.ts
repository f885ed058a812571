import type { Column, NumericColumn, Table } from '../ingest/Table';

const patterns = {
  sends: /^(emails?[\s_]?)?(sends|sent|delivered|deliveries|emails[\s_]?sent|mails[\s_]?sent|отправлено|enviados|enviados?)$/i,
  opens: /^(emails?[\s_]?)?(opens|opened|open[\s_]?count|открыто|открытия|aperturas|abertos)$/i,
  clicks: /^(emails?[\s_]?)?(clicks|clicked|click[\s_]?count|клики|clics|cliques)$/i,
  bounces: /^(emails?[\s_]?)?(bounces|bounced|bounce[\s_]?count|отказы|rebotes)$/i,
};

/** The columns the rates are computed from. */
export interface EngagementSources {
  sends: string;
  opens?: string;
  clicks?: string;
  bounces?: string;
}

export interface EngagementResult {
  columns: NumericColumn[];
  derived: { column: string; from: string; how: string }[];
  /** The columns used; null when the table has no mailing columns (no features). */
  sources: EngagementSources | null;
}

/**
 * For mailing data (sends, opens, clicks, bounces columns): open_rate, click_rate, bounce_rate over
 * sends and an engagement_score = open_rate + 2 × click_rate − bounce_rate (clicks weigh more than opens,
 * as campaign tools score them). Returns no columns when the table has no sends column.
 */
export function engagementFeatures(table: Table, sources?: EngagementSources | null): EngagementResult {
  // Given sources (a frozen recipe) are taken by name; otherwise they are recognised by name patterns.
  const find = (re: RegExp, name?: string): Column | undefined =>
    sources
      ? name === undefined ? undefined : table.columns.find((c) => c.name === name && c.kind === 'number')
      : table.columns.find((c) => c.kind === 'number' && re.test(c.name.trim()));
  if (sources === null) return { columns: [], derived: [], sources: null };
  const sends = find(patterns.sends, sources?.sends);
  const opens = find(patterns.opens, sources?.opens);
  const clicks = find(patterns.clicks, sources?.clicks);
  const bounces = find(patterns.bounces, sources?.bounces);
  if (!sends || (!opens && !clicks)) return { columns: [], derived: [], sources: null };
  const n = table.rowCount;
  const rate = (c: Column | undefined): Float64Array | undefined => {
    if (!c) return undefined;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = sends.values[i] as number;
      out[i] = s > 0 ? (c.values[i] as number) / s : Number.isNaN(s) ? NaN : 0;
    }
    return out;
  };
  const columns: NumericColumn[] = [];
  const derived: { column: string; from: string; how: string }[] = [];
  const push = (name: string, values: Float64Array | undefined, how: string): void => {
    if (!values) return;
    columns.push({ name, kind: 'number', values });
    derived.push({ column: name, from: table.name, how });
  };
  const o = rate(opens);
  const c = rate(clicks);
  const b = rate(bounces);
  push('open_rate', o, `${opens?.name} / ${sends.name}`);
  push('click_rate', c, `${clicks?.name} / ${sends.name}`);
  push('bounce_rate', b, `${bounces?.name} / ${sends.name}`);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) score[i] = (o?.[i] ?? 0) + 2 * (c?.[i] ?? 0) - (b?.[i] ?? 0);
  push('engagement_score', score, 'open_rate + 2 × click_rate − bounce_rate');
  return {
    columns,
    derived,
    sources: { sends: sends.name, ...(opens ? { opens: opens.name } : {}), ...(clicks ? { clicks: clicks.name } : {}), ...(bounces ? { bounces: bounces.name } : {}) },
  };
}
