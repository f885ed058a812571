import type { Column, Table } from '../ingest/Table';
import { requireColumn } from './requireColumn';
import { keyValues } from './keyValues';

export interface PivotOptions {
  id: string;
  period: string;
  /** Value columns; default: every numeric column other than the id. */
  value?: string | string[];
  /**
   * The periods to make columns of, in this order (a frozen recipe): rows of other periods are left
   * out and a period without rows is a missing column. Default: every period, in order of appearance.
   */
  periods?: string[];
}

export interface PivotResult {
  table: Table;
  /** New column name → where it came from, for quality.json's derived columns. */
  derived: { column: string; from: string; how: string }[];
  /** (id, period) pairs seen more than once; their values were summed. */
  repeatedPairs: number;
  /** The value columns and periods the columns were made of, in column order. */
  values: string[];
  periods: string[];
}

/**
 * `df.pivot_table(index=id, columns=period, values=value, aggfunc='sum')`: one row per id (in order of
 * first appearance), one column per value and period named `<value>_<period>`.
 */
export function pivotLongTable(table: Table, opts: PivotOptions): PivotResult {
  const col = (name: string): Column => requireColumn(table, name, {
    code: 'MANIFEST_KEY_MISSING', lacks: 'The long table has no column', listed: 'Columns',
    hint: 'Correct "id", "period" or "value" for this file in manifest.json.',
  });
  const ids = keyValues(col(opts.id));
  const periods = keyValues(col(opts.period));
  const valueNames = opts.value === undefined
    ? table.columns.filter((c) => c.kind === 'number' && c.name !== opts.id && c.name !== opts.period).map((c) => c.name)
    : Array.isArray(opts.value) ? opts.value : [opts.value];
  const valueColumns = valueNames.map(col);

  const rowOf = new Map<string, number>();
  const idOrder: string[] = [];
  const frozen = opts.periods !== undefined;
  const periodOrder: string[] = frozen ? [...opts.periods!] : [];
  const periodIndex = new Map<string, number>(periodOrder.map((p, j) => [p, j]));
  for (let i = 0; i < table.rowCount; i++) {
    const id = ids[i];
    const p = periods[i];
    if (id !== null && !rowOf.has(id)) {
      rowOf.set(id, idOrder.length);
      idOrder.push(id);
    }
    if (!frozen && p !== null && !periodIndex.has(p)) {
      periodIndex.set(p, periodOrder.length);
      periodOrder.push(p);
    }
  }
  const nIds = idOrder.length;
  const nPeriods = periodOrder.length;
  const cells = valueColumns.map(() => new Float64Array(nIds * nPeriods).fill(NaN));
  const seen = new Uint8Array(nIds * nPeriods);
  let repeatedPairs = 0;
  for (let i = 0; i < table.rowCount; i++) {
    const id = ids[i];
    const p = periods[i];
    const j = p === null ? undefined : periodIndex.get(p);
    if (id === null || j === undefined) continue;
    const at = rowOf.get(id)! * nPeriods + j;
    if (seen[at]) repeatedPairs++;
    seen[at] = 1;
    valueColumns.forEach((vc, k) => {
      const v = vc.kind === 'string' ? Number(vc.values[i]) : vc.values[i];
      if (Number.isNaN(v)) return;
      cells[k][at] = Number.isNaN(cells[k][at]) ? v : cells[k][at] + v;
    });
  }
  const idSource = col(opts.id);
  const idColumn: Column =
    idSource.kind === 'number'
      ? { name: opts.id, kind: 'number', values: Float64Array.from(idOrder, Number) }
      : { name: opts.id, kind: 'string', values: idOrder };
  const columns: Column[] = [idColumn];
  const derived: PivotResult['derived'] = [];
  valueColumns.forEach((vc, k) => {
    periodOrder.forEach((p, j) => {
      const values = new Float64Array(nIds);
      for (let r = 0; r < nIds; r++) values[r] = cells[k][r * nPeriods + j];
      const name = `${vc.name}_${p}`;
      columns.push({ name, kind: 'number', values });
      derived.push({ column: name, from: table.name, how: `${vc.name} where ${opts.period} = ${p}` });
    });
  });
  return { table: { name: table.name, columns, rowCount: nIds }, derived, repeatedPairs, values: valueNames, periods: periodOrder };
}
