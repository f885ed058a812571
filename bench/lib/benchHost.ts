import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { startAzuriteInMemory } from '../../local/azurite';

export interface BenchHost {
  /** The API's base URL (`http://127.0.0.1:<port>`). */
  url: string;
  host: ChildProcess;
  service: BlobServiceClient;
  /** Stops the host (SIGTERM, or `signal`) and its Azurite. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/**
 * The compiled local host on a fresh in-memory Azurite, timers off: what the benches drive.
 * `azuriteProcess` runs Azurite in a child process of its own, so a bench that times requests while
 * a large run writes does not share its event loop with storage (on Azure, storage is elsewhere too).
 */
export async function startBenchHost(options: { azuriteProcess?: boolean } = {}): Promise<BenchHost> {
  const azurite = options.azuriteProcess ? await spawnAzuriteInMemory() : await startAzuriteInMemory();
  const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  for (const c of ['uploads', 'results']) await service.getContainerClient(c).createIfNotExists();
  const host = spawn(process.execPath, [path.resolve(__dirname, '../../local/hostProcess.js')], {
    env: { ...process.env, AzureWebJobsStorage: azurite.connectionString, SEGMENTWISE_LOCAL_PORT: '0', SEGMENTWISE_LOCAL_POLL_MS: '100', SEGMENTWISE_LOCAL_TIMERS: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = (await readyLine(host, /\{"ready":"([^"]+)"\}/, 'the local host'))[1]!;
  return {
    url,
    host,
    service,
    stop: async (signal = 'SIGTERM') => {
      if (host.exitCode === null && host.signalCode === null) {
        await new Promise<void>((resolve) => {
          host.once('exit', () => resolve());
          host.kill(signal);
        });
      }
      await azurite.stop();
    },
  };
}

/** startAzuriteInMemory in a child process; stop() ends that process. */
async function spawnAzuriteInMemory(): Promise<{ connectionString: string; stop: () => Promise<void> }> {
  const script = `require(${JSON.stringify(path.resolve(__dirname, '../../local/azurite.js'))}).startAzuriteInMemory().then((a) => console.log(JSON.stringify({ ready: a.connectionString })))`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const connectionString = JSON.parse(`"${(await readyLine(child, /\{"ready":"([^"]+)"\}/, 'Azurite'))[1]!}"`) as string;
  return {
    connectionString,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** Resolves with the first match of `pattern` in the child's output; rejects if it exits first. */
export function readyLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with code ${code} before it was ready:\n${out}`)));
  });
}

/** Uploads a file as `uploads/<dataset>/<name>` and waits for the dataset's latest.json; throws on an error.json. */
export async function uploadAndAwaitRun(service: BlobServiceClient, dataset: string, file: string): Promise<{ runId: string }> {
  await service.getContainerClient('uploads').getBlockBlobClient(`${dataset}/${path.basename(file)}`).uploadFile(file);
  const results = service.getContainerClient('results');
  for (;;) {
    if (await results.getBlobClient(`${dataset}/latest.json`).exists()) break;
    for await (const b of results.listBlobsFlat({ prefix: `${dataset}/` })) {
      if (b.name.endsWith('error.json')) throw new Error(`the run failed: ${(await results.getBlobClient(b.name).downloadToBuffer()).toString()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return JSON.parse((await results.getBlobClient(`${dataset}/latest.json`).downloadToBuffer()).toString()) as { runId: string };
}
