import type { DateColumn, NumericColumn, Table } from '../ingest/Table';

const dayMs = 86_400_000;

/**
 * A date column as a number a model can use: days from the date to the reference date (default the
 * latest date in the column), named `<column>_days_ago`. Registration dates become tenure, last
 * activity dates become recency.
 */
export function daysSince(column: DateColumn, referenceDate?: number): { column: NumericColumn; referenceDate: number } {
  let ref = referenceDate;
  if (ref === undefined) {
    ref = -Infinity;
    for (const v of column.values) if (v > ref) ref = v;
  }
  const values = new Float64Array(column.values.length);
  for (let i = 0; i < values.length; i++) values[i] = (ref - column.values[i]) / dayMs;
  return { column: { name: `${column.name}_days_ago`, kind: 'number', values }, referenceDate: ref };
}

/** `<column>_days_ago` for each named date column, all counted back to one reference date. */
export function daysAgoColumns(table: Table, names: string[], referenceDate: number): NumericColumn[] {
  const out: NumericColumn[] = [];
  for (const name of names) {
    const c = table.columns.find((x) => x.name === name);
    if (c?.kind === 'date') out.push(daysSince(c, referenceDate).column);
  }
  return out;
}
