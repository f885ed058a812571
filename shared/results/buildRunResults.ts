import { renderReport } from '../report/renderReport';
import { assignmentRows } from './assignmentRows';
import { customerAttributes } from './customerAttributes';
import { customerResults } from './customerResults';
import { buildCustomersIndex } from './customersIndex';
import { customersJsonl } from './customersJsonl';
import { modelDocument } from './modelDocument';
import { qualityWithWarnings } from './qualityWithWarnings';
import { customerFiles } from './readRunCustomers';
import { runManifestFile } from './readRunManifest';
import { reportInput } from './reportInput';
import { runDrift, type PreviousRun } from './runDrift';
import type { RunOutputs } from './RunOutputs';
import { segmentsDocument } from './segmentsDocument';
import { assignmentsCsv } from './writeAssignmentsCsv';
import { assignmentsXlsx } from './writeAssignmentsXlsx';

/** One result file, ready to upload under the run's folder: bytes with their type, or a JSON document. */
export type ResultFile = { name: string; body: Buffer | string; contentType: string } | { name: string; json: unknown };

const json = (name: string, value: unknown): ResultFile => ({ name, json: value });

/**
 * Every result file of a run (docs/CONTRACTS.md), built from its outputs, one at a time so the
 * caller can upload each while the next is built. drift.json only with a previous run; the
 * manifest's copy only when the dataset has one.
 */
export async function* buildRunResults(outputs: RunOutputs, previous: PreviousRun | undefined): AsyncGenerator<ResultFile> {
  const customers = customerResults(outputs);
  const assignments = assignmentRows(customers);
  yield { name: 'assignments.csv', body: assignmentsCsv(assignments), contentType: 'text/csv; charset=utf-8' };
  // The workbook's sheet is compressed on the thread pool while customers.jsonl is built here.
  const workbook = assignmentsXlsx(assignments);
  // Marked handled at once: if building the lines throws first, the workbook must not fail the process.
  workbook.catch(() => undefined);
  const attributes = customerAttributes(outputs.table, outputs.schema);
  const lines = customersJsonl(customers, { attributes: attributes.at, attributeColumns: attributes.columns });
  yield { name: 'assignments.xlsx', body: await workbook, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  yield { name: customerFiles.lines, body: lines.body, contentType: 'application/x-ndjson; charset=utf-8' };
  const index = buildCustomersIndex(customers.ids, lines.lines);
  yield { name: customerFiles.entries, body: index.entries, contentType: 'application/x-ndjson; charset=utf-8' };
  yield json(customerFiles.index, index.index);

  if (outputs.run.manifest) yield json(runManifestFile, outputs.run.manifest);
  yield json('segments.json', segmentsDocument(outputs));
  const model = modelDocument(outputs);
  yield json('model.json', model);

  const drift = previous ? runDrift(previous, model, new Map(outputs.profiles.segments.map((s) => [s.segment, s.size])), customers) : undefined;
  if (drift) yield json('drift.json', drift);

  const report = reportInput(outputs, drift);
  yield { name: 'report.html', body: await renderReport(report), contentType: 'text/html; charset=utf-8' };
  yield json('quality.json', qualityWithWarnings(outputs.quality, report, outputs.churn));
}
