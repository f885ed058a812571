import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { customerCsv } from '../fixtures/customerCsv';
import * as fs from 'node:fs';
import { listBlobs, readBlobText } from '../helpers/azurite';
import { expectDropReproducesRun, scoreIdsOf, waitForScoreCompleted, waitForScoreEnd } from '../helpers/scoreDrops';
import { describeWithData, sharedDataPath } from '../helpers/sharedData';
import { useHostOnTestStorage } from '../helpers/testHost';
import { waitForLatest, waitForReceipt } from '../helpers/waitFor';
import { oneClickManifest } from '../../tools/datasets/oneClickMarket';

/**
 * Batch scoring through the local host: a file (or a manifest and its files) dropped into
 * scoring/<dataset>/ is scored with the dataset's latest model into
 * results/<dataset>/scores/<scoreId>/, as the run and POST /api/score score the same customers;
 * GET /api/datasets/{dataset}/model says what the model takes.
 */
const { storage, host } = useHostOnTestStorage();
const service = () => storage().service;
const scoringTrigger = { functionName: 'scoreUpload', container: 'scoring' };

type Row = Record<string, string>;

async function put(container: string, name: string, body: string): Promise<string> {
  return (await service().getContainerClient(container).getBlockBlobClient(name).upload(body, Buffer.byteLength(body))).etag!;
}

const csvRows = (text: string): Row[] => parse(text, { bom: true, columns: true }) as Row[];
const csvHeader = (text: string): string[] => (parse(text, { bom: true, to_line: 1 }) as string[][])[0]!;

