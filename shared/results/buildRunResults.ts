import { Readable } from 'node:stream';
import { renderReport } from '../report/renderReport';
import { assignmentsFiles } from './assignmentsFiles';
import { customerAttributes } from './customerAttributes';
import { customerResults } from './customerResults';
import { buildCustomersIndex } from './customersIndex';
import { customersJsonlPieces, type LineRange } from './customersJsonl';
import { modelDocument } from './modelDocument';
import { qualityWithWarnings } from './qualityWithWarnings';
import { customerFiles } from './readRunCustomers';
import { runManifestFile } from './readRunManifest';
import { reportInput } from './reportInput';
import { runCampaignLift } from './runCampaignLift';
import { runDrift, type PreviousRun } from './runDrift';
import type { RunOutputs } from './RunOutputs';
import { segmentsDocument } from './segmentsDocument';

/**
 * One result file, ready to upload under the run's folder: bytes with their type, bytes still being
 * written elsewhere (uploaded once they are, while later files are built), a stream of them (read to
 * its end before the next file is built), or a JSON document.
 */
export type ResultFile =
  | { name: string; body: Buffer | string; contentType: string }
  | { name: string; later: Promise<Buffer>; contentType: string }
  | { name: string; stream: Readable; contentType: string }
  | { name: string; json: unknown };

const json = (name: string, value: unknown): ResultFile => ({ name, json: value });

/**
 * Every result file of a run (docs/CONTRACTS.md), built from its outputs, one at a time so the
 * caller can upload each while the next is built. lift.json always (an assumption stated when no
 * campaign was measured); drift.json only with a previous run; the
 * manifest's copy only when the dataset has one.
 */
export async function* buildRunResults(outputs: RunOutputs, previous: PreviousRun | undefined): AsyncGenerator<ResultFile> {
  const customers = customerResults(outputs);
  // Both assignments files upload as soon as they are ready: the workbook deflates on libuv's threads
  // while customers.jsonl is encoded. (Written on a thread of their own, the rows there and the lines
  // here were in memory at once: ~0.5 s sooner on an idle machine, ~230 MB more at 100,000 customers.)
  const assignments = assignmentsFiles(customers);
  yield { name: 'assignments.csv', later: assignments.then((files) => files.csv), contentType: 'text/csv; charset=utf-8' };
  yield { name: 'assignments.xlsx', later: assignments.then((files) => files.xlsx), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  const attributes = customerAttributes(outputs.table, outputs.schema);
  const lines: LineRange[] = new Array(customers.rows);
  // The lines are encoded as the upload reads them, so the file is never whole in memory; the index
  // needs every line's range, so it waits for the stream's end.
  const stream = Readable.from(customersJsonlPieces(customers, { attributes: attributes.at, attributeColumns: attributes.columns }, lines), { objectMode: false });
  const ended = new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('error', reject);
    // An upload that fails destroys the stream without an end: the step must fail, not wait.
    stream.once('close', () => reject(new Error('customers.jsonl was not read to its end: its upload stopped.')));
  });
  ended.catch(() => undefined);
  yield { name: customerFiles.lines, stream, contentType: 'application/x-ndjson; charset=utf-8' };
  await ended;
  const index = buildCustomersIndex(customers.ids, lines);
  yield { name: customerFiles.entries, body: index.entries, contentType: 'application/x-ndjson; charset=utf-8' };
  yield json(customerFiles.index, index.index);

  if (outputs.run.manifest) yield json(runManifestFile, outputs.run.manifest);
  yield json('segments.json', segmentsDocument(outputs));
  const model = modelDocument(outputs);
  yield json('model.json', model);

  const drift = previous ? runDrift(previous, model, new Map(outputs.profiles.segments.map((s) => [s.segment, s.size])), customers) : undefined;
  if (drift) yield json('drift.json', drift);

  const lift = runCampaignLift(outputs, customers);
  yield json('lift.json', lift);

  const report = { ...reportInput(outputs, drift), campaign: lift };
  yield { name: 'report.html', body: await renderReport(report), contentType: 'text/html; charset=utf-8' };
  yield json('quality.json', qualityWithWarnings(outputs.quality, report, outputs.churn));
}
