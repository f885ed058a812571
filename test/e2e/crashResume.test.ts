import { customerCsv } from '../fixtures/customerCsv';
import { TestStorage, readBlobText, startTestStorage } from '../helpers/azurite';
import { HostProcess, startHostProcess, waitFor, waitForRunEnd } from '../helpers/hostProcess';

/**
 * The local host killed with SIGKILL at seeded random moments of a run: after a restart every run
 * completes, and its assignments.csv is byte-identical to an uninterrupted run's.
 */
let storage: TestStorage;
let host: HostProcess;
const csv = customerCsv({ rows: 3000, seed: 99 });

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

async function upload(dataset: string): Promise<void> {
  await storage.service.getContainerClient('uploads').getBlockBlobClient(`${dataset}/customers.csv`).upload(csv, csv.length);
}

async function assignments(dataset: string, timeoutMs = 120_000): Promise<string> {
  const latest = await waitFor(() => readBlobText(storage.service, 'results', `${dataset}/latest.json`), timeoutMs, `${dataset} to complete`);
  const { runId } = JSON.parse(latest) as { runId: string };
  return (await readBlobText(storage.service, 'results', `${dataset}/${runId}/assignments.csv`))!;
}

beforeAll(async () => {
  storage = await startTestStorage();
  host = await startHostProcess({ AzureWebJobsStorage: storage.connectionString });
});

afterAll(async () => {
  await host?.kill();
  await storage?.stop();
});

test('10 runs killed at random points all complete with the same assignments as an uninterrupted run', async () => {
  const started = Date.now();
  await upload('reference');
  const reference = await assignments('reference');
  const runSeconds = (Date.now() - started) / 1000;
  expect(reference.split('\n').length).toBe(3002);

  const random = seeded(20261123);
  const killedAt: number[] = [];
  for (let trial = 0; trial < 10; trial++) {
    const dataset = `crash-${trial}`;
    await upload(dataset);
    const delay = Math.round((0.05 + 0.9 * random()) * runSeconds * 1000);
    killedAt.push(delay);
    await new Promise((r) => setTimeout(r, delay));
    await host.kill('SIGKILL');
    host = await startHostProcess({ AzureWebJobsStorage: storage.connectionString });
    expect(await assignments(dataset)).toBe(reference);
  }
  // Every run the durable API knows has completed (none stuck, none failed).
  const res = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/`);
  const instances = (await res.json()) as { instanceId: string; runtimeStatus: string }[];
  expect(instances).toHaveLength(11);
  await Promise.all(instances.map((i) => waitForRunEnd(host.url, i.instanceId)));
  const final = (await (await fetch(`${host.url}/runtime/webhooks/durabletask/instances/`)).json()) as { runtimeStatus: string }[];
  expect(final.every((i) => i.runtimeStatus === 'Completed')).toBe(true);
  expect(new Set(killedAt).size).toBe(10);
});
