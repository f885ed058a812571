import { assignmentRows } from './assignmentRows';
import type { CustomerResults } from './customerResults';
import { assignmentsCsv } from './writeAssignmentsCsv';
import { assignmentsXlsx } from './writeAssignmentsXlsx';

/** assignments.csv and assignments.xlsx of a run, both from the same rows. */
export async function assignmentsFiles(results: CustomerResults): Promise<{ csv: Buffer; xlsx: Buffer }> {
  const rows = assignmentRows(results);
  const xlsx = assignmentsXlsx(rows);
  // Marked handled at once: if the CSV throws first, the workbook must not fail the process.
  xlsx.catch(() => undefined);
  // The workbook's sheet deflates on libuv's threads while the CSV is written here.
  const csv = assignmentsCsv(rows);
  return { csv, xlsx: await xlsx };
}
