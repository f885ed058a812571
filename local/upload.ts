/**
 * `npm run upload -- <file> [dataset] [--wait]`: drops a file into uploads/<dataset>/ on the local
 * storage (or the account in AzureWebJobsStorage) and, with --wait, follows the run to its results.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SingleBar } from 'cli-progress';
import { getSettings } from '../shared/config/settings';
import { planRun } from '../shared/pipeline/planRun';
import { BlobStore } from '../shared/storage/BlobStore';
import { blobServiceClient } from '../shared/storage/blobServiceClient';
import { applyLocalSettings } from './localSettings';

const root = path.resolve(__dirname, '..', '..');

function datasetFromFile(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '').toLowerCase();
  const cleaned = base.replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 63);
  return cleaned || 'dataset';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wait = args.includes('--wait');
  const [file, datasetArg] = args.filter((a) => !a.startsWith('--'));
  if (!file) {
    console.error('Usage: npm run upload -- <file> [dataset] [--wait]');
    process.exit(2);
  }
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist.`);
  applyLocalSettings(path.join(root, 'local.settings.json'));
  process.env.AzureWebJobsStorage ??= 'UseDevelopmentStorage=true';
  const settings = getSettings();
  const store = new BlobStore(blobServiceClient(settings), settings.SEGMENTWISE_UPLOADS_CONTAINER, settings.SEGMENTWISE_RESULTS_CONTAINER);
  await store.ensureContainers();
  const dataset = (datasetArg ?? datasetFromFile(file)).toLowerCase();
  const blobName = `${dataset}/${path.basename(file)}`;
  await store.writeStream(store.uploadsContainer, blobName, fs.createReadStream(file), 'application/octet-stream');
  console.log(`Uploaded ${file} → ${store.uploadsContainer}/${blobName}`);

  // The same decision the blob trigger makes, so the runId printed here is the run it starts.
  const plan = await planRun(store, blobName);
  if (plan.kind !== 'start') {
    console.log(plan.kind === 'reject' ? `Refused: ${String(plan.error.message)} ${String(plan.error.hint)}` : `No run starts yet: ${plan.reason}.`);
    return;
  }
  const { runId } = plan.input;
  const api = `http://127.0.0.1:${settings.SEGMENTWISE_LOCAL_PORT}/api`;
  console.log(`Run ${runId}: ${api}/runs/${runId}`);
  if (!wait) return;

  const bar = new SingleBar({ format: ' {bar} {percentage}% | {step}', hideCursor: true });
  bar.start(100, 0, { step: 'waiting for the host to pick up the file' });
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const res = await fetch(`${api}/runs/${runId}`).catch(() => undefined);
    if (res?.ok) {
      const run = (await res.json()) as {
        runtimeStatus: string;
        customStatus?: { step: string; percent: number } | null;
        results?: { folder: string; files: string[] };
        error?: { message?: string; hint?: string };
      };
      bar.update(run.customStatus?.percent ?? 0, { step: run.customStatus?.step ?? run.runtimeStatus });
      if (run.runtimeStatus === 'Completed') {
        bar.update(100, { step: 'done' });
        bar.stop();
        console.log(`Results: ${run.results?.folder}\n  ${(run.results?.files ?? []).join('\n  ')}`);
        return;
      }
      if (run.runtimeStatus === 'Failed' || run.runtimeStatus === 'Terminated') {
        bar.stop();
        console.error(`The run ${run.runtimeStatus.toLowerCase()}: ${run.error?.message ?? ''} ${run.error?.hint ?? ''}`);
        process.exit(1);
      }
    }
    if (Date.now() > deadline) {
      bar.stop();
      throw new Error('Gave up waiting after 30 minutes. Is `npm start` running?');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