/** CSV text of these rows with only these columns, in this order. */
function toCsv(columns: string[], rows: Row[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';
}

interface ScoreResult {
  id: string;
  segment: number;
  churnProbability: number | null;
  action?: string;
}

async function scoreThroughApi(body: object): Promise<{ runId: string; results: ScoreResult[] }> {
  const res = await fetch(`${host().url}/api/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`POST /api/score → ${res.status} ${JSON.stringify(json)}`);
  return json as { runId: string; results: ScoreResult[] };
}

/** The run's customers at full precision (customers.jsonl), by id. */
async function runCustomers(dataset: string, runId: string): Promise<Map<string, { segment: number; churnProbability: number | null }>> {
  const text = (await readBlobText(service(), 'results', `${dataset}/${runId}/customers.jsonl`))!;
  const lines = text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { id: string; segment: number; churnProbability: number | null });
  return new Map(lines.map((c) => [c.id, c]));
}

/** The number as the assignments write it (6 decimals at most, no trailing zeros). */
const asWritten = (value: number | null) => (value === null ? '' : String(Number(value.toFixed(6))));

async function xlsxRows(dataset: string, scoreId: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  const bytes = await service().getContainerClient('results').getBlobClient(`${dataset}/scores/${scoreId}/scores.xlsx`).downloadToBuffer();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const trained = customerCsv({ rows: 600, seed: 61 });
const trainedRows = csvRows(trained);
/** New customers: rows like the training file's, without the label they do not have yet. */
const newColumns = ['customer_id', 'monthly_spend', 'orders_6m', 'tenure_months', 'plan'];
const picked = [0, 1, 2, 3, 4, 5, 100, 201, 302, 403, 504, 599].map((i) => trainedRows[i]!);
const newCustomers = toCsv(newColumns, picked);
let genRunId = '';
let genScoreId = '';

describe('a single-table dataset', () => {
  test('a CSV dropped into scoring/<dataset>/ is scored with the latest model, as the run and POST /api/score score it', async () => {
    await put('uploads', 'gen/customers.csv', trained);
    genRunId = (await waitForLatest(service(), 'gen')).runId;

    await put('scoring', 'gen/new-customers.csv', newCustomers);
    const status = await waitForScoreCompleted(service(), 'gen');
    genScoreId = status.scoreId;
    expect(status).toMatchObject({ dataset: 'gen', runId: genRunId, state: 'completed', inputs: ['new-customers.csv'], customers: picked.length, percent: 100 });
    expect(status.scoreId).toMatch(/^[0-9a-f]{16}$/);
    expect(status.results?.files).toEqual(['scores.csv', 'scores.xlsx']);

    const folder = `gen/scores/${status.scoreId}/`;
    expect((await listBlobs(service(), 'results', folder)).map((n) => n.slice(folder.length)).sort()).toEqual(['scores.csv', 'scores.xlsx', 'status.json']);
    const scoresCsv = (await readBlobText(service(), 'results', `${folder}scores.csv`))!;
    const assignmentsCsv = (await readBlobText(service(), 'results', `gen/${genRunId}/assignments.csv`))!;
    // The assignments' columns, from the same writer (each customer's action among them).
    expect(csvHeader(scoresCsv)).toEqual(csvHeader(assignmentsCsv));
    expect(scoresCsv.startsWith('\ufeff')).toBe(true);

    const scores = csvRows(scoresCsv);
    const assigned = new Map(csvRows(assignmentsCsv).map((r) => [r.customer_id!, r]));
    const fullPrecision = await runCustomers('gen', genRunId);
    const api = await scoreThroughApi({ dataset: 'gen', customers: picked.map((r) => Object.fromEntries(newColumns.map((c) => [c, r[c]]))) });
    expect(api.runId).toBe(genRunId);
    expect(scores.map((r) => r.customer_id)).toEqual(picked.map((r) => r.customer_id));
    scores.forEach((row, i) => {
      const id = row.customer_id!;
      const viaApi = api.results[i]!;
      const inRun = fullPrecision.get(id)!;
      expect({ id, segment: Number(row.segment) }).toEqual({ id, segment: viaApi.segment });
      expect({ id, segment: viaApi.segment }).toEqual({ id, segment: inRun.segment });
      expect({ id, segment: row.segment }).toEqual({ id, segment: assigned.get(id)!.segment });
      expect({ id, churn: row.churn_probability }).toEqual({ id, churn: asWritten(viaApi.churnProbability) });
      expect(Math.abs(viaApi.churnProbability! - inRun.churnProbability!)).toBeLessThanOrEqual(1e-9);
      expect({ id, churn: row.churn_probability }).toEqual({ id, churn: assigned.get(id)!.churn_probability });
      expect(row.segment_name).toBe(assigned.get(id)!.segment_name);
      expect(row.action).not.toBe('');
      if (viaApi.action !== undefined) expect(row.action).toBe(viaApi.action);
    });

    const sheet = await xlsxRows('gen', status.scoreId);
    expect(sheet).toHaveLength(picked.length + 1);
    expect(sheet[0]).toEqual(csvHeader(scoresCsv));
    expect(sheet.slice(1).map((r) => [r[0], r[1]])).toEqual(scores.map((r) => [r.customer_id, Number(r.segment)]));
    // The dropped file stays where it was.
    expect(await readBlobText(service(), 'scoring', 'gen/new-customers.csv')).toBe(newCustomers);
  }, 180_000);

  test('the same drop delivered again, or uploaded again unchanged, writes no second folder', async () => {
    expect(genScoreId).not.toBe('');
    const before = (await readBlobText(service(), 'results', `gen/scores/${genScoreId}/status.json`))!;
    // A redelivery, as Event Grid makes when it did not see the first answer.
    const res = await fetch(`${host().url}/admin/functions/scoreUpload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'scoring/gen/new-customers.csv' }),
    });
    expect(res.status).toBe(202);
    // The same bytes uploaded again: a new ETag, so the trigger fires once more.
    const etag = await put('scoring', 'gen/new-customers.csv', newCustomers);
    await waitForReceipt(service(), 'gen/new-customers.csv', etag, 30_000, scoringTrigger);
    expect(await scoreIdsOf(service(), 'gen')).toEqual([genScoreId]);
    // Not rewritten either: a completed score is final for these bytes and this model.
    expect(await readBlobText(service(), 'results', `gen/scores/${genScoreId}/status.json`)).toBe(before);
  }, 90_000);

  test('GET /api/datasets/{dataset}/model describes the latest model', async () => {
    expect(genRunId).not.toBe('');
    const res = await fetch(`${host().url}/api/datasets/gen/model`);
    expect(res.status).toBe(200);
    const model = (await res.json()) as {
      dataset: string; runId: string; modelVersion: number; createdAt: string; idColumn: string | null; input: string;
      features: { name: string; type: string; categories?: string[] }[]; metrics: Record<string, unknown>; segments: { segment: number; name: string }[];
    };
    expect(model).toMatchObject({ dataset: 'gen', runId: genRunId, idColumn: 'customer_id', input: 'customers' });
    expect(typeof model.modelVersion).toBe('number');
    expect(Number.isNaN(Date.parse(model.createdAt))).toBe(false);
    const byName = new Map(model.features.map((f) => [f.name, f]));
    expect(byName.get('monthly_spend')?.type).toBe('numeric');
    expect(byName.get('plan')?.type).toBe('categorical');
    expect([...(byName.get('plan')?.categories ?? [])].sort()).toEqual(['basic', 'plus', 'premium']);
    // Never the id or the label: they are not inputs of the model.
    expect(byName.has('customer_id')).toBe(false);
    expect(byName.has('churned')).toBe(false);
    expect(model.metrics).toEqual(expect.objectContaining({ k: model.segments.length }));
  });

  test('GET model of an unknown dataset is a 404 that says why; a malformed name is a 400', async () => {
    const unknown = await fetch(`${host().url}/api/datasets/never-uploaded/model`);
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('dataset_not_found');
    expect(body.error.message).toMatch(/never-uploaded/);
    expect(body.error.message).toMatch(/uploads\/never-uploaded\//);
    const malformed = await fetch(`${host().url}/api/datasets/${encodeURIComponent('Ünïcode')}/model`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('invalid_dataset');
  });

  test('a file without a column the model needs gets error.json naming the column, and the file stays', async () => {
    expect(genRunId).not.toBe('');
    const lacking = toCsv(['customer_id', 'monthly_spend', 'orders_6m', 'plan'], picked.slice(0, 4));
    await put('scoring', 'gen/without-tenure.csv', lacking);
    const status = await waitForScoreEnd(service(), 'gen', [genScoreId]);
    expect(status).toMatchObject({ state: 'failed', runId: genRunId, inputs: ['without-tenure.csv'] });
    const error = JSON.parse((await readBlobText(service(), 'results', `gen/scores/${status.scoreId}/error.json`))!) as Record<string, unknown>;
    expect(error).toMatchObject({ dataset: 'gen', column: 'tenure_months', file: expect.stringContaining('without-tenure.csv') });
    expect(Object.keys(error)).toEqual(expect.arrayContaining(['dataset', 'file', 'column', 'code', 'message', 'hint', 'at']));
    expect(String(error.message)).toMatch(/tenure_months/);
    // The customer is named too, by id or row.
    expect(String(error.message)).toMatch(/C100000|customer 1\b|row 1\b/i);
    expect(String(error.hint).length).toBeGreaterThan(10);
    expect(String(error.message)).not.toMatch(/\n\s+at /); // no stack trace
    expect(await listBlobs(service(), 'results', `gen/scores/${status.scoreId}/`)).not.toContain(`gen/scores/${status.scoreId}/scores.csv`);
    expect(await readBlobText(service(), 'scoring', 'gen/without-tenure.csv')).toBe(lacking);
  }, 90_000);
});

