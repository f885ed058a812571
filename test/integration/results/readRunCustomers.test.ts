import type { Readable } from 'node:stream';
import { runPaths } from '../../../shared/pipeline/runPaths';
import type { CustomerResults } from '../../../shared/results/customerResults';
import { buildCustomersIndex, chunkEntries } from '../../../shared/results/customersIndex';
import { customersJsonl, runCustomer, type CustomerLineContext } from '../../../shared/results/customersJsonl';
import { customerFiles, readRunCustomers, streamRunAssignments } from '../../../shared/results/readRunCustomers';
import { BlobStore } from '../../../shared/storage/BlobStore';
import { TestStorage, startTestStorage } from '../../helpers/azurite';

/**
 * customers.jsonl and its index on real Azurite: a full read gives every customer in input order, and
 * a read by ids gives exactly the full read's rows of those ids while fetching only a few ranges of
 * the run (never the whole file), whichever chunk of the index an id falls in.
 */
let storage: TestStorage;
let written: ReturnType<typeof customersJsonl>;
let index: ReturnType<typeof buildCustomersIndex>;

/** A BlobStore that counts what it downloads, to see what a read costs. */
class CountingStore extends BlobStore {
  rangeBytes = 0;
  whole: string[] = [];
  override async readRange(container: string, name: string, offset: number, count: number): Promise<Buffer> {
    const bytes = await super.readRange(container, name, offset, count);
    this.rangeBytes += bytes.length;
    return bytes;
  }
  override async openRead(container: string, name: string, etag?: string): Promise<Readable> {
    this.whole.push(name);
    return super.openRead(container, name, etag);
  }
  override async readBuffer(container: string, name: string): Promise<Buffer> {
    this.whole.push(name);
    return super.readBuffer(container, name);
  }
}

const n = 3 * chunkEntries + 500;
/** Ids as uploads have them: leading zeros, quotes, Cyrillic, a shared id, missing ones. */
const ids = Array.from({ length: n }, (_, i): string | null => {
  if (i % 997 === 5) return null;
  if (i === 10 || i === n - 3) return 'SHARED-"1"';
  return i % 3 === 0 ? `0${String(i).padStart(6, '0')}` : i % 3 === 1 ? `клиент-${i}` : `C${i}`;
});
const results: CustomerResults = {
  rows: n,
  idColumn: 'customer_id',
  idValues: ids,
  ids,
  segment: Int32Array.from({ length: n }, (_, i) => i % 4),
  segmentNames: new Map([0, 1, 2, 3].map((s) => [s, `Segment ${s}`])),
  action: (i) => (i % 4 === 1 ? 'Call them' : ''),
  churnProbability: Float64Array.from({ length: n }, (_, i) => (i % 10 === 0 ? NaN : (i % 100) / 100)),
  priority: Int32Array.from({ length: n }, (_, i) => n - i),
  drivers: (i) => [{ feature: 'tenure', contribution: -0.123456789 * ((i % 7) + 1) }],
  consent: Uint8Array.from({ length: n }, (_, i) => i % 2),
  channelConsent: [{ channel: 'sms', flags: Uint8Array.from({ length: n }, (_, i) => (i % 5 ? 1 : 0)) }],
};
const context: CustomerLineContext = { attributes: (i) => ({ plan: i % 2 ? 'Gold' : null, spend: i * 1.5 }) };

beforeAll(async () => {
  storage = await startTestStorage();
  const store = new BlobStore(storage.service, 'uploads', 'results');
  const lines = customersJsonl(results, context);
  written = lines;
  index = buildCustomersIndex(ids, lines.lines);
  const file = (name: string) => runPaths.file('shop', 'run1', name);
  await store.write(store.resultsContainer, file(customerFiles.lines), lines.body, 'application/x-ndjson');
  await store.write(store.resultsContainer, file(customerFiles.entries), index.entries, 'application/x-ndjson');
  await store.writeJson(store.resultsContainer, file(customerFiles.index), index.index);
});

afterAll(async () => {
  await storage?.stop();
});

test('a full read gives every customer in input order, as written', async () => {
  const store = new CountingStore(storage.service, 'uploads', 'results');
  const all = (await readRunCustomers(store, 'shop', 'run1'))!;
  expect(all).toHaveLength(n);
  expect(all[0]).toEqual(runCustomer(results, context, 0));
  expect(all[7]).toEqual({
    id: 'клиент-7', segment: 3, segmentName: 'Segment 3', churnProbability: 0.07, priority: n - 7,
    drivers: [{ feature: 'tenure', contribution: -0.123456789 }], consent: true, channelConsent: { sms: true },
    attributes: { plan: 'Gold', spend: 10.5 },
  });
  expect(all[10]!.churnProbability).toBeNull();
  expect(all[5]!.id).toBeNull();
  expect(all.map((c) => c.id)).toEqual(ids);
});

test('a read by ids returns those customers only, every row of a shared id, in input order, without reading the run', async () => {
  const store = new CountingStore(storage.service, 'uploads', 'results');
  const all = (await readRunCustomers(new BlobStore(storage.service, 'uploads', 'results'), 'shop', 'run1'))!;
  // Ids from every chunk of the index, one shared by two rows far apart, and one that does not exist.
  const wanted = ['SHARED-"1"', 'C2', `0${String(3 * chunkEntries).padStart(6, '0')}`, `клиент-${n - 4}`, 'nobody'];
  const some = (await readRunCustomers(store, 'shop', 'run1', wanted))!;
  expect(some).toEqual(all.filter((c) => c.id !== null && wanted.includes(c.id)));
  expect(some.map((c) => c.id)).toEqual(['C2', 'SHARED-"1"', `0${String(3 * chunkEntries).padStart(6, '0')}`, `клиент-${n - 4}`, 'SHARED-"1"']);
  // Only ranges: at most one index chunk per id and the lines themselves, not the file.
  expect(store.whole.filter((name) => name.endsWith(customerFiles.lines) || name.endsWith(customerFiles.entries))).toEqual([]);
  const chunkBytes = Math.max(...index.index.chunks.map((c) => c.length));
  expect(store.rangeBytes).toBeLessThan(wanted.length * chunkBytes + some.length * 1024);
  expect(store.rangeBytes).toBeLessThan(written.body.length / 3);
});

test('every id is found through the index, whichever chunk holds it', async () => {
  const store = new BlobStore(storage.service, 'uploads', 'results');
  const sample = ids.filter((id, i): id is string => id !== null && i % 37 === 0);
  const found = (await readRunCustomers(store, 'shop', 'run1', sample))!;
  expect(found.map((c) => c.id)).toEqual(ids.filter((id): id is string => id !== null && sample.includes(id)));
});

test('a run without customers.jsonl reads as undefined, with or without ids', async () => {
  const store = new BlobStore(storage.service, 'uploads', 'results');
  expect(await readRunCustomers(store, 'shop', 'nope')).toBeUndefined();
  expect(await readRunCustomers(store, 'shop', 'nope', ['C2'])).toBeUndefined();
});

test("a run's assignments stream as id and segment, the same as the full lines say", async () => {
  const store = new BlobStore(storage.service, 'uploads', 'results');
  const assignments: { id: string | null; segment: number }[] = [];
  for await (const a of streamRunAssignments(store, 'shop', 'run1')) assignments.push(a);
  const all = (await readRunCustomers(store, 'shop', 'run1'))!;
  expect(assignments).toEqual(all.map((c) => ({ id: c.id, segment: c.segment })));
});
