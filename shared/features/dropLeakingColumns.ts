import type { Manifest } from '../ingest/manifestSchema';
import type { DropReason, Schema } from '../ingest/Schema';
import type { Table } from '../ingest/Table';
import { churnTrainingRows } from '../model/churnHoldout';
import { findLeakage } from '../model/findLeakage';
import { targetLabels } from '../model/targetLabels';

/**
 * Before anything trains: a column that alone gives the answer away leaves clustering and churn alike.
 * One model per class: a column that gives away any one class leaks into that class's model. The guard
 * looks only at the rows the churn model will train on (the run's seed picks them).
 */
export function dropLeakingColumns(table: Table, schema: Schema, options: { include?: Manifest['include']; seed: number }): void {
  const target = schema.target;
  if (!target) return;
  const outcomes = target.oneVsRest ? target.classes : [target.positive];
  const leaked = new Set<string>();
  for (const positive of outcomes) {
    const labels = targetLabels(table.columns.find((c) => c.name === target.column)!, positive);
    const judged = { ...schema, target: { ...target, positive } };
    const leaks = findLeakage(table, judged, labels, churnTrainingRows(labels, options.seed), { include: options.include, seed: options.seed });
    for (const leak of leaks) {
      if (leaked.has(leak.column)) continue;
      leaked.add(leak.column);
      dropColumn(schema, leak.column, 'leakage', leak.reason);
    }
  }
}

/** Takes a feature column out of the schema with its reason (quality.json `excluded`). */
function dropColumn(schema: Schema, name: string, reason: DropReason, detail: string): void {
  for (const list of [schema.numeric, schema.categorical, schema.boolean, schema.date]) {
    const at = list.indexOf(name);
    if (at >= 0) list.splice(at, 1);
  }
  const info = schema.columns.find((c) => c.name === name);
  if (info) {
    info.role = 'dropped';
    info.dropReason = reason;
  }
  schema.dropped.push({ column: name, reason, detail });
}
