import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { customerCsv } from '../fixtures/customerCsv';
import { hardCustomerRows, hardCustomersCsv, hardCustomersXlsx, hardHeader, hardIdColumn, hardIds } from '../fixtures/hardCustomers';
import { listBlobs, readBlobText } from '../helpers/azurite';
import { describeWithChromium, launchChromium, watchPage, type ChromiumSession } from '../helpers/chromium';
import { getRun } from '../helpers/hostProcess';
import { useHostOnTestStorage } from '../helpers/testHost';
import { waitFor, waitForLatest, waitForReceipt, waitForRunCompleted, waitForRunEnd } from '../helpers/waitFor';

/**
 * docs/CONTRACTS.md, promise by promise, through the local host on files generated here: ids back
 * byte-for-byte in both assignment files, the CSV rules, segments the same in segments.json, the API,
 * the assignments and the report, priorities in the stated order, error.json and GET /runs as
 * documented, the listing routes, and the run's own report.html in a browser.
 */
// The host reaches Azurite through a fault proxy with no rules, so one test can hold a request on cue.
const on = useHostOnTestStorage({}, { faultProxy: true });

const dataset = 'contracts';
const rows = hardCustomerRows(420);

interface RunFiles {
  runId: string;
  csvBytes: Buffer;
  csv: string[][];
  xlsx: unknown[][];
  segments: Segments;
  report: string;
}

interface Segments {
  runId: string;
  k: number;
  goal: string;
  valueColumn: string | null;
  segments: { segment: number; name: string; size: number; share: number; priority: number; suggestedAction: string; meanChurnProbability: number | null; valueAtStake?: number; actionsByDriver?: Record<string, string> }[];
}

/** The two runs of the dataset: the table uploaded as CSV, then the same table as XLSX. */
const runs: Partial<Record<'csv' | 'xlsx', RunFiles>> = {};

async function upload(name: string, body: string | Buffer): Promise<void> {
  await on.storage().service.getContainerClient('uploads').getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
}

async function blobBytes(name: string): Promise<Buffer> {
  return on.storage().service.getContainerClient('results').getBlobClient(name).downloadToBuffer();
}

/** Every cell of the first sheet as its stored value (text stays text, numbers stay numbers). */
async function xlsxCells(bytes: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const out: unknown[][] = [];
  const width = sheet.getRow(1).cellCount;
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) {
      const v = row.getCell(c).value;
      cells.push(v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : v);
    }
    out.push(cells);
  });
  return out;
}

async function readRun(runId: string): Promise<RunFiles> {
  const folder = `${dataset}/${runId}`;
  const csvBytes = await blobBytes(`${folder}/assignments.csv`);
  return {
    runId,
    csvBytes,
    csv: parse(csvBytes, { bom: true, relax_column_count: false }) as string[][],
    xlsx: await xlsxCells(await blobBytes(`${folder}/assignments.xlsx`)),
    segments: JSON.parse((await readBlobText(on.storage().service, 'results', `${folder}/segments.json`))!) as Segments,
    report: (await readBlobText(on.storage().service, 'results', `${folder}/report.html`))!,
  };
}

beforeAll(async () => {
  await upload(`${dataset}/customers.csv`, hardCustomersCsv(rows));
  const first = await waitForLatest(on.storage().service, dataset, { limitMs: 100_000 });
  runs.csv = await readRun(first.runId);
  // The same customers as a workbook, after the first run completed: the dataset's second, newer run.
  await upload(`${dataset}/customers.xlsx`, await hardCustomersXlsx(rows));
  const second = await waitForLatest(on.storage().service, dataset, { after: first.runId, limitMs: 100_000 });
  runs.xlsx = await readRun(second.runId);
}, 230_000);

const expectedIds = rows.map((r) => r[0] as string);
const header = [hardIdColumn, 'segment', 'segment_name', 'churn_probability', 'priority', 'driver_1', 'driver_2', 'driver_3', 'consent', 'action'];

