import type { CustomerResults, Driver } from './customerResults';
import type { AssignmentColumns, CellValue } from './writeAssignmentsCsv';

/** A driver as people read it in the assignments: `feature: +0.12`. */
export function driverText(driver: Driver): string {
  const c = driver.contribution;
  return `${driver.feature}: ${c >= 0 ? '+' : '-'}${Math.abs(c).toFixed(2)}`;
}

/** The columns of assignments.csv and assignments.xlsx (docs/CONTRACTS.md), one row per customer in input order. */
export function assignmentRows(results: CustomerResults): AssignmentColumns {
  const { classes, rfmSegment, uplift, customerValue } = results;
  const header = [results.idColumn, 'segment', 'segment_name', 'churn_probability', 'priority', 'driver_1', 'driver_2', 'driver_3', 'consent'];
  if (rfmSegment) header.push('rfm_segment');
  header.push('action');
  if (classes) {
    header.push('predicted_class');
    for (const c of classes.columns) header.push(c);
  }
  if (uplift) header.push('uplift');
  if (customerValue) header.push('customer_value_12m', 'next_purchase_date');
  const k = classes?.names.length ?? 0;
  const rows: CellValue[][] = new Array(results.rows);
  for (let i = 0; i < results.rows; i++) {
    const segment = results.segment[i]!;
    const driverCells: CellValue[] = [null, null, null];
    results.drivers?.(i).forEach((d, t) => (driverCells[t] = driverText(d)));
    const row: CellValue[] = [
      results.idValues[i],
      segment,
      results.segmentNames.get(segment) ?? '',
      results.churnProbability ? results.churnProbability[i]! : null,
      results.priority[i]!,
      ...driverCells,
      results.consent[i] === 1,
    ];
    if (rfmSegment) row.push(rfmSegment[i]!);
    row.push(results.action(i));
    if (classes) {
      row.push(classes.names[classes.predicted[i]!]!);
      for (let c = 0; c < k; c++) row.push(classes.probabilities[i * k + c]!);
    }
    if (uplift) row.push(Number.isFinite(uplift[i]!) ? uplift[i]! : null);
    if (customerValue) {
      const value = customerValue.value[i]!;
      const next = customerValue.nextPurchase[i]!;
      row.push(Number.isFinite(value) ? value : null, Number.isFinite(next) ? new Date(next).toISOString().slice(0, 10) : null);
    }
    rows[i] = row;
  }
  return { header, rows };
}
