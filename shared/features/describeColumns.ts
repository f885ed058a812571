import type { QualityReport } from '../ingest/QualityReport';
import type { Schema } from '../ingest/Schema';
import type { Column, Table } from '../ingest/Table';
import { keyValues } from './keyValues';
import { robustZScores } from './robustZScores';

const outlierZ = 3.5;
const implausibleZ = 20;

/**
 * quality.json's `columns` (missing values, range, median, outliers past a robust z of 3.5) and
 * `implausible` (the 50 values past a robust z of 20, with their row and id).
 */
export function describeColumns(table: Table, schema: Schema, quality: QualityReport): void {
  const ids = schema.id ? keyValues(table.columns.find((c) => c.name === schema.id)!) : undefined;
  const implausible: QualityReport['implausible'] = [];
  for (const info of schema.columns) {
    const c = table.columns.find((x) => x.name === info.name) as Column;
    const entry: QualityReport['columns'][number] = {
      name: info.name, role: info.role, kind: info.kind, missing: info.missing, missingShare: round(info.missingShare), distinct: info.distinct,
    };
    if (c.kind === 'number' && (info.role === 'numeric' || info.role === 'target' || info.role === 'boolean')) {
      let min = Infinity;
      let max = -Infinity;
      for (const v of c.values) if (!Number.isNaN(v)) (min = Math.min(min, v)), (max = Math.max(max, v));
      const { z, median } = robustZScores(c.values);
      entry.min = min;
      entry.max = max;
      entry.median = median;
      if (info.role === 'numeric') {
        let outliers = 0;
        for (let i = 0; i < z.length; i++) {
          const a = Math.abs(z[i]);
          if (a > outlierZ) outliers++;
          if (a > implausibleZ) {
            implausible.push({ column: info.name, row: i + 1, id: ids?.[i] ?? String(i + 1), value: c.values[i], robustZ: round(z[i]), median });
          }
        }
        entry.outliers = outliers;
      }
    }
    quality.columns.push(entry);
  }
  implausible.sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ));
  quality.implausible = implausible.slice(0, 50);
  if (implausible.length > 50) quality.notes.push(`${implausible.length} implausible values in all; the 50 most extreme are listed.`);
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
