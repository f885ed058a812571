import type { QualityReport } from '../ingest/QualityReport';
import type { Schema } from '../ingest/Schema';
import type { Column, Table } from '../ingest/Table';
import { keyValues } from './keyValues';
import { cachedValueOrder } from '../roles/columnStats';
import { robustZScores } from './robustZScores';

const outlierZ = 3.5;
const implausibleZ = 20;
/** robustZScores' factor: 0.6745 × (x − median) / MAD reads as a z-score on normal data. */
const robustScale = 0.6745;

/**
 * quality.json's `columns` (missing values, range, median, outliers past a robust z of 3.5) and
 * `implausible` (the 50 values past a robust z of 20, with their row and id).
 */
export function describeColumns(table: Table, schema: Schema, quality: QualityReport): void {
  // Ids as keys only when a value is implausible enough to be listed with its customer.
  let ids: (string | null)[] | undefined;
  const idOf = (row: number): string => {
    if (schema.id && !ids) ids = keyValues(table.columns.find((c) => c.name === schema.id)!);
    return ids?.[row] ?? String(row + 1);
  };
  const implausible: QualityReport['implausible'] = [];
  for (const info of schema.columns) {
    const c = table.columns.find((x) => x.name === info.name) as Column;
    const entry: QualityReport['columns'][number] = {
      name: info.name, role: info.role, kind: info.kind, missing: info.missing, missingShare: round(info.missingShare), distinct: info.distinct,
    };
    if (c.kind === 'number' && (info.role === 'numeric' || info.role === 'target' || info.role === 'boolean')) {
      const order = cachedValueOrder(c, table.rowCount);
      const sorted = new Float64Array(order.length);
      for (let k = 0; k < order.length; k++) sorted[k] = c.values[order[k]!]!;
      entry.min = sorted.length ? sorted[0]! : Infinity;
      entry.max = sorted.length ? sorted[sorted.length - 1]! : -Infinity;
      // Median and MAD read off the sorted values; robustZScores settles the z of columns whose MAD cannot.
      const { median, mad } = robustSpread(sorted);
      entry.median = median;
      if (info.role === 'numeric') {
        const settled = mad > 0 ? undefined : robustZScores(c.values);
        let outliers = 0;
        for (let i = 0; i < c.values.length; i++) {
          const z = settled ? settled.z[i]! : (robustScale * (c.values[i]! - median)) / mad;
          const a = Math.abs(z);
          if (a > outlierZ) outliers++;
          if (a > implausibleZ) {
            implausible.push({ column: info.name, row: i + 1, id: idOf(i), value: c.values[i], robustZ: round(z), median });
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

/**
 * The median and the median absolute deviation (MAD) of present values sorted ascending: the numbers
 * robustZScores selects, read off the order instead. The deviations grow away from the median on both
 * sides, so merging the two sides reaches the middle one. The median is NaN without values, the MAD
 * NaN with infinite ones (robustZScores then decides the z-scores).
 */
export function robustSpread(sorted: Float64Array): { median: number; mad: number } {
  const m = sorted.length;
  if (m === 0) return { median: NaN, mad: NaN };
  const half = m >> 1;
  const median = m % 2 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
  if (!Number.isFinite(sorted[0]!) || !Number.isFinite(sorted[m - 1]!)) return { median, mad: NaN };
  let left = half;
  while (left > 0 && sorted[left - 1]! >= median) left--;
  let right = left;
  left--;
  // The k-th smallest deviation for k = 0 … half: the nearer of the next value on either side.
  let previous = NaN, current = NaN;
  for (let k = 0; k <= half; k++) {
    const below = left >= 0 ? Math.abs(sorted[left]! - median) : Infinity;
    const above = right < m ? Math.abs(sorted[right]! - median) : Infinity;
    previous = current;
    if (below <= above) {
      current = below;
      left--;
    } else {
      current = above;
      right++;
    }
  }
  return { median, mad: m % 2 ? current : (previous + current) / 2 };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
