import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createRng } from '../../shared/ml/createRng';
import { readBlobText } from '../helpers/azurite';
import { waitForLatest } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * A target of three plans with `"multiclass": "one-vs-rest"`, end to end through the local host: one
 * model per class, its probabilities in the assignments, no single churn probability (priority then
 * follows value), class shares per segment, each class's AUC in the report, and POST /api/score
 * answering with the very class probabilities of the run.
 */
const { storage, host } = useHostOnTestStorage();

const plans = ['Basic', 'Premium', 'Enterprise plan'];
const columns = ['probability_basic', 'probability_enterprise_plan', 'probability_premium'];

test('one model per class: class columns, empty churn_probability, and the API scores as the run did', async () => {
  const rng = createRng(17);
  const lines = ['customer_id,web_visits,support_calls,store_orders,spend_monthly,plan'];
  const input: Record<string, string>[] = [];
  for (let i = 0; i < 900; i++) {
    const p = i % 3;
    const f = [0, 1, 2].map((j) => ((j === p ? 2.2 : 0) + rng.normal()).toFixed(4));
    const row = { customer_id: `k${String(i).padStart(4, '0')}`, web_visits: f[0]!, support_calls: f[1]!, store_orders: f[2]!, spend_monthly: (60 + 15 * rng.normal()).toFixed(2), plan: plans[p]! };
    input.push(row);
    lines.push(Object.values(row).join(','));
  }
  const dataset = 'plans';
  const uploads = storage().service.getContainerClient('uploads');
  const manifest = JSON.stringify({ files: [{ name: 'plans.csv' }], id: 'customer_id', target: 'plan', multiclass: 'one-vs-rest', value: 'spend_monthly' });
  await uploads.getBlockBlobClient(`${dataset}/manifest.json`).upload(manifest, Buffer.byteLength(manifest));
  const csv = lines.join('\n') + '\n';
  await uploads.getBlockBlobClient(`${dataset}/plans.csv`).upload(csv, Buffer.byteLength(csv));
  const { runId } = await waitForLatest(storage().service, dataset, { limitMs: 110_000 });
  const read = async (name: string) => (await readBlobText(storage().service, 'results', `${dataset}/${runId}/${name}`))!;

  const records = parse(await read('assignments.csv'), { bom: true }) as string[][];
  const header = records[0]!;
  expect(header.slice(-4)).toEqual(['predicted_class', ...columns]);
  const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, j) => [h, r[j]!])));
  expect(rows).toHaveLength(900);
  expect(rows.every((r) => r.churn_probability === '')).toBe(true);
  let right = 0;
  rows.forEach((r, i) => {
    const p = columns.map((c) => Number(r[c]));
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 4);
    expect(r.predicted_class).toBe(['Basic', 'Enterprise plan', 'Premium'][p.indexOf(Math.max(...p))]);
    if (r.predicted_class === input[i]!.plan) right++;
  });
  expect(right / rows.length).toBeGreaterThan(0.8);
  // No single outcome to weigh value against: the highest spender comes first.
  const spend = input.map((r) => Number(r.spend_monthly));
  expect(rows[spend.indexOf(Math.max(...spend))]!.priority).toBe('1');

  const segments = JSON.parse(await read('segments.json')) as { segments: { size: number; meanChurnProbability: number | null; classShares: Record<string, number> }[] };
  for (const s of segments.segments) {
    expect(s.meanChurnProbability).toBeNull();
    expect(Object.keys(s.classShares).sort()).toEqual([...plans].sort());
    expect(Object.values(s.classShares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  }
  const model = JSON.parse(await read('model.json')) as { churnModel: { type: string; classes: { class: string; column: string }[] } };
  expect(model.churnModel.type).toBe('oneVsRest');
  expect(model.churnModel.classes.map((c) => [c.class, c.column])).toEqual([['Basic', columns[0]], ['Enterprise plan', columns[1]], ['Premium', columns[2]]]);
  const quality = JSON.parse(await read('quality.json')) as { roles: { target: { column: string; evidence: string; classes: string[] } } };
  expect(quality.roles.target).toMatchObject({ column: 'plan', classes: ['Basic', 'Enterprise plan', 'Premium'] });
  expect(quality.roles.target.evidence).toMatch(/one model per class/);
  const report = await read('report.html');
  expect(report).toContain('Class models');
  for (const plan of plans) expect(report).toContain(`<td>${plan}</td>`);

  // The workbook keeps every probability at full precision: the API must give the same numbers.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await storage().service.getContainerClient('results').getBlobClient(`${dataset}/${runId}/assignments.xlsx`).downloadToBuffer()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const sheetHeader = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const sample = [0, 1, 2, 3, 451, 899];
  const res = await fetch(`${host().url}/api/score`, { method: 'POST', body: JSON.stringify({ dataset, customers: sample.map((i) => input[i]) }) });
  expect(res.status).toBe(200);
  const scored = (await res.json()) as { runId: string; results: { id: string; churnProbability: number | null; predictedClass: string; classProbabilities: Record<string, number> }[] };
  expect(scored.runId).toBe(runId);
  sample.forEach((i, at) => {
    const cells = (sheet.getRow(i + 2).values as unknown[]).slice(1);
    const result = scored.results[at]!;
    expect(result.id).toBe(input[i]!.customer_id);
    expect(cells[sheetHeader.indexOf('customer_id')]).toBe(input[i]!.customer_id);
    expect(result.churnProbability).toBeNull();
    expect(result.predictedClass).toBe(cells[sheetHeader.indexOf('predicted_class')]);
    model.churnModel.classes.forEach((c) => {
      const run = cells[sheetHeader.indexOf(c.column)] as number;
      expect(typeof run).toBe('number');
      expect(Math.abs(result.classProbabilities[c.class]! - run)).toBeLessThanOrEqual(1e-9);
    });
  });
}, 150_000);
