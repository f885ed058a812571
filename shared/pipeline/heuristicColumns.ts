import { numericValues } from '../features/tableColumns';
import type { Table } from '../ingest/Table';
import type { HeuristicColumns } from '../model/ModelArtifact';

const recencyNames = /(recency|days?_?since|since_?last|last_?(order|purchase|visit|login)|inactive|давност|дней_с)/i;
const engagementNames = /(engagement|minutes|минут|session|visit|pages|страниц|hour_?spend|hourspend|opens?_?rate|click|logins?)/i;
const recentNames = /(текущ|current|this_?month|recent|last_?month|_m0\b|last_?30)/i;
const earlierNames = /(предыдущ|препредыдущ|previous|prior|earlier|_m1\b|prev)/i;

/**
 * Which numeric columns can carry the label-free churn heuristic: days since the last activity,
 * a recent and an earlier activity figure of the same measure (pivoted periods), and engagement.
 */
export function heuristicColumns(numeric: string[]): HeuristicColumns {
  const out: HeuristicColumns = {};
  out.recency = numeric.find((c) => recencyNames.test(c));
  const recent = numeric.filter((c) => recentNames.test(c));
  for (const r of recent) {
    const stem = r.replace(recentNames, '');
    const earlier = numeric.find((c) => c !== r && earlierNames.test(c) && c.replace(earlierNames, '') === stem && !/препредыдущ/i.test(c));
    if (earlier) {
      out.recentActivity = r;
      out.earlierActivity = earlier;
      break;
    }
  }
  out.engagement = numeric.find((c) => engagementNames.test(c) && c !== out.recentActivity && c !== out.earlierActivity);
  for (const key of Object.keys(out) as (keyof HeuristicColumns)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** The heuristic's signals read from a table: the run fits and scores on these, and so do its tests. */
export function heuristicSignals(table: Table, columns: HeuristicColumns) {
  return {
    recency: numericValues(table, columns.recency),
    recentActivity: numericValues(table, columns.recentActivity),
    earlierActivity: numericValues(table, columns.earlierActivity),
    engagement: numericValues(table, columns.engagement),
  };
}