describe.each(['csv', 'xlsx'] as const)('a table uploaded as %s', (format) => {
  test('every id comes back byte-for-byte, in input order, in assignments.csv and assignments.xlsx', () => {
    const run = runs[format]!;
    expect(run.csv[0]).toEqual(header);
    expect(run.xlsx[0]).toEqual(header);
    const csvIds = run.csv.slice(1).map((r) => r[0]);
    const xlsxIds = run.xlsx.slice(1).map((r) => r[0]);
    // Each hard id on its own first, so a failure names it; then the whole column.
    hardIds.forEach((id, i) => {
      expect({ id, csv: Buffer.from(csvIds[i]!).toString('hex'), xlsx: typeof xlsxIds[i] === 'string' ? Buffer.from(xlsxIds[i] as string).toString('hex') : xlsxIds[i] })
        .toEqual({ id, csv: Buffer.from(id).toString('hex'), xlsx: Buffer.from(id).toString('hex') });
    });
    expect(csvIds).toEqual(expectedIds);
    expect(xlsxIds).toEqual(expectedIds);
  });

  test('assignments.xlsx holds the same rows and columns as assignments.csv, numbers as numbers (the CSV\'s to 6 decimals)', () => {
    const run = runs[format]!;
    expect(run.xlsx).toHaveLength(run.csv.length);
    run.csv.slice(1).forEach((cells, i) => {
      const xlsx = run.xlsx[i + 1]!;
      const asText = cells.map((cell, c) => {
        const v = xlsx[c];
        if (v === null || v === undefined) return '';
        // The workbook may keep a number's full precision; the CSV writes it to 6 decimals.
        if (typeof v === 'number') return Math.abs(Number(cell) - v) <= 5e-7 ? cell : `${v} (csv ${cell})`;
        return String(v);
      });
      expect(asText).toEqual(cells);
    });
  });
});

