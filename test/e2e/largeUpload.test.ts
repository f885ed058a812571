import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { devAccountName } from '../../local/azurite';
import { listBlobs, readBlobText } from '../helpers/azurite';
import { waitFor } from '../helpers/hostProcess';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * Large uploads through the blob trigger as registered (sdkBinding), delivered by the local host
 * running as its own process: the trigger must not read the upload into memory to name or size it.
 * A recording proxy in front of the storage shows which requests touched the blob; the host's peak
 * resident memory (VmHWM) shows what it held.
 */
const MiB = 1024 * 1024;
const limitBytes = 96 * MiB;
const requests: { method: string; path: string }[] = [];

/** Peak resident memory of a process, from /proc (Linux). */
function peakResidentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  if (!kib) throw new Error(`No VmHWM in /proc/${pid}/status`);
  return Number(kib) * 1024;
}

/** Uploads `bytes` of filler without holding them in this process at once. */
async function uploadLarge(name: string, bytes: number): Promise<void> {
  const chunk = Buffer.alloc(4 * MiB, 'customer_id,monthly_spend\n1,10\n');
  async function* body() {
    for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, bytes - sent));
  }
  await storage().service.getContainerClient('uploads').getBlockBlobClient(name).uploadStream(Readable.from(body()), 4 * MiB, 2);
}

const readsOf = (blobName: string) => requests.filter((r) => r.method === 'GET' && r.path === `/${devAccountName}/uploads/${blobName}`);

const onLinux = fs.existsSync('/proc/self/status');
/** Peak memory is read from /proc: elsewhere these tests skip, saying so in their name. */
const testOnLinux: jest.It = onLinux
  ? test
  : // Skipped on purpose off Linux: peak memory is read from /proc/self/status, which only Linux has.
    (((name: string, fn: jest.ProvidesCallback) => test.skip(`${name} (skipped: no /proc/self/status; peak memory is read from /proc on Linux)`, fn)) as unknown as jest.It);

const { storage, proxy, host } = useHostOnTestStorage(() => {
  // A rule that never fails anything, only records what the host asked of the storage (set before it starts).
  proxy().setRules([{ matches: (r) => (requests.push(r), false), times: Infinity }]);
  return { SEGMENTWISE_MAX_FILE_BYTES: String(limitBytes) };
}, { faultProxy: true });

testOnLinux('an upload over the limit is refused from its size alone: no byte read, no memory grown', async () => {
  // The baseline of the host's peak memory is taken once start-up is over: its blob trigger has
  // polled the uploads container twice, so a full poll cycle has run and allocated what it needs.
  const uploadListings = () => requests.filter((r) => r.method === 'GET' && r.path === `/${devAccountName}/uploads`).length;
  await waitFor(async () => (uploadListings() >= 2 ? true : undefined), 30_000, 'the blob trigger to poll the uploads container twice');
  const before = peakResidentBytes(host().child.pid!);
  const size = 160 * MiB;
  await uploadLarge('bigdata/customers.csv', size);

  const rejected = await waitFor(
    async () => {
      for (const name of await listBlobs(storage().service, 'results', '_rejected/')) {
        const text = await readBlobText(storage().service, 'results', name);
        if (text?.includes('"bigdata"')) return JSON.parse(text) as Record<string, unknown>;
      }
      return undefined;
    },
    60_000,
    'the oversized upload to be refused',
  );
  expect(rejected).toMatchObject({ dataset: 'bigdata', file: 'customers.csv', code: 'FILE_TOO_LARGE', message: 'customers.csv is 160.0 MiB; the largest upload accepted is 96.0 MiB.' });
  expect(host().output()).toContain('Upload bigdata/customers.csv refused');

  // Metadata only: the blob was listed and its properties read (HEAD), never downloaded.
  expect(readsOf('bigdata/customers.csv')).toEqual([]);
  expect(requests.some((r) => r.method === 'HEAD' && r.path === `/${devAccountName}/uploads/bigdata/customers.csv`)).toBe(true);
  const grown = peakResidentBytes(host().child.pid!) - before;
  expect(grown).toBeLessThan(size / 8);
  // No run started for it.
  expect(await listBlobs(storage().service, 'results', 'bigdata/')).toEqual([]);
});

testOnLinux('a large upload within the limit that starts no run is never read either', async () => {
  const before = peakResidentBytes(host().child.pid!);
  const size = 80 * MiB;
  await uploadLarge('archive/export.zip', size);
  await waitFor(async () => (host().output().includes('Upload archive/export.zip: export.zip is not a data file') ? true : undefined), 60_000, 'the trigger to handle it');
  expect(readsOf('archive/export.zip')).toEqual([]);
  expect(peakResidentBytes(host().child.pid!) - before).toBeLessThan(size / 8);
});

test('an oversized manifest.json is refused, and a data file arriving beside it does not make anything read it', async () => {
  await uploadLarge('shop/manifest.json', 2 * MiB);
  const body = 'customer_id,monthly_spend\n1,10\n2,20\n';
  await storage().service.getContainerClient('uploads').getBlockBlobClient('shop/customers.csv').upload(body, body.length);
  await waitFor(
    async () => (host().output().match(/Upload shop\/[a-z.]+ refused: manifest\.json is 2\.0 MiB/g)?.length === 2 ? true : undefined),
    60_000,
    'both shop uploads to be refused',
  );
  expect(readsOf('shop/manifest.json')).toEqual([]);
  expect(await listBlobs(storage().service, 'results', 'shop/')).toEqual([]);
});
