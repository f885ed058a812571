import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const devAccountName = 'devstoreaccount1';
const devAccountKeyParts = ['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsu', 'Fq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='];
export const devAccountKey = devAccountKeyParts.join('');

export function blobConnectionString(blobEndpoint: string): string {
  return `DefaultEndpointsProtocol=http;AccountName=${devAccountName};AccountKey=${devAccountKey};BlobEndpoint=${blobEndpoint};`;
}

export interface RunningAzurite {
  blobEndpoint: string;
  connectionString: string;
  stop(): Promise<void>;
}

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  clean(): Promise<void>;
  getHttpServerAddress(): string;
}

/**
 * Azurite's blob service inside this process, in memory, on a free port: what tests use.
 * (`require('azurite')` loads VS Code bindings, so the server classes are imported directly.)
 */
export async function startAzuriteInMemory(port = 0): Promise<RunningAzurite> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const BlobServer = require('azurite/dist/src/blob/BlobServer').default as new (config: unknown) => AzuriteServer;
  const BlobConfiguration = require('azurite/dist/src/blob/BlobConfiguration').default as new (...args: unknown[]) => unknown;
  const { MemoryExtentChunkStore } = require('azurite/dist/src/common/persistence/MemoryExtentStore') as {
    MemoryExtentChunkStore: new (limit?: number) => unknown;
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = new BlobConfiguration(
    '127.0.0.1', port, undefined, undefined, undefined, undefined,
    false, undefined, false, undefined,
    true /* loose */, true /* skipApiVersionCheck: newer SDKs send versions Azurite does not list */,
    '', '', '', undefined, false, true /* in memory */, new MemoryExtentChunkStore(),
  );
  const server = new BlobServer(config);
  await server.start();
  const address = server.getHttpServerAddress();
  const blobEndpoint = `${address}/${devAccountName}`;
  return {
    blobEndpoint,
    connectionString: blobConnectionString(blobEndpoint),
    stop: async () => {
      await server.close();
      await server.clean();
    },
  };
}

export interface AzuriteProcessOptions {
  location: string;
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
}

/** Azurite's full emulator (blob, queue, table) as a child process, with data kept on disk: `npm start`. */
export async function spawnAzurite(options: AzuriteProcessOptions): Promise<RunningAzurite & { process: ChildProcess }> {
  const blobPort = options.blobPort ?? 10000;
  const queuePort = options.queuePort ?? 10001;
  const tablePort = options.tablePort ?? 10002;
  for (const port of [blobPort, queuePort, tablePort]) {
    if (!(await isPortFree(port))) {
      throw new Error(
        `Port ${port} is in use. Is another Azurite (or \`npm start\`) already running? Stop it, or set AzureWebJobsStorage to use it.`,
      );
    }
  }
  fs.mkdirSync(options.location, { recursive: true });
  const cli = require.resolve('azurite/dist/src/azurite.js');
  const child = spawn(
    process.execPath,
    [
      cli, '--silent', '--skipApiVersionCheck', '--disableTelemetry', '--loose',
      '--location', options.location, '--debug', path.join(options.location, 'debug.log'),
      '--blobHost', '127.0.0.1', '--blobPort', String(blobPort),
      '--queueHost', '127.0.0.1', '--queuePort', String(queuePort),
      '--tableHost', '127.0.0.1', '--tablePort', String(tablePort),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await waitForPort(blobPort, 20_000, child);
  const blobEndpoint = `http://127.0.0.1:${blobPort}/${devAccountName}`;
  return {
    process: child,
    blobEndpoint,
    connectionString: blobConnectionString(blobEndpoint),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitForPort(port: number, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited with code ${child.exitCode} while starting.`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Azurite did not start listening on port ${port} within ${timeoutMs / 1000} s.`);
}