test('assignments.csv is UTF-8 with BOM, \\n, RFC 4180 quoting, numbers with at most 6 decimals and no separators', () => {
  const { csvBytes, csv } = runs.csv!;
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csvBytes.subarray(3).toString('utf8');
  expect(Buffer.from(text, 'utf8').equals(csvBytes.subarray(3))).toBe(true);
  expect(text).not.toContain('\r');
  // Written again by the RFC 4180 rule (a field with a quote, comma or line break is quoted, quotes doubled;
  // `;` and tab quoted too, as CONTRACTS.md allows for spreadsheets set to split on them), the file is unchanged.
  const field = (v: string) => (/[",\r\n;\t]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  expect(csv.map((r) => r.map(field).join(',')).join('\n') + '\n').toBe(text);
  expect(text).toContain('\n"Smith, ""JJ"" 9",');

  const body = csv.slice(1);
  expect(body).toHaveLength(rows.length);
  for (const r of body) {
    const [, segment, , probability, priority, d1, d2, d3, consent] = r;
    expect({ segment, ok: /^\d+$/.test(segment!) }).toEqual({ segment, ok: true });
    expect({ probability, ok: /^(0|1|0\.\d{1,6})$/.test(probability!) }).toEqual({ probability, ok: true });
    expect({ priority, ok: /^[1-9]\d*$/.test(priority!) }).toEqual({ priority, ok: true });
    for (const driver of [d1, d2, d3].filter((d) => d !== '')) expect({ driver, ok: /^.+: [+-]\d+\.\d{2}$/.test(driver!) }).toEqual({ driver, ok: true });
    expect(['true', 'false']).toContain(consent);
  }
  // Priority is a ranking: each of 1..n once.
  expect(body.map((r) => Number(r[4])).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i + 1));
  // Consent as the file says: yes ⇒ true, no ⇒ false.
  expect(body.map((r) => r[8])).toEqual(rows.map((r) => String(r[hardHeader.indexOf('email_opt_in')] === 'yes')));
});

test('segments.json, GET /segments, each row\'s segment_name and the report name the same segments with the same actions', async () => {
  const run = runs.xlsx!;
  const answer = await fetch(`${on.host().url}/api/datasets/${dataset}/segments`);
  expect(answer.status).toBe(200);
  expect(await answer.json()).toEqual(run.segments);
  expect(run.segments.runId).toBe(run.runId);
  expect(run.segments.segments).toHaveLength(run.segments.k);

  const byNumber = new Map(run.segments.segments.map((s) => [s.segment, s]));
  const body = run.csv.slice(1);
  expect([...new Set(body.map((r) => Number(r[1])))].sort((a, b) => a - b)).toEqual([...byNumber.keys()].sort((a, b) => a - b));
  for (const r of body) expect({ segment: r[1], name: r[2] }).toEqual({ segment: r[1], name: byNumber.get(Number(r[1]))!.name });
  // Each customer's action is one of their segment's: its suggested action or the same led by one of the customer's drivers.
  const actionAt = header.indexOf('action');
  for (const r of body) {
    const s = byNumber.get(Number(r[1]))!;
    expect({ segment: r[1], ok: [s.suggestedAction, ...Object.values(s.actionsByDriver ?? {})].includes(r[actionAt]!) }).toEqual({ segment: r[1], ok: true });
  }
  // Actions differ between segments, and priority follows the value at stake.
  expect(new Set(run.segments.segments.map((s) => s.suggestedAction)).size).toBe(run.segments.segments.length);
  const byPriority = [...run.segments.segments].sort((a, b) => a.priority - b.priority);
  for (let p = 1; p < byPriority.length; p++) expect(byPriority[p]!.valueAtStake!).toBeLessThanOrEqual(byPriority[p - 1]!.valueAtStake!);
  for (const s of run.segments.segments) {
    expect(s.name.trim()).not.toBe('');
    expect(s.suggestedAction.trim()).not.toBe('');
    expect(s.size).toBe(body.filter((r) => Number(r[1]) === s.segment).length);
    expect(s.share).toBeCloseTo(s.size / body.length, 4);
    // The report shows each segment under the same name with the same action.
    const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    expect({ segment: s.segment, name: run.report.includes(escape(s.name)), action: run.report.includes(escape(s.suggestedAction)) })
      .toEqual({ segment: s.segment, name: true, action: true });
  }
  // The model that scores new customers names the segments the same way.
  const model = JSON.parse((await readBlobText(on.storage().service, 'results', `${dataset}/${run.runId}/model.json`))!) as { centroids: { segment: number; name: string }[] };
  expect(model.centroids.map((c) => [c.segment, c.name]).sort()).toEqual(run.segments.segments.map((s) => [s.segment, s.name]).sort());
  // The CSV run of the same table names its segments by the same rules.
  expect(runs.csv!.csv.slice(1).every((r) => r[2] === runs.csv!.segments.segments.find((s) => s.segment === Number(r[1]))!.name)).toBe(true);
});

test('priority 1 = act first: customers by churn probability × value, segments by their summed probability × value', () => {
  const run = runs.csv!;
  expect(run.segments.valueColumn).toBe('monthly_spend');
  const valueAt = hardHeader.indexOf('monthly_spend');
  const body = run.csv.slice(1);
  const loss = body.map((r, i) => Number(r[3]) * Math.max(0, rows[i]![valueAt] as number));
  // Probabilities are written to 6 decimals: products may tie within that rounding, never more.
  const slack = 1e-6 * Math.max(...rows.map((r) => r[valueAt] as number));
  const byPriority = body.map((r, i) => ({ priority: Number(r[4]), loss: loss[i]! })).sort((a, b) => a.priority - b.priority);
  for (let p = 1; p < byPriority.length; p++) {
    expect({ priority: byPriority[p]!.priority, notAbovePrevious: byPriority[p]!.loss <= byPriority[p - 1]!.loss + slack })
      .toEqual({ priority: byPriority[p]!.priority, notAbovePrevious: true });
  }
  const segmentLoss = new Map<number, number>();
  body.forEach((r, i) => segmentLoss.set(Number(r[1]), (segmentLoss.get(Number(r[1])) ?? 0) + loss[i]!));
  const segmentsByPriority = [...run.segments.segments].sort((a, b) => a.priority - b.priority);
  expect(segmentsByPriority.map((s) => s.priority)).toEqual(segmentsByPriority.map((_, i) => i + 1));
  for (let p = 1; p < segmentsByPriority.length; p++) {
    expect(segmentLoss.get(segmentsByPriority[p]!.segment)!).toBeLessThanOrEqual(segmentLoss.get(segmentsByPriority[p - 1]!.segment)! + slack * body.length);
  }
});

test('quality.json and model.json carry the documented fields, each role with its evidence, confidence and override', async () => {
  const folder = `${dataset}/${runs.csv!.runId}`;
  const quality = JSON.parse((await readBlobText(on.storage().service, 'results', `${folder}/quality.json`))!) as Record<string, unknown> & { roles: Record<string, Record<string, unknown>> };
  for (const key of ['files', 'rows', 'columns', 'dropped', 'derived', 'implausible', 'joins', 'notes', 'roles', 'excluded', 'duplicateIds']) expect({ key, present: key in quality }).toEqual({ key, present: true });
  expect(quality.rows).toEqual({ input: rows.length, duplicateRowsRemoved: 0, duplicateIdsRemoved: 0, rowsSharingAnId: 0, duplicatesIgnoringId: 0, output: rows.length });
  expect(quality.files).toEqual([expect.objectContaining({ name: 'customers.csv', rows: rows.length, columns: hardHeader.length })]);
  const confidences = ['manifest', 'high', 'medium', 'low', 'none'];
  for (const role of ['id', 'target', 'goal', 'consent', 'value']) {
    const decision = quality.roles[role];
    expect({ role, column: 'column' in decision, evidence: typeof decision.evidence, confidence: confidences.includes(String(decision.confidence)), override: typeof decision.override })
      .toEqual({ role, column: true, evidence: 'string', confidence: true, override: 'string' });
  }
  expect(quality.roles.id).toMatchObject({ column: hardIdColumn });
  expect(quality.roles.target).toMatchObject({ column: 'churned', positive: 'yes', classes: ['no', 'yes'] });
  expect(quality.roles.goal).toMatchObject({ goal: 'churn' });
  const consenting = rows.filter((r) => r[hardHeader.indexOf('email_opt_in')] === 'yes').length;
  expect(quality.roles.consent).toMatchObject({ column: 'email_opt_in', mode: 'column', polarity: 'opt-in', consenting, notConsenting: rows.length - consenting, unreadable: 0 });
  expect(quality.roles.value).toMatchObject({ column: 'monthly_spend' });
  expect(quality.roles.dates as unknown).toEqual([]);
  expect(quality.excluded).toContainEqual({ column: 'email_opt_in', reason: expect.any(String) });
  expect(quality.duplicateIds).toEqual([]);

  const model = JSON.parse((await readBlobText(on.storage().service, 'results', `${folder}/model.json`))!) as Record<string, unknown> & { createdAt: string; schema: { featureNames: string[] } };
  expect(Object.keys(model).sort()).toEqual(['centroids', 'churnModel', 'clustering', 'createdAt', 'encoders', 'metrics', 'pca', 'population', 'recipe', 'roles', 'runId', 'scaler', 'schema', 'version']);
  // How customers were put in segments: one weight per feature, centres in that space, one per centroid.
  const clustering = model.clustering as { algorithm: string; space: { kind: string; weights: number[]; flagGap: number }; centers: number[][] };
  expect(clustering).toMatchObject({ algorithm: 'lloyd', space: { kind: 'clusterSpace', flagGap: 0.5, pca: null, varianceKept: null } });
  expect(clustering.space.weights).toHaveLength(model.schema.featureNames.length);
  expect(clustering.centers).toHaveLength((model.centroids as unknown[]).length);
  // The table recipe names the file, its id and the columns read, and never the target or consent.
  expect(model.recipe).toMatchObject({ version: 1, idColumn: hardIdColumn, files: [{ role: 'customers', key: hardIdColumn }] });
  const read = (model.recipe as { files: { columns: { name: string }[] }[] }).files[0]!.columns.map((c) => c.name);
  expect(read).toEqual(expect.arrayContaining([hardIdColumn, 'monthly_spend']));
  expect(read).not.toEqual(expect.arrayContaining(['churned']));
  expect(read).not.toEqual(expect.arrayContaining(['email_opt_in']));
  expect(model.population).toMatchObject({ priority: { basis: 'risk-value', valueColumn: 'monthly_spend' } });
  expect(model).toMatchObject({ version: 1, runId: runs.csv!.runId, churnModel: { type: 'classifier', state: expect.any(Object) }, roles: { goal: 'churn', valueColumn: 'monthly_spend', dates: [] } });
  expect(new Date(model.createdAt).toISOString()).toBe(model.createdAt);
  // The id, the target and consent are never features.
  for (const never of [hardIdColumn, 'churned', 'email_opt_in']) expect(model.schema.featureNames.some((f) => f === never || f.startsWith(`${never}=`))).toBe(false);
});

test('GET /runs/{runId} of a completed run: the documented fields, and results listing exactly the files in its folder', async () => {
  for (const run of [runs.csv!, runs.xlsx!]) {
    const status = (await getRun(on.host().url, run.runId))! as unknown as Record<string, unknown>;
    expect(Object.keys(status).sort()).toEqual(['createdAt', 'customStatus', 'dataset', 'lastUpdatedAt', 'results', 'runId', 'runtimeStatus']);
    expect(status).toMatchObject({ runId: run.runId, dataset, runtimeStatus: 'Completed', customStatus: { step: 'writeResults', stepIndex: 7, steps: 7, percent: 100 } });
    for (const at of [status.createdAt, status.lastUpdatedAt]) expect(new Date(at as string).toISOString()).toBe(at);
    const results = status.results as { folder: string; files: string[] };
    expect(results.folder).toBe(`results/${dataset}/${run.runId}/`);
    const stored = (await listBlobs(on.storage().service, 'results', `${dataset}/${run.runId}/`))
      .map((n) => n.slice(`${dataset}/${run.runId}/`.length))
      .filter((n) => !n.startsWith('_work/'));
    expect([...results.files].sort()).toEqual(stored.sort());
  }
  // The second run compared itself with the first.
  expect(await getRun(on.host().url, runs.xlsx!.runId)).toMatchObject({ results: { files: expect.arrayContaining(['drift.json']) } });
  const drift = JSON.parse((await readBlobText(on.storage().service, 'results', `${dataset}/${runs.xlsx!.runId}/drift.json`))!) as Record<string, unknown>;
  expect(drift).toMatchObject({ previousRunId: runs.csv!.runId, ari: expect.any(Number), sizeShift: expect.any(Array), centroidShift: expect.any(Array) });
});

test('GET /datasets and GET /datasets/{dataset}/runs: latest.json\'s run, and the runs newest first', async () => {
  const latest = JSON.parse((await readBlobText(on.storage().service, 'results', `${dataset}/latest.json`))!) as { runId: string; completedAt: string };
  expect(latest.runId).toBe(runs.xlsx!.runId);
  const list = (await (await fetch(`${on.host().url}/api/datasets`)).json()) as { datasets: unknown[] };
  expect(list.datasets).toContainEqual({ dataset, latestRunId: latest.runId, completedAt: latest.completedAt });
  const answer = await fetch(`${on.host().url}/api/datasets/${dataset}/runs`);
  expect(answer.status).toBe(200);
  const { runs: listed } = (await answer.json()) as { runs: { runId: string; runtimeStatus: string; createdAt: string }[] };
  expect(listed.map((r) => r.runId)).toEqual([runs.xlsx!.runId, runs.csv!.runId]);
  for (const r of listed) expect(r).toEqual({ runId: r.runId, runtimeStatus: 'Completed', createdAt: new Date(r.createdAt).toISOString() });
  expect(listed[0]!.createdAt > listed[1]!.createdAt).toBe(true);
});

test('GET /datasets/{dataset}/results/{file}: a 15-minute link that serves the latest run\'s file, or another run\'s with ?runId=', async () => {
  for (const [query, run] of [['', runs.xlsx!], [`?runId=${runs.csv!.runId}`, runs.csv!]] as const) {
    const before = Date.now();
    const answer = await fetch(`${on.host().url}/api/datasets/${dataset}/results/assignments.csv${query}`);
    expect(answer.status).toBe(200);
    const link = (await answer.json()) as { url: string; expiresAt: string };
    expect(Object.keys(link).sort()).toEqual(['expiresAt', 'url']);
    const expires = Date.parse(link.expiresAt) - before;
    expect(expires).toBeGreaterThan(14 * 60_000);
    expect(expires).toBeLessThanOrEqual(16 * 60_000);
    const served = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    expect(served.equals(run.csvBytes)).toBe(true);
  }
});

test('a file that cannot be read: error.json of the documented shape, the same error in GET /runs/{runId}', async () => {
  const lines = ['customer_id,monthly_spend,orders', ...Array.from({ length: 30 }, (_, i) => `c${i},${10 + i},${i % 5}`)];
  lines.splice(5, 0, 'c-ragged,12,3,an extra field,and another');
  const uploadedAt = Date.now();
  await upload('broken/customers.csv', lines.join('\n') + '\n');
  const runId = await waitFor(async () => {
    const answer = await fetch(`${on.host().url}/api/datasets/broken/runs`);
    return answer.status === 200 ? ((await answer.json()) as { runs: { runId: string }[] }).runs[0]?.runId : undefined;
  }, 30_000, 'a run of the broken file to start');
  const run = await waitForRunEnd(on.host().url, runId);
  expect(run.runtimeStatus).toBe('Failed');
  const error = JSON.parse((await readBlobText(on.storage().service, 'results', `broken/${runId}/error.json`))!) as Record<string, unknown>;
  expect(Object.keys(error).every((k) => ['runId', 'dataset', 'file', 'row', 'column', 'code', 'message', 'hint', 'at'].includes(k))).toBe(true);
  // The ragged line is line 6 of the file (the header is line 1).
  expect(error).toMatchObject({ runId, dataset: 'broken', file: 'customers.csv', row: 6, code: 'CSV_RAGGED_ROW' });
  for (const words of [error.message, error.hint]) {
    expect(typeof words).toBe('string');
    // Plain words for a person: no stack trace, no object dump.
    expect(words).toMatch(/^[A-Z].{20,}[.)]$/s);
    expect(words).not.toMatch(/\n\s+at |\[object |undefined/);
  }
  expect(new Date(error.at as string).toISOString()).toBe(error.at);
  // Written for this upload (the host shares this machine's clock; a second of slack for rounding).
  expect(Date.parse(error.at as string)).toBeGreaterThanOrEqual(uploadedAt - 1000);
  expect(run.error).toEqual(error);
  // A failed run publishes nothing as latest, and the upload stays.
  expect(await readBlobText(on.storage().service, 'results', 'broken/latest.json')).toBeUndefined();
  expect(await listBlobs(on.storage().service, 'uploads', 'broken/')).toEqual(['broken/customers.csv']);
}, 150_000);

test('customStatus while a run works is { step, stepIndex, steps, percent } at the step it is in', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  // The features hand-over is held in the network: the run stays in prepareFeatures until released.
  on.proxy().setRules([{ matches: (r) => r.method === 'PUT' && r.path.includes('/results/progress/') && r.path.includes('/_work/features.bin'), times: 1, holdUntil: held }]);
  try {
    await upload('progress/customers.csv', customerCsv({ rows: 300, seed: 23 }));
    await waitFor(async () => (on.proxy().failed[0] === 1 ? true : undefined), 60_000, 'the run to write its features');
    const answer = await fetch(`${on.host().url}/api/datasets/progress/runs`);
    const runId = ((await answer.json()) as { runs: { runId: string }[] }).runs[0]!.runId;
    const working = (await getRun(on.host().url, runId))! as unknown as Record<string, unknown>;
    expect(Object.keys(working).sort()).toEqual(['createdAt', 'customStatus', 'dataset', 'lastUpdatedAt', 'runId', 'runtimeStatus']);
    expect(working).toMatchObject({ runId, dataset: 'progress', runtimeStatus: 'Running' });
    expect(working.customStatus).toEqual({ step: 'prepareFeatures', stepIndex: 2, steps: 7, percent: 29 });
    release();
    await waitForRunCompleted(on.host().url, runId);
  } finally {
    release();
    on.proxy().setRules([]);
  }
}, 170_000);

