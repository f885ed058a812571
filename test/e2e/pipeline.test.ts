import * as fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { customerCsv } from '../fixtures/customerCsv';
import { listBlobs, readBlobText, startTestStorage } from '../helpers/azurite';
import { instancesOf } from '../helpers/durableApi';
import { HostProcess, startHostProcess } from '../helpers/hostProcess';
import { waitForLatest, waitForReceipt } from '../helpers/waitFor';
import { describeWithData, sharedDataPath } from '../helpers/sharedData';
import { useHostOnTestStorage } from '../helpers/testHost';
import { oneClickManifest } from '../../tools/datasets/oneClickMarket';
import { expectScoresReproduceRun } from '../helpers/scoreParity';
import { expectDropReproducesRun } from '../helpers/scoreDrops';
import { expectActionableSegments } from '../helpers/actionableSegments';

/**
 * The pipeline a user experiences: files dropped through the local host come back as every result
 * file CONTRACTS.md lists, the stored model scores customers as the run did, retrains keep segment
 * numbers and report drift.
 */
const { storage, host, killHost, startHost } = useHostOnTestStorage();

/** Uploads a blob and returns its ETag (the version the blob trigger will handle). */
async function upload(name: string, body: Buffer | string): Promise<string> {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  return (await storage().service.getContainerClient('uploads').getBlockBlobClient(name).upload(data, data.length)).etag!;
}

async function completedRun(dataset: string, after?: string, limitMs?: number): Promise<string> {
  return (await waitForLatest(storage().service, dataset, { after, limitMs })).runId;
}

async function instanceOf(runId: string): Promise<{ instanceId: string; runtimeStatus: string; createdTime: string; history: { EventType: number }[] }> {
  const res = await fetch(`${host().url}/runtime/webhooks/durabletask/instances/${runId}?showHistory=true`, { headers: { 'x-functions-key': host().hostKey } });
  if (!res.ok) throw new Error(`GET instance ${runId} → ${res.status} ${await res.text()}`);
  return (await res.json()) as never;
}

interface Segments {
  runId: string;
  k: number;
  segments: { segment: number; name: string; size: number; share: number; priority: number; suggestedAction: string; meanChurnProbability: number | null }[];
}

async function results(dataset: string, runId: string) {
  const folder = `${dataset}/${runId}/`;
  const files = (await listBlobs(storage().service, 'results', folder)).map((n) => n.slice(folder.length)).filter((n) => !n.startsWith('_work/'));
  const text = (f: string) => readBlobText(storage().service, 'results', folder + f);
  const csv = (await text('assignments.csv'))!;
  const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
  return {
    files,
    csv,
    rows,
    header: Object.keys(rows[0]!),
    segments: JSON.parse((await text('segments.json'))!) as Segments,
    model: JSON.parse((await text('model.json'))!) as { version: number; runId: string; schema: { featureNames: string[] } },
    quality: JSON.parse((await text('quality.json'))!) as { derived: { column: string }[] },
    report: (await text('report.html'))!,
    text,
  };
}

const expectedFiles = ['assignments.csv', 'assignments.xlsx', 'model.json', 'quality.json', 'report.html', 'segments.json'];
const contractColumns = ['segment', 'segment_name', 'churn_probability', 'priority', 'driver_1', 'driver_2', 'driver_3', 'consent'];

