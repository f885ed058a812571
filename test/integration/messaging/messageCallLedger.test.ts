import { BlobServiceClient } from '@azure/storage-blob';
import { BlobCallLedger, callLedgerPath } from '../../../shared/api/messageCallLedger';
import { CallMeter, ModelCallGovernor } from '../../../shared/messaging/ModelCallGovernor';
import { BlobStore } from '../../../shared/storage/BlobStore';
import { readBlobText, startTestStorage, type TestStorage } from '../../helpers/azurite';

/**
 * The daily call count and the circuit's pause in real Azurite: ledgers of separate "hosts" (each
 * its own client and governor) racing on one day never let more calls through than the budget.
 */
let storage: TestStorage;
beforeAll(async () => {
  storage = await startTestStorage();
});
afterAll(() => storage.stop());

const storeOf = () => new BlobStore(BlobServiceClient.fromConnectionString(storage.connectionString), 'uploads', 'results');
const usage = () => ({ prompt: 10, completion: 2 });

describe('BlobCallLedger', () => {
  it('three hosts reserving at once get exactly the day\'s budget between them', async () => {
    const day = '2031-01-01';
    const ledgers = [new BlobCallLedger(storeOf()), new BlobCallLedger(storeOf()), new BlobCallLedger(storeOf())];
    const now = Date.parse(`${day}T12:00:00Z`);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => ledgers[i % 3]!.reserve(day, 17, now)));
    expect(answers.filter((a) => a.ok)).toHaveLength(17);
    expect(answers.filter((a) => !a.ok && a.reason === 'budget')).toHaveLength(13);
    expect(JSON.parse((await readBlobText(storage.service, 'results', callLedgerPath(day)))!)).toMatchObject({ day, calls: 17 });
  });

  it('governors of two hosts share the budget and the circuit through it', async () => {
    let now = Date.parse('2031-02-01T08:00:00Z');
    const governor = () => new ModelCallGovernor({ concurrency: 2, dailyBudget: 4, circuitFailures: 2, circuitOpenMs: 60_000, ledger: new BlobCallLedger(storeOf()), now: () => now });
    const [a, b] = [governor(), governor()];
    const ok = () => Promise.resolve('done');
    await a.call(new CallMeter(), ok, usage);
    await b.call(new CallMeter(), ok, usage);
    await a.call(new CallMeter(), ok, usage);
    await b.call(new CallMeter(), ok, usage);
    await expect(a.call(new CallMeter(), ok, usage)).rejects.toThrow(/made its 4 model calls for today/);
    await expect(b.call(new CallMeter(), ok, usage)).rejects.toThrow(/made its 4 model calls for today/);

    // The next day: two failures on one host open the circuit for the other too.
    now = Date.parse('2031-02-02T08:00:00Z');
    const failing = () => Promise.reject(new Error('500'));
    await expect(a.call(undefined, failing, usage)).rejects.toThrow('500');
    await expect(a.call(undefined, failing, usage)).rejects.toThrow('500');
    await expect(b.call(undefined, ok, usage)).rejects.toThrow(/circuit open/);
    now += 60_001;
    await expect(b.call(undefined, ok, usage)).resolves.toBe('done');
  });
});