test('with a manifest naming two files, the run starts only once both are there, and joins them on the id', async () => {
  const service = on.storage().service;
  const customers = customerCsv({ rows: 240, seed: 31 });
  const ids = (parse(customers, { columns: true }) as { customer_id: string }[]).map((r) => r.customer_id);
  const visits = ['customer_id,site_visits_per_month', ...ids.map((id, i) => `${id},${(i % 3) * 4 + (i % 5)}`).reverse()].join('\n') + '\n';
  const manifest = JSON.stringify({ files: [{ name: 'customers.csv', role: 'customers' }, { name: 'visits.csv', role: 'customers' }], id: 'customer_id' });
  const early: [string, string][] = [];
  for (const [name, body] of [['manifest.json', manifest], ['customers.csv', customers]] as const) {
    const { etag } = await service.getContainerClient('uploads').getBlockBlobClient(`joined/${name}`).upload(body, Buffer.byteLength(body));
    early.push([name, etag!]);
  }
  // The positive event first: the trigger has handled both early uploads (each decided to wait)…
  for (const [name, etag] of early) await waitForReceipt(service, `joined/${name}`, etag);
  // …and no run was started for them.
  const before = await fetch(`${on.host().url}/api/datasets/joined/runs`);
  expect(before.status).toBe(200);
  expect(await before.json()).toEqual({ runs: [] });
  expect(await listBlobs(service, 'results', 'joined/')).toEqual([]);

  await upload('joined/visits.csv', visits);
  const { runId } = await waitForLatest(service, 'joined', { limitMs: 100_000 });
  const listed = (await (await fetch(`${on.host().url}/api/datasets/joined/runs`)).json()) as { runs: { runId: string }[] };
  expect(listed.runs.map((r) => r.runId)).toEqual([runId]);
  const assigned = parse((await readBlobText(service, 'results', `joined/${runId}/assignments.csv`))!, { bom: true, columns: true }) as { customer_id: string }[];
  expect(assigned.map((r) => r.customer_id)).toEqual(ids);
  const model = JSON.parse((await readBlobText(service, 'results', `joined/${runId}/model.json`))!) as { schema: { featureNames: string[] } };
  expect(model.schema.featureNames).toEqual(expect.arrayContaining(['monthly_spend', 'site_visits_per_month']));
}, 180_000);

