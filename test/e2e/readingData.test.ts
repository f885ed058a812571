import { parse } from 'csv-parse/sync';
import { adjustedRandIndex } from '../../shared/ml/adjustedRandIndex';
import { readBlobText } from '../helpers/azurite';
import { waitForLatest } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * What issue-free reading of a customer file promises a user, end to end through the local host:
 * ids back byte-for-byte, consent read as the file says and never assumed, a consent column kept out
 * of the segments, a conversion target worded as one, no fake probability without a signal, and
 * "How we read your data" first in the report.
 */
const { storage } = useHostOnTestStorage();

/** Deterministic noise in [-1, 1). */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

async function run(dataset: string, file: string, text: string, manifest?: object) {
  const uploads = storage().service.getContainerClient('uploads');
  if (manifest) {
    const m = JSON.stringify(manifest);
    await uploads.getBlockBlobClient(`${dataset}/manifest.json`).upload(m, Buffer.byteLength(m));
  }
  await uploads.getBlockBlobClient(`${dataset}/${file}`).upload(text, Buffer.byteLength(text));
  const { runId } = await waitForLatest(storage().service, dataset, { limitMs: 100_000 });
  const read = async (name: string) => (await readBlobText(storage().service, 'results', `${dataset}/${runId}/${name}`))!;
  return {
    rows: parse(await read('assignments.csv'), { bom: true, columns: true }) as Record<string, string>[],
    segments: JSON.parse(await read('segments.json')) as { k: number; goal: string; segments: { name: string; suggestedAction: string }[] },
    quality: JSON.parse(await read('quality.json')) as { roles: Record<string, { column: string | null; confidence: string }>; excluded: { column: string }[] },
    report: await read('report.html'),
  };
}

test('five true groups with a random consent column are found as five; ids and consent come back exactly', async () => {
  const rand = noise(7);
  const centres = [[20, 2, 3], [80, 10, 30], [150, 25, 60], [40, 30, 90], [120, 5, 120]];
  const ids: string[] = [], groups: number[] = [], consent: boolean[] = [];
  const lines = ['KundenNr,spend_monthly,visits_per_month,tenure_months,Email_Permission_Flag'];
  for (let i = 0; i < 1000; i++) {
    const g = i % 5;
    const id = i % 10 === 0 ? `${12345678901234567890n + BigInt(i)}` : String(i + 1).padStart(6, '0');
    const cell = i % 7 === 0 ? 'unknown' : rand() < 0 ? 'Y' : 'N';
    ids.push(id);
    groups.push(g);
    consent.push(cell === 'Y');
    const c = centres[g]!;
    lines.push(`${id},${(c[0]! + rand() * 4).toFixed(2)},${(c[1]! + rand()).toFixed(1)},${Math.round(c[2]! + rand() * 2)},${cell}`);
  }
  const r = await run('five-groups', 'customers.csv', lines.join('\n') + '\n');
  expect(r.segments.k).toBe(5);
  expect(r.rows.map((x) => x.KundenNr)).toEqual(ids);
  expect(r.rows.map((x) => x.consent === 'true')).toEqual(consent);
  expect(adjustedRandIndex(groups, r.rows.map((x) => Number(x.segment)))).toBeGreaterThan(0.99);
  expect(r.quality.roles.id).toMatchObject({ column: 'KundenNr', confidence: 'high' });
  expect(r.quality.roles.consent).toMatchObject({ column: 'Email_Permission_Flag' });
  expect(r.quality.excluded.map((e) => e.column)).toContain('Email_Permission_Flag');
  expect(r.report).toContain('How we read your data');
  expect(r.report.indexOf('id="reading"')).toBeLessThan(r.report.indexOf('id="summary"'));
});

test('a conversion target is worded as one: no customers "at risk", nothing to "win back"', async () => {
  const rand = noise(11);
  const lines = ['customer_id,spend_monthly,visits,responded'];
  for (let i = 0; i < 600; i++) {
    const buyer = i % 3 === 0;
    lines.push(`c${i},${(buyer ? 90 : 30) + rand() * 20},${(buyer ? 8 : 2) + Math.round(rand() * 2)},${buyer !== (i % 29 === 0) ? 'yes' : 'no'}`);
  }
  const r = await run('campaign', 'responses.csv', lines.join('\n') + '\n', { files: [{ name: 'responses.csv' }], consent: 'all' });
  expect(r.segments.goal).toBe('conversion');
  const words = r.segments.segments.flatMap((s) => [s.name, s.suggestedAction]).join(' | ');
  expect(words).not.toMatch(/at risk|win[- ]back|churn|retention/i);
  expect(r.rows.every((x) => x.consent === 'true')).toBe(true);
});

test('no label and no activity signal: churn_probability is empty, not zero, and the report says so', async () => {
  const rand = noise(3);
  const lines = ['customer_id,spend_monthly,plan'];
  for (let i = 0; i < 300; i++) lines.push(`c${i},${(i % 2 ? 100 : 20) + rand() * 5},${i % 2 ? 'pro' : 'basic'}`);
  const r = await run('no-signal', 'plain.csv', lines.join('\n') + '\n');
  expect(r.rows.every((x) => x.churn_probability === '')).toBe(true);
  expect(r.rows.every((x) => x.consent === 'false')).toBe(true);
  expect(r.report).toMatch(/no churn signal/i);
  // Priority then follows value: the first priorities go to the high spenders.
  const top = r.rows.filter((x) => Number(x.priority) <= 150);
  expect(top.every((x) => Number(x.customer_id.slice(1)) % 2 === 1)).toBe(true);
});
