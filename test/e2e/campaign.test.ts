import * as fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { mulberry32 } from '../../tools/random/mulberry32';
import { simulateCampaign, simulatedCampaignCsv, type SimulatedCustomer } from '../../tools/datasets/simulatedCampaign';
import { readBlobText } from '../helpers/azurite';
import { hasSharedData, sharedDataPath } from '../helpers/sharedData';
import { waitForLatest } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * Campaigns through the local host: a randomized e-mail experiment uploaded with a treatment
 * manifest (Hillstrom's shape: two e-mail arms and "No E-Mail") gives `uplift` per customer, lift.json
 * and a report section; POST /api/plan answers from it and its ids feed POST /api/messages. A
 * message request with a holdout, then the same customers uploaded again with their new outcome,
 * gives measured lift.
 */
const { storage, host } = useHostOnTestStorage({ SEGMENTWISE_MESSAGES_SYNC_LIMIT: '5000' });
const runWaitMs = 240_000;
const testMs = 420_000;

async function upload(name: string, body: string): Promise<void> {
  await storage().service.getContainerClient('uploads').getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
}

async function resultJson<T>(name: string): Promise<T> {
  const text = await readBlobText(storage().service, 'results', name);
  if (!text) throw new Error(`results/${name} is missing`);
  return JSON.parse(text) as T;
}

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${host().url}/api/${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

const manifest = (treatment: boolean) => ({
  files: [{ name: 'customers.csv', role: 'customers' }],
  id: 'customer_id',
  target: 'churned',
  positive: 'Yes',
  goal: 'churn',
  consent: 'all',
  value: 'monthly_spend',
  ...(treatment ? { treatment: 'campaign', control: 'No E-Mail' } : {}),
});

test('an experiment with a treatment manifest: uplift in assignments, lift and uplift in the report, and a budget plan', async () => {
  const dataset = 'email-experiment';
  const customers = simulateCampaign({ customers: 3000, seed: 21, arms: ['Mens E-Mail', 'Womens E-Mail'], control: 'No E-Mail' });
  await upload(`${dataset}/manifest.json`, JSON.stringify(manifest(true)));
  await upload(`${dataset}/customers.csv`, simulatedCampaignCsv(customers));
  const { runId } = await waitForLatest(storage().service, dataset, { limitMs: runWaitMs });

  const csv = parse((await readBlobText(storage().service, 'results', `${dataset}/${runId}/assignments.csv`))!, { bom: true, columns: true }) as Record<string, string>[];
  expect(csv).toHaveLength(3000);
  for (const row of csv) {
    const u = Number(row.uplift);
    expect(row.uplift).not.toBe('');
    expect(u).toBeGreaterThanOrEqual(-1);
    expect(u).toBeLessThanOrEqual(1);
  }
  // The treatment column is never a feature.
  const model = await resultJson<{ featurePipeline?: { featureNames?: string[] }; features?: string[] }>(`${dataset}/${runId}/model.json`);
  expect(JSON.stringify(model)).not.toMatch(/"campaign[_=:"]/);
  const quality = await resultJson<{ excluded: { column: string; reason: string }[] }>(`${dataset}/${runId}/quality.json`);
  expect(quality.excluded).toContainEqual({ column: 'campaign', reason: expect.stringMatching(/treatment/) });

  const lift = await resultJson<any>(`${dataset}/${runId}/lift.json`);
  expect(lift.experiment.control).toBe('No E-Mail');
  expect(lift.experiment.arms.map((a: { arm: string }) => a.arm)).toEqual(['Mens E-Mail', 'Womens E-Mail']);
  expect(lift.uplift.arms).toHaveLength(2);
  expect(lift.uplift.segments.length).toBeGreaterThan(0);
  expect(lift.effect).toMatchObject({ source: 'uplift', assumption: false });
  expect(lift.measured.status).toBe('no-campaign');

  const report = (await readBlobText(storage().service, 'results', `${dataset}/${runId}/report.html`))!;
  expect(report).toContain('id="campaign"');
  expect(report).toContain('Uplift: who is persuadable');
  expect(report).toContain('Mens E-Mail');

  const plan = await post('plan', { dataset, budget: 150, costPerContact: 1 });
  expect(plan.status).toBe(200);
  expect(plan.json.runId).toBe(runId);
  expect(plan.json.contacts).toBeGreaterThan(0);
  expect(plan.json.contacts).toBeLessThanOrEqual(150);
  expect(plan.json.customerIds).toHaveLength(plan.json.contacts);
  expect(plan.json.effect).toMatchObject({ source: 'uplift', assumption: false });
  expect(plan.json.expectedReturn.low).toBeLessThanOrEqual(plan.json.expectedReturn.value);
  expect(plan.json.expectedReturn.high).toBeGreaterThanOrEqual(plan.json.expectedReturn.value);
  const stored = await resultJson<{ planId: string }>(plan.json.file);
  expect(stored.planId).toBe(plan.json.planId);

  // The plan's ids feed a message request as they are.
  const ids: string[] = plan.json.customerIds.slice(0, 5);
  const messages = await post('messages', { dataset, customerIds: ids, channel: 'email', requestId: 'from-plan' });
  expect(messages.status).toBe(200);
  expect(messages.json.messages.map((m: { customerId: string }) => m.customerId).sort()).toEqual([...ids].sort());

  const refused = await post('plan', { dataset: 'no-such-dataset', budget: 10, costPerContact: 1 });
  expect(refused.status).toBe(404);
  const invalid = await post('plan', { dataset, budget: -1, costPerContact: 1 });
  expect(invalid.status).toBe(400);
}, testMs);

test('messages with a holdout, then the same customers uploaded again: measured lift per segment, and the plan uses it', async () => {
  const dataset = 'retention-holdout';
  const before = simulateCampaign({ customers: 2400, seed: 31, effect: 0 });
  await upload(`${dataset}/manifest.json`, JSON.stringify(manifest(false)));
  await upload(`${dataset}/customers.csv`, simulatedCampaignCsv(before, { withCampaign: false }));
  const first = await waitForLatest(storage().service, dataset, { limitMs: runWaitMs });
  const noCampaign = await resultJson<any>(`${dataset}/${first.runId}/lift.json`);
  expect(noCampaign.measured.status).toBe('no-campaign');
  expect(noCampaign.effect).toMatchObject({ source: 'assumption', assumption: true, relative: { value: 0.1 } });

  const request = await post('messages', { dataset, channel: 'email', holdout: 0.5, requestId: 'winter-retention' });
  expect(request.status).toBe(200);
  const messaged = new Set<string>(request.json.messages.map((m: { customerId: string }) => m.customerId));
  const heldOut = new Set<string>(request.json.holdout);
  expect(messaged.size).toBeGreaterThan(800);
  expect(heldOut.size).toBeGreaterThan(800);

  // The next period: messaged customers of true segment 1 churn 0.2 less; nobody else changes.
  const draw = mulberry32(32);
  const next: SimulatedCustomer[] = before.map((c) => {
    const p = messaged.has(c.id) && c.trueSegment === 1 ? Math.max(0, c.baseChurn - 0.2) : c.baseChurn;
    return { ...c, churned: draw() < p ? 1 : 0 };
  });
  await upload(`${dataset}/customers.csv`, simulatedCampaignCsv(next, { withCampaign: false }));
  const second = await waitForLatest(storage().service, dataset, { after: first.runId, limitMs: runWaitMs });
  const lift = await resultJson<any>(`${dataset}/${second.runId}/lift.json`);
  expect(lift.measured.status).toBe('measured');
  expect(lift.measured.requests).toEqual([{ runId: first.runId, requestId: 'winter-retention', messaged: messaged.size, holdout: heldOut.size }]);
  const o = lift.measured.overall.outcome;
  expect(o.treated.customers).toBe(messaged.size);
  expect(o.control.customers).toBe(heldOut.size);
  // The true average effect over the messaged: −0.2 on the third of them in segment 1.
  const ids = new Map(next.map((c) => [c.id, c]));
  const truth = [...messaged].reduce((s, id) => s + (Math.max(0, ids.get(id)!.baseChurn - 0.2) - ids.get(id)!.baseChurn) * (ids.get(id)!.trueSegment === 1 ? 1 : 0), 0) / messaged.size;
  expect(o.low).toBeLessThanOrEqual(truth);
  expect(o.high).toBeGreaterThanOrEqual(truth);
  expect(lift.measured.bySegment.length).toBeGreaterThan(0);
  expect(lift.measured.byVariant).toEqual([expect.objectContaining({ variant: 'email' })]);

  const report = (await readBlobText(storage().service, 'results', `${dataset}/${second.runId}/report.html`))!;
  expect(report).toContain('Measured on earlier messages');
  expect(report).toContain('winter-retention');

  const plan = await post('plan', { dataset, budget: 100, costPerContact: 1 });
  expect(plan.status).toBe(200);
  expect(plan.json.effect).toMatchObject({ source: 'measured', assumption: false });
}, testMs);

// Skipped with its reason when ../shared/data is absent (a fresh clone).
(hasSharedData ? test : test.skip)(
  `a real dataset with no campaign (IBM Telco): lift.json and the plan label their effect as an assumption${hasSharedData ? '' : ' (skipped: ../shared/data not found)'}`,
  async () => {
    const dataset = 'telco-campaign';
    const file = 'WA_Fn-UseC_-Telco-Customer-Churn.csv';
    await upload(`${dataset}/manifest.json`, JSON.stringify({ files: [{ name: file, role: 'customers' }], consent: 'all' }));
    await upload(`${dataset}/${file}`, fs.readFileSync(sharedDataPath('telco-churn', file), 'utf8'));
    const { runId } = await waitForLatest(storage().service, dataset, { limitMs: runWaitMs });
    const lift = await resultJson<any>(`${dataset}/${runId}/lift.json`);
    expect(lift.measured.status).toBe('no-campaign');
    expect(lift).not.toHaveProperty('uplift');
    expect(lift.effect).toMatchObject({ source: 'assumption', assumption: true, relative: { value: 0.1, low: 0, high: 0.2 } });
    const report = (await readBlobText(storage().service, 'results', `${dataset}/${runId}/report.html`))!;
    expect(report).toContain('Assumption, not a measurement');
    const plan = await post('plan', { dataset, budget: 500, costPerContact: 2 });
    expect(plan.status).toBe(200);
    expect(plan.json.effect).toMatchObject({ source: 'assumption', assumption: true });
    expect(plan.json.contacts).toBeGreaterThan(0);
    expect(plan.json.spent).toBeLessThanOrEqual(500);
    expect(plan.json.valueUnit).toBe(lift.spendColumn ?? 'customers');
  },
  testMs,
);

// Skipped with its reason when ../shared/data is absent (a fresh clone).
(hasSharedData ? test : test.skip)(
  `Hillstrom's e-mail experiment with a treatment manifest: lift.json per arm equals the experiment's own visit rates, and the uplift model's Qini is measured on held-out customers${hasSharedData ? '' : ' (skipped: ../shared/data not found)'}`,
  async () => {
    const dataset = 'hillstrom-campaign';
    const text = fs.readFileSync(sharedDataPath('hillstrom-email', 'hillstrom.csv'), 'utf8');
    await upload(
      `${dataset}/manifest.json`,
      JSON.stringify({
        files: [{ name: 'hillstrom.csv', role: 'customers' }],
        target: 'visit',
        positive: '1',
        goal: 'conversion',
        treatment: 'segment',
        control: 'No E-Mail',
        // Outcomes of the same e-mail, not customer traits.
        exclude: ['conversion', 'spend'],
        consent: 'all',
      }),
    );
    await upload(`${dataset}/hillstrom.csv`, text);
    const { runId } = await waitForLatest(storage().service, dataset, { limitMs: runWaitMs });
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const visitRate = (arm: string) => {
      const of = rows.filter((r) => r.segment === arm);
      return of.filter((r) => r.visit === '1').length / of.length;
    };
    const lift = await resultJson<any>(`${dataset}/${runId}/lift.json`);
    expect(lift.experiment.arms.map((a: { arm: string }) => a.arm)).toEqual(['Mens E-Mail', 'Womens E-Mail']);
    for (const arm of lift.experiment.arms) {
      const own = visitRate(arm.arm) - visitRate('No E-Mail');
      expect(arm.overall.status).toBe('measured');
      expect(arm.overall.outcome.difference).toBeCloseTo(own, 12);
      expect(arm.overall.outcome.low).toBeGreaterThan(0);
      expect(arm.overall.outcome.low).toBeLessThan(own);
      expect(arm.overall.outcome.high).toBeGreaterThan(own);
    }
    // The women's e-mail's effect varies with the customer and its ranking beats random on every split
    // (test/unit/campaign/hillstrom.test.ts); the men's lifted visits almost uniformly and is recorded as measured, either way.
    const womens = lift.uplift.arms.find((a: { arm: string }) => a.arm === 'Womens E-Mail');
    expect(womens.heldOut.auuc).toBeGreaterThan(womens.heldOut.randomAuuc);
    expect(lift.uplift.arms.find((a: { arm: string }) => a.arm === 'Mens E-Mail').heldOut.customers).toBeGreaterThan(12_000);
    expect(lift.effect).toMatchObject({ source: 'uplift', assumption: false });
  },
  testMs,
);