test('a dataset without a model gets error.json saying to upload training data first', async () => {
  const body = toCsv(newColumns, picked.slice(0, 3));
  await put('scoring', 'untrained/customers.csv', body);
  const status = await waitForScoreEnd(service(), 'untrained');
  expect(status).toMatchObject({ dataset: 'untrained', state: 'failed', runId: null, inputs: ['customers.csv'] });
  const error = JSON.parse((await readBlobText(service(), 'results', `untrained/scores/${status.scoreId}/error.json`))!) as Record<string, unknown>;
  expect(error).toMatchObject({ dataset: 'untrained', code: 'NO_MODEL', file: 'customers.csv' });
  expect(String(error.message)).toMatch(/no trained model/);
  expect(String(error.hint)).toMatch(/uploads\/untrained\//);
  expect(Number.isNaN(Date.parse(String(error.at)))).toBe(false);
  expect(await readBlobText(service(), 'scoring', 'untrained/customers.csv')).toBe(body);
  // Nothing was trained by the drop.
  expect(await readBlobText(service(), 'results', 'untrained/latest.json')).toBeUndefined();
}, 60_000);

describe('a manifest dataset (customers and a long table of monthly revenue)', () => {
  const customers = customerCsv({ rows: 300, seed: 62 });
  const customerRows = csvRows(customers);
  const months = ['2024-01', '2024-02', '2024-03'];
  const position = new Map(customerRows.map((r, i) => [r.customer_id!, i]));
  /** Each customer's revenue per month: the same lines for a customer whichever file they are in. */
  const monthly = (rows: Row[]) =>
    ['customer_id,month,revenue', ...rows.flatMap((r) => months.map((m, t) => `${r.customer_id},${m},${(Number(r.monthly_spend) * (0.8 + 0.1 * t) + (position.get(r.customer_id!)! % 7)).toFixed(2)}`))].join('\n') + '\n';
  const manifest = JSON.stringify({
    files: [{ name: 'customers.csv', role: 'customers' }, { name: 'monthly.csv', role: 'long', period: 'month', value: 'revenue' }],
    id: 'customer_id',
    target: 'churned',
    positive: 'yes',
  });

  test('a manifest and its files dropped into scoring/<dataset>/ are scored as the run and POST /api/score score them', async () => {
    await put('uploads', 'shop/manifest.json', manifest);
    await put('uploads', 'shop/customers.csv', customers);
    await put('uploads', 'shop/monthly.csv', monthly(customerRows));
    const { runId } = await waitForLatest(service(), 'shop', { limitMs: 100_000 });

    const chosen = [0, 1, 2, 50, 151, 299].map((i) => customerRows[i]!);
    const newCustomers = toCsv(newColumns, chosen);
    const newMonthly = monthly(chosen);
    await put('scoring', 'shop/manifest.json', manifest);
    await put('scoring', 'shop/customers.csv', newCustomers);
    await put('scoring', 'shop/monthly.csv', newMonthly);
    const status = await waitForScoreCompleted(service(), 'shop');
    expect(status).toMatchObject({ runId, customers: chosen.length });
    expect([...status.inputs].sort()).toEqual(['customers.csv', 'monthly.csv']);
    // One score for the whole drop, however many of its files arrived last.
    expect(await scoreIdsOf(service(), 'shop')).toEqual([status.scoreId]);

    const scoresCsv = (await readBlobText(service(), 'results', `shop/scores/${status.scoreId}/scores.csv`))!;
    const assignmentsCsv = (await readBlobText(service(), 'results', `shop/${runId}/assignments.csv`))!;
    expect(csvHeader(scoresCsv)).toEqual(csvHeader(assignmentsCsv));
    const scores = csvRows(scoresCsv);
    const fullPrecision = await runCustomers('shop', runId);
    const asRows = (text: string) => csvRows(text) as Record<string, unknown>[];
    const api = await scoreThroughApi({ dataset: 'shop', files: { 'customers.csv': asRows(newCustomers), 'monthly.csv': asRows(newMonthly) } });
    expect(scores.map((r) => r.customer_id)).toEqual(chosen.map((r) => r.customer_id));
    scores.forEach((row, i) => {
      const id = row.customer_id!;
      const inRun = fullPrecision.get(id)!;
      const viaApi = api.results.find((r) => r.id === id) ?? api.results[i]!;
      expect({ id, segment: Number(row.segment) }).toEqual({ id, segment: inRun.segment });
      expect({ id, segment: viaApi.segment }).toEqual({ id, segment: inRun.segment });
      expect({ id, churn: row.churn_probability }).toEqual({ id, churn: asWritten(inRun.churnProbability) });
      expect(Math.abs(viaApi.churnProbability! - inRun.churnProbability!)).toBeLessThanOrEqual(1e-9);
    });
    const sheet = await xlsxRows('shop', status.scoreId);
    expect(sheet[0]).toEqual(csvHeader(scoresCsv));
    expect(sheet).toHaveLength(chosen.length + 1);
  }, 240_000);

  test('GET model of a manifest dataset lists the files it expects', async () => {
    const res = await fetch(`${host().url}/api/datasets/shop/model`);
    expect(res.status).toBe(200);
    const model = (await res.json()) as {
      input: string; idColumn: string; files: { name: string; role: string; period?: string; columns?: { name: string }[]; periods?: string[] }[];
    };
    expect(model.input).toBe('files');
    expect(model.idColumn).toBe('customer_id');
    expect(model.files.map((f) => [f.name, f.role])).toEqual([['customers.csv', 'customers'], ['monthly.csv', 'long']]);
    // What each file must hold: the manifest's line, the columns the run read and the periods it pivoted.
    expect(model.files[1]).toMatchObject({ period: 'month', value: 'revenue', periods: months });
    expect(model.files[0]!.columns?.map((c) => c.name)).toEqual(expect.arrayContaining(['customer_id', 'monthly_spend', 'plan']));
    expect(model.files[1]!.columns?.map((c) => c.name)).toEqual(expect.arrayContaining(['customer_id', 'month', 'revenue']));
  });
});

describeWithData('a real manifest dataset', () => {
  test('«В один клик»: its four files dropped into scoring/ give every customer the run\'s segment, churn probability and action', async () => {
    const dir = sharedDataPath('one-click-market');
    const files = oneClickManifest.files.map((f) => ({ name: f.name, bytes: fs.readFileSync(`${dir}/${f.name}`) }));
    await put('uploads', 'one-click/manifest.json', JSON.stringify(oneClickManifest));
    for (const f of files) await service().getContainerClient('uploads').getBlockBlobClient(`one-click/${f.name}`).upload(f.bytes, f.bytes.length);
    const { runId } = await waitForLatest(service(), 'one-click', { limitMs: 200_000 });
    const { customers } = await expectDropReproducesRun({ service: service(), dataset: 'one-click', runId, files, manifest: oneClickManifest });
    expect(customers).toBe(1300);
  }, 300_000);
});
