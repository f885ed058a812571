/**
 * The local host as a process of its own, configured by environment: what tests start (and kill)
 * to check that runs survive a host that stops mid-way. Prints `{"hostKey": key}` (what the durable
 * webhook API asks for before it shows inputs and history or changes anything), then one JSON line
 * `{"ready": url}` when it serves requests.
 */
import * as path from 'node:path';
import { applyLocalSettings } from './localSettings';
import { LocalHost } from './LocalHost';
import { localHostOptions } from './localHostOptions';

const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  applyLocalSettings(undefined);
  const connection = process.env.AzureWebJobsStorage;
  if (!connection) throw new Error('Set AzureWebJobsStorage to the storage to use.');
  const host = new LocalHost(localHostOptions(root, connection));
  await host.start();
  process.stdout.write(`${JSON.stringify({ hostKey: host.hostKey })}\n`);
  process.stdout.write(`${JSON.stringify({ ready: host.url })}\n`);
  const stop = () => void host.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