test('a manifest without files sets only the options of the file that arrives', async () => {
  const service = on.storage().service;
  const manifest = JSON.stringify({ k: 2, consent: 'all' });
  const { etag } = await service.getContainerClient('uploads').getBlockBlobClient('options/manifest.json').upload(manifest, manifest.length);
  await waitForReceipt(service, 'options/manifest.json', etag!);
  expect(await listBlobs(service, 'results', 'options/')).toEqual([]);
  await upload('options/customers.csv', customerCsv({ rows: 240, seed: 37 }));
  const { runId } = await waitForLatest(service, 'options', { limitMs: 100_000 });
  const segments = JSON.parse((await readBlobText(service, 'results', `options/${runId}/segments.json`))!) as Segments;
  expect(segments.k).toBe(2);
  const assigned = parse((await readBlobText(service, 'results', `options/${runId}/assignments.csv`))!, { bom: true, columns: true }) as { consent: string }[];
  expect(assigned).toHaveLength(240);
  expect(assigned.every((r) => r.consent === 'true')).toBe(true);
}, 150_000);

describeWithChromium("the run's own report.html in headless chromium", () => {
  let session: ChromiumSession;
  let dir: string;
  let reportUrl: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentwise-run-report-'));
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, runs.csv!.report);
    reportUrl = pathToFileURL(file).href;
    session = await launchChromium({ viewport: { width: 1200, height: 900 } });
  });

  afterAll(async () => {
    await session?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('"How we read your data" comes first and is on the first screen; no console error, no request but the file', async () => {
    const page = await session.context.newPage();
    const watch = watchPage(page);
    await page.goto(reportUrl, { waitUntil: 'load' });
    // Evaluated in the page (a string: the test's TypeScript has no DOM types).
    const first = await page.evaluate<{ id?: string; heading?: string; top?: number; height?: number; visible?: boolean }>(`(() => {
      const section = document.querySelector('main section');
      const box = section && section.getBoundingClientRect();
      return section ? { id: section.id, heading: section.querySelector('h2')?.textContent, top: box.top, height: box.height, visible: section.checkVisibility() } : {};
    })()`);
    expect(first).toMatchObject({ id: 'reading', heading: 'How we read your data', visible: true });
    expect(first.top!).toBeLessThan(900);
    expect(first.height!).toBeGreaterThan(0);
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([reportUrl]);
    await page.close();
  });

  test('at 1,200 px no element reaches outside its card, and the long column names wrap', async () => {
    const page = await session.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    // Every element's box and every line of text (a word too long for its box overflows it without
    // widening the box) must lie within each card that holds it: a section, a segment card, a figure.
    const outside = await page.evaluate<string[]>(`(() => {
      const found = [];
      const range = document.createRange();
      for (const card of document.querySelectorAll('section, .card, .figure')) {
        const bounds = card.getBoundingClientRect();
        const beyond = (box) => box.width > 0 && (box.left < bounds.left - 0.5 || box.right > bounds.right + 0.5);
        const where = (box) => ' in ' + (card.id || card.className) + ': ' + Math.round(box.left) + '-' + Math.round(box.right) + ' outside ' + Math.round(bounds.left) + '-' + Math.round(bounds.right);
        for (const el of card.querySelectorAll('*')) {
          const box = el.getBoundingClientRect();
          if (beyond(box)) found.push('<' + el.tagName.toLowerCase() + '> "' + (el.textContent || '').slice(0, 60) + '"' + where(box));
        }
        const texts = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
          if (!node.textContent.trim()) continue;
          range.selectNodeContents(node);
          for (const line of range.getClientRects()) {
            if (beyond(line)) found.push('text "' + node.textContent.slice(0, 60) + '"' + where(line));
          }
        }
      }
      return found;
    })()`);
    expect(outside).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    // The check means something only if the long column names are on the page.
    expect(await page.evaluate<string>('document.body.innerText')).toContain(hardHeader[3]!);
    await page.close();
  });
});
