import { createHash } from 'node:crypto';
import { customerCsv } from '../fixtures/customerCsv';
import { listBlobs, readBlobText } from '../helpers/azurite';
import { waitFor, waitForLatest } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * Hostile dataset and file names dropped into uploads/: each is refused with an error.json under
 * results/_rejected/ that says what to rename, and nothing is ever written outside
 * results/<valid dataset>/ or results/_rejected/.
 */
const { storage, host } = useHostOnTestStorage();

const csv = customerCsv({ rows: 60, seed: 31 });
const datasetPattern = /^[a-z0-9][a-z0-9._-]{0,62}$/;

const uploads = () => storage().service.getContainerClient('uploads');

/** The key planRun gives a refused upload: its error.json is results/_rejected/<key>/error.json. */
function rejectedKey(blobName: string): string {
  return createHash('sha256').update(blobName).digest('hex').slice(0, 16);
}

async function rejection(blobName: string): Promise<Record<string, string>> {
  const text = await waitFor(
    () => readBlobText(storage().service, 'results', `_rejected/${rejectedKey(blobName)}/error.json`),
    20_000,
    `the rejection of ${JSON.stringify(blobName.slice(0, 80))}`,
  );
  return JSON.parse(text) as Record<string, string>;
}

/**
 * Names that storage keeps as sent and the app must refuse; reason is what the message should
 * mention. ("." segments, backslashes and carriage returns are rewritten by the storage client
 * before they reach a blob, so test/unit/security/parseUploadPath.test.ts covers those.)
 */
const hostile: [string, string, RegExp][] = [
  ['an absolute path', '/etc/customers.csv', /not inside a dataset folder/],
  ['an empty segment', 'shop//customers.csv', /not inside a dataset folder/],
  ['no dataset folder', 'customers.csv', /not inside a dataset folder/],
  ['a literal "%2e%2e" dataset', '%2e%2e/customers.csv', /not a valid dataset name/],
  ['an encoded traversal', '..%2fresults%2fshop/customers.csv', /not a valid dataset name/],
  ['a dataset of dots', '.../customers.csv', /not a valid dataset name/],
  ['a hidden-folder dataset', '.shop/customers.csv', /not a valid dataset name/],
  ['a dataset shaped like the rejected folder', '_rejected/customers.csv', /not a valid dataset name/],
  ['a Cyrillic look-alike dataset', 'tеlco/customers.csv', /U\+0435/],
  ['a Greek look-alike dataset', 'shορ/customers.csv', /U\+03BF/],
  ['a fullwidth look-alike dataset', 'ｓhop/customers.csv', /U\+FF53/],
  ['an RTL override in the dataset', '\u202Eshop/customers.csv', /direction-changing/],
  ['an RTL override in the file name', 'shop/\u202Evsc.exe.csv', /direction-changing/],
  ['a zero-width space in the dataset', 'sh\u200Bop/customers.csv', /invisible/],
  ['a tab in the dataset', 'sh\top/customers.csv', /control/],
  ['a dataset of 64 characters', `${'a'.repeat(64)}/customers.csv`, /not a valid dataset name/],
  ['a name over 1024 characters', `shop/${'x'.repeat(1100)}.csv`, /longer than 1024/],
  ['a space in the dataset', 'my shop/customers.csv', /not a valid dataset name/],
  ['an emoji dataset', 'shop😀/customers.csv', /U\+1F600/],
];

/** Control characters Azurite cannot list (XML 1.0 forbids them); delivered one at a time, as Event Grid would. */
const unlistable: [string, string][] = [
  ['NUL in the dataset', 'sh\u0000op/customers.csv'],
  ['an escape character in the dataset', '\u001b[31mshop/customers.csv'],
  ['a bell in the file name', 'shop/customers\u0007.csv'],
];

describe('hostile upload names', () => {
  beforeAll(async () => {
    for (const [, name] of hostile) await uploads().getBlockBlobClient(name).upload(csv, csv.length);
    // A valid dataset in mixed case runs normally, under its lower-cased folder.
    await uploads().getBlockBlobClient('Shop.Upper/customers.csv').upload(csv, csv.length);
  });

  test('storage kept each name as sent (so the app, not storage, is what refuses them)', async () => {
    const stored = new Set(await listBlobs(storage().service, 'uploads'));
    for (const [, name] of hostile) expect({ name, stored: stored.has(name) }).toEqual({ name, stored: true });
  });

  test.each(hostile)('%s is refused with an error.json under _rejected/ that says why', async (_what, name, reason) => {
    const error = await rejection(name);
    expect(error).toMatchObject({ dataset: '_rejected', file: name, code: 'INVALID_PATH' });
    expect(error.message).toMatch(reason);
    expect(error.hint.length).toBeGreaterThan(10);
    expect(Number.isNaN(Date.parse(error.at!))).toBe(false);
    expect(error.message.length).toBeLessThan(400);
  });

  test.each(unlistable)('%s is refused when its upload event arrives', async (_what, name) => {
    await uploads().getBlockBlobClient(name).upload(csv, csv.length);
    try {
      const res = await fetch(`${host().url}/admin/functions/ingestUpload`, {
        method: 'POST',
        body: JSON.stringify({ input: `uploads/${name}` }),
      });
      expect(res.status).toBe(202);
      const error = await rejection(name);
      expect(error).toMatchObject({ dataset: '_rejected', code: 'INVALID_PATH' });
      expect(error.message).toMatch(/control/);
      // The message escapes what it echoes, so it prints safely in a terminal.
      // eslint-disable-next-line no-control-regex
      expect(error.message).not.toMatch(/[\u0000-\u001f]/);
    } finally {
      await uploads().getBlockBlobClient(name).delete();
    }
  });

  test('the valid mixed-case dataset completes under its lower-cased folder', async () => {
    const latest = await waitForLatest(storage().service, 'shop.upper', { limitMs: 60_000 });
    expect(latest).toMatchObject({ runId: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  test('every blob in results/ is under a valid dataset folder or _rejected/<key>/error.json', async () => {
    // Wait for the refusals and the valid run to be written, then look at everything.
    for (const [, name] of hostile) await rejection(name);
    await waitForLatest(storage().service, 'shop.upper', { limitMs: 60_000 });
    const all = await listBlobs(storage().service, 'results');
    const misplaced = all.filter((name) => {
      const [top, second, ...rest] = name.split('/');
      if (top === '_rejected') return !(/^[0-9a-f]{16}$/.test(second ?? '') && rest.join('/') === 'error.json');
      return !datasetPattern.test(top ?? '') || name.split('/').some((p) => p === '' || p === '.' || p === '..');
    });
    expect(misplaced).toEqual([]);
    const datasets = new Set(all.map((n) => n.split('/')[0]));
    expect([...datasets].sort()).toEqual(['_rejected', 'shop.upper']);
    const refusals = all.filter((n) => n.startsWith('_rejected/'));
    expect(refusals).toHaveLength(hostile.length + unlistable.length);
  });

  test('the uploads stay where they were (a bad name never makes a file disappear)', async () => {
    const stored = new Set(await listBlobs(storage().service, 'uploads'));
    for (const [, name] of hostile) expect(stored.has(name)).toBe(true);
  });

  test('refused datasets are not listed by the API', async () => {
    const res = await fetch(`${host().url}/api/datasets`);
    const body = (await res.json()) as { datasets: { dataset: string }[] };
    for (const { dataset } of body.datasets) expect(dataset).toMatch(datasetPattern);
    expect(body.datasets.map((d) => d.dataset)).toContain('shop.upper');
  });
});