function checkCommon(r: Awaited<ReturnType<typeof results>>, rows: number, idColumn: string) {
  expect(r.files).toEqual(expect.arrayContaining(expectedFiles));
  expect(r.rows).toHaveLength(rows);
  expect(r.header.slice(0, 1 + contractColumns.length)).toEqual([idColumn, ...contractColumns]);
  expect(r.segments.segments.reduce((s, x) => s + x.size, 0)).toBe(rows);
  expect(new Set(r.rows.map((x) => x.segment))).toEqual(new Set(r.segments.segments.map((s) => String(s.segment))));
  const priorities = r.rows.map((x) => Number(x.priority)).sort((a, b) => a - b);
  expect(priorities[0]).toBe(1);
  expect(priorities[priorities.length - 1]).toBe(rows);
  expect(r.model.version).toBe(1);
  // Self-contained: inline SVG charts and no URL but the SVG namespace.
  expect((r.report.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(4);
  const urls = (r.report.match(/https?:\/\/[^\s"'<>)]+/g) ?? []).filter((u) => !u.startsWith('http://www.w3.org/'));
  expect(urls).toEqual([]);
}

async function scoreThroughApi(dataset: string, customers: Record<string, unknown>[]) {
  const res = await fetch(`${host().url}/api/score`, { method: 'POST', body: JSON.stringify({ dataset, customers }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { runId: string; results: { id: string; segment: number; churnProbability: number | null }[] };
}

test('a generated customer file gives every result file, and the stored model scores like the run', async () => {
  const csv = customerCsv({ rows: 900, seed: 21 });
  await upload('generated/customers.csv', csv);
  const runId = await completedRun('generated');
  const r = await results('generated', runId);
  checkCommon(r, 900, 'customer_id');

  const input = parse(csv, { columns: true }) as Record<string, string>[];
  const sample = [0, 1, 2, 3, 450, 899].map((i) => input[i]!);
  const scored = await scoreThroughApi('generated', sample);
  expect(scored.runId).toBe(runId);
  sample.forEach((row, i) => {
    const assigned = r.rows.find((x) => x.customer_id === row.customer_id)!;
    expect(scored.results[i]!.id).toBe(row.customer_id);
    expect(scored.results[i]!.segment).toBe(Number(assigned.segment));
    expect(scored.results[i]!.churnProbability).toBeCloseTo(Number(assigned.churn_probability), 5);
  });

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await storage().service.getContainerClient('results').getBlobClient(`generated/${runId}/assignments.xlsx`).downloadToBuffer()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.rowCount).toBe(901);
  expect((sheet.getRow(1).values as unknown[]).slice(1, 10)).toEqual(['customer_id', ...contractColumns]);
});

test('the partitioned k-means path gives the same assignments as the single-process path', async () => {
  const csv = customerCsv({ rows: 1200, seed: 33 });
  // A second host with its own storage, told to fan k-means out above 300 rows (4 partitions here).
  const storage2 = await startTestStorage();
  const partitioned = await startHostProcess({ AzureWebJobsStorage: storage2.connectionString, SEGMENTWISE_PARTITION_ROWS: '300' });
  try {
    await storage2.service.getContainerClient('uploads').getBlockBlobClient('split/customers.csv').upload(csv, csv.length);
    const manyId = (await waitForLatest(storage2.service, 'split')).runId;
    await upload('split/customers.csv', csv);
    const oneId = await completedRun('split');
    expect(oneId).toBe(manyId); // same bytes and options: same run identity

    const history = async (of: HostProcess, runId: string) => {
      const res = await fetch(`${of.url}/runtime/webhooks/durabletask/instances/${runId}?showHistory=true`, { headers: { 'x-functions-key': of.hostKey } });
      return ((await res.json()) as { history: { EventType: number; Name?: string }[] }).history;
    };
    const partitionCalls = (await history(partitioned, manyId)).filter((e) => e.EventType === 4 && e.Name === 'lloydPartition').length;
    expect(partitionCalls).toBeGreaterThanOrEqual(4);
    expect(partitionCalls % 4).toBe(0);
    expect((await history(host(), oneId)).filter((e) => e.EventType === 4 && e.Name === 'lloydPartition')).toHaveLength(0);

    const one = await results('split', oneId);
    const manyCsv = (await readBlobText(storage2.service, 'results', `split/${manyId}/assignments.csv`))!;
    const many = parse(manyCsv, { bom: true, columns: true }) as Record<string, string>[];
    expect(many.map((x) => x.segment)).toEqual(one.rows.map((x) => x.segment));
  } finally {
    await partitioned.kill();
    await storage2.stop();
  }
}, 240_000);

test('re-uploading unchanged data starts no run; changed data and the timer retrain with drift.json', async () => {
  const csv = customerCsv({ rows: 600, seed: 44 });
  await upload('drifting/customers.csv', csv);
  const first = await completedRun('drifting');
  const latestBefore = await readBlobText(storage().service, 'results', 'drifting/latest.json');
  const instanceBefore = await instanceOf(first);
  const etag = await upload('drifting/customers.csv', csv);
  // The trigger has handled the new version: any run it was going to start has started by now.
  await waitForReceipt(storage().service, 'drifting/customers.csv', etag);
  // Unchanged bytes give the same runId, so the runId cannot tell a re-run; a re-run would replace
  // the instance (new createdTime, a new history) and rewrite latest.json (a new completedAt).
  const instanceAfter = await instanceOf(first);
  expect({ createdTime: instanceAfter.createdTime, events: instanceAfter.history.length, runtimeStatus: instanceAfter.runtimeStatus }).toEqual({
    createdTime: instanceBefore.createdTime, events: instanceBefore.history.length, runtimeStatus: 'Completed',
  });
  expect(await readBlobText(storage().service, 'results', 'drifting/latest.json')).toBe(latestBefore);

  // Changed data arrives while the trigger is not listening (as when an event is missed): the timer catches up.
  // The same customers plus 40 new ones: the same RNG stream makes the first 600 rows identical.
  const changed = customerCsv({ rows: 640, seed: 44 });
  await killHost();
  await upload('drifting/customers.csv', changed);
  await storage().service.getContainerClient('segmentwise-durable').getBlockBlobClient('receipts/ingestUpload/uploads/drifting/customers.csv')
    .setMetadata({ blobetag: (await storage().service.getContainerClient('uploads').getBlobClient('drifting/customers.csv').getProperties()).etag!, state: 'done' });
  await startHost();
  const fired = await fetch(`${host().url}/admin/functions/retrainModels`, { method: 'POST' });
  if (fired.status !== 202) console.log(host().output());
  expect(fired.status).toBe(202);
  const second = await completedRun('drifting', first);
  const drift = JSON.parse((await readBlobText(storage().service, 'results', `drifting/${second}/drift.json`))!) as {
    previousRunId: string; ari: number; sizeShift: { segment: number; before: number; after: number }[]; centroidShift: unknown[];
  };
  expect(drift.previousRunId).toBe(first);
  expect(drift.ari).toBeGreaterThan(0.7); // 600 of 640 customers unchanged: most keep their segment
  expect(drift.sizeShift.reduce((s, x) => s + x.after, 0)).toBe(640);
  expect(drift.centroidShift.length).toBeGreaterThan(0);
  const report = (await readBlobText(storage().service, 'results', `drifting/${second}/report.html`))!;
  expect(report).toMatch(/drift/i);
}, 270_000);

/** The real datasets are larger: each wait stays inside its test's own, longer, limit. */
const realDataWaitMs = 240_000;
const realDataTestMs = 400_000;

describeWithData('the real datasets through the whole app', () => {
  /**
   * The uploaded files scored with the run's model.json (through scoreTables and POST /api/score) and
   * dropped into scoring/<dataset>/ give every customer the run's segment and probability.
   */
  const expectParity = async (dataset: string, runId: string, files: { name: string; bytes: Buffer }[], manifest?: unknown) => {
    // Names unique and free of headers and codes, actions distinct, priority by value at stake.
    await expectActionableSegments({ service: storage().service, dataset, runId, files, manifest });
    await expectScoresReproduceRun({ service: storage().service, hostUrl: host().url, dataset, runId, files, manifest });
    await expectDropReproducesRun({ service: storage().service, dataset, runId, files, manifest, limitMs: realDataWaitMs });
  };

  test('IBM Telco: a churn model on the label, 7,043 customers', async () => {
    const bytes = fs.readFileSync(sharedDataPath('telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv'));
    await upload('telco/customers.csv', bytes);
    const runId = await completedRun('telco', undefined, realDataWaitMs);
    const r = await results('telco', runId);
    await expectParity('telco', runId, [{ name: 'customers.csv', bytes }]);
    checkCommon(r, 7043, 'customerID');
    expect(r.rows[0]!.customerID).toBe('7590-VHVEG');
    expect(r.rows.every((x) => Number(x.churn_probability) >= 0 && Number(x.churn_probability) <= 1)).toBe(true);
    expect(r.rows.filter((x) => x.driver_1 !== '').length).toBeGreaterThan(7000);
    expect(r.report).toMatch(/ROC/);
  }, realDataTestMs);

  test('E-commerce XLSX: the data sheet with its header on row 2, 5,630 customers', async () => {
    const bytes = fs.readFileSync(sharedDataPath('ecommerce-churn', 'E Commerce Dataset.xlsx'));
    await upload('ecommerce/E Commerce Dataset.xlsx', bytes);
    const runId = await completedRun('ecommerce', undefined, realDataWaitMs);
    const r = await results('ecommerce', runId);
    await expectParity('ecommerce', runId, [{ name: 'E Commerce Dataset.xlsx', bytes }]);
    checkCommon(r, 5630, 'CustomerID');
    expect(r.rows[0]!.CustomerID).toBe('50001');
  }, realDataTestMs);

  test('«В один клик»: four tables joined by a manifest, consent honoured, Cyrillic intact', async () => {
    const dir = sharedDataPath('one-click-market');
    const manifest = oneClickManifest;
    // The manifest first: the run waits until every file it names is there.
    const early = [['manifest.json', await upload('one-click/manifest.json', JSON.stringify(manifest))]];
    for (const f of manifest.files.slice(0, 3)) early.push([f.name, await upload(`one-click/${f.name}`, fs.readFileSync(`${dir}/${f.name}`))]);
    // Every early file handled by the trigger (each decided to wait), and still nothing was started.
    for (const [name, etag] of early) await waitForReceipt(storage().service, `one-click/${name}`, etag!);
    // A run started early would exist as an instance before it wrote anything to results/.
    expect(await instancesOf(host(), 'one-click')).toEqual([]);
    expect(await listBlobs(storage().service, 'results', 'one-click/')).toEqual([]);
    expect(host().output()).toMatch(/one-click\/market_time\.csv: /);
    await upload('one-click/money.csv', fs.readFileSync(`${dir}/money.csv`));
    const runId = await completedRun('one-click', undefined, realDataWaitMs);
    const r = await results('one-click', runId);
    checkCommon(r, 1300, 'id');
    await expectParity('one-click', runId, manifest.files.map((f) => ({ name: f.name, bytes: fs.readFileSync(`${dir}/${f.name}`) })), manifest);
    expect(r.rows.filter((x) => x.consent === 'false')).toHaveLength(338);
    expect(r.model.schema.featureNames.some((f) => /Выручка/.test(f))).toBe(true);
  }, realDataTestMs);

  test('Online Retail RFM workbook: no label, so a heuristic risk and RFM segment names', async () => {
    const bytes = fs.readFileSync(sharedDataPath('online-retail-rfm', 'Online Retail.xlsx'));
    await upload('rfm/Online Retail.xlsx', bytes);
    const runId = await completedRun('rfm', undefined, realDataWaitMs);
    const r = await results('rfm', runId);
    await expectParity('rfm', runId, [{ name: 'Online Retail.xlsx', bytes }]);
    checkCommon(r, 3949, 'CustomerID');
    expect(r.header).toContain('rfm_segment');
    expect(new Set(r.rows.map((x) => x.rfm_segment)).size).toBeGreaterThan(3);
  }, realDataTestMs);

  test('Online Retail transactions: aggregated per customer into RFM features', async () => {
    const bytes = fs.readFileSync(sharedDataPath('online-retail', 'OnlineRetail.csv'));
    await upload('retail/OnlineRetail.csv', bytes);
    const runId = await completedRun('retail', undefined, realDataWaitMs);
    const r = await results('retail', runId);
    await expectParity('retail', runId, [{ name: 'OnlineRetail.csv', bytes }]);
    expect(r.rows.length).toBeGreaterThan(3000);
    expect(r.quality.derived.map((d) => d.column)).toEqual(expect.arrayContaining(['recency_days', 'frequency', 'monetary']));
    // Invoice lines give each customer a 12-month value (BG/NBD + Gamma-Gamma, kept in model.json).
    expect(r.header).toEqual(expect.arrayContaining(['customer_value_12m', 'next_purchase_date']));
    expect((r.model as { customerValue?: { bgNbd: { customers: number } } }).customerValue?.bgNbd.customers).toBeGreaterThan(2000);
    expect(r.rows.filter((x) => Number(x.customer_value_12m) > 0).length).toBeGreaterThan(2000);
    expect(r.rows.filter((x) => /^\d{4}-\d{2}-\d{2}$/.test(x.next_purchase_date ?? '')).length).toBeGreaterThan(100);
  }, realDataTestMs);
});
