import * as net from 'node:net';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { devAccountName } from '../../../local/azurite';
import { TestStorage, readBlobText, startTestStorage } from '../../helpers/azurite';
import { FaultProxy, startFaultProxy } from '../../helpers/faultProxy';

/**
 * The tests' own blob reader against real Azurite: "missing" is only ever a 404 that names the blob
 * or its container. Every other failure throws, so a test that checks for absence cannot pass on a
 * refused key, an injected error or a storage account that is not there.
 */
let storage: TestStorage;
let proxy: FaultProxy;

beforeAll(async () => {
  storage = await startTestStorage();
  proxy = await startFaultProxy(storage.blobEndpoint.replace(`/${devAccountName}`, ''));
  await storage.service.getContainerClient('results').getBlockBlobClient('shop/latest.json').upload('{"runId":"a"}', 13);
});

afterAll(async () => {
  await proxy?.stop();
  await storage?.stop();
});

/** A client that tries once, so a failure shows at once instead of after the SDK's back-off. */
function clientAt(endpoint: string, key?: string): BlobServiceClient {
  const credential = new StorageSharedKeyCredential(devAccountName, key ?? Buffer.from('not the account key').toString('base64'));
  return new BlobServiceClient(endpoint, credential, { retryOptions: { maxTries: 1 } });
}

test('a blob that is there is read as text', async () => {
  expect(await readBlobText(storage.service, 'results', 'shop/latest.json')).toBe('{"runId":"a"}');
});

test('a missing blob and a missing container read as undefined', async () => {
  expect(await readBlobText(storage.service, 'results', 'shop/nothing.json')).toBeUndefined();
  expect(await readBlobText(storage.service, 'no-such-container', 'shop/latest.json')).toBeUndefined();
});

test('a refused key throws instead of reading as missing', async () => {
  await expect(readBlobText(clientAt(storage.blobEndpoint), 'results', 'shop/nothing.json')).rejects.toMatchObject({ statusCode: 403 });
});

test('a 404 that does not name a blob or container (here from a proxy) throws', async () => {
  proxy.setRules([{ matches: (r) => r.path.endsWith('/shop/nothing.json'), times: Infinity, status: 404 }]);
  try {
    const throughProxy = BlobServiceClient.fromConnectionString(
      storage.connectionString.replace(storage.blobEndpoint, `${proxy.endpoint}/${devAccountName}`),
      { retryOptions: { maxTries: 1 } },
    );
    await expect(readBlobText(throughProxy, 'results', 'shop/nothing.json')).rejects.toMatchObject({ statusCode: 404 });
    expect(proxy.failed[0]).toBeGreaterThan(0);
  } finally {
    proxy.setRules([]);
  }
});

test('storage that cannot be reached throws', async () => {
  // A port that was free a moment ago and has nobody listening.
  const port = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(p));
    });
  });
  await expect(readBlobText(clientAt(`http://127.0.0.1:${port}/${devAccountName}`), 'results', 'shop/latest.json')).rejects.toThrow(/ECONNREFUSED/);
});
