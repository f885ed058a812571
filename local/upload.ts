/**
 * `npm run upload -- <file> [dataset] [--wait] [--out <folder>]`: drops a file into uploads/<dataset>/
 * on the local storage (or the account in AzureWebJobsStorage) and, with --wait, follows the run to
 * its results and copies them to <folder>/<dataset>/<runId>/ (./results by default).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SingleBar } from 'cli-progress';
import { getSettings } from '../shared/config/settings';
import { planRun } from '../shared/pipeline/planRun';
import { runPaths } from '../shared/pipeline/runPaths';
import { UploadPathError, parseUploadPath } from '../shared/pipeline/uploadPath';
import { BlobStore } from '../shared/storage/BlobStore';
import { blobServiceClient } from '../shared/storage/blobServiceClient';
import { downloadRunResults } from './downloadRunResults';
import { applyLocalSettings } from './localSettings';
import { isLocalStorage, probeLocalHost } from './probeLocalHost';

const root = path.resolve(__dirname, '..', '..');
const usage = 'Usage: npm run upload -- <file> [dataset] [--wait] [--out <folder>]';

/** Exit codes: 1 = the run or the storage failed, 2 = the command was wrong (nothing was uploaded). */
class UsageError extends Error {}

function datasetFromFile(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '').toLowerCase();
  const cleaned = base.replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 63);
  return cleaned || 'dataset';
}

function parseArgs(argv: string[]): { file: string; datasetArg?: string; wait: boolean; outDir: string } {
  const positional: string[] = [];
  let wait = false;
  let outDir = 'results';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--wait') wait = true;
    else if (arg === '--out') outDir = argv[++i] ?? '';
    else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.\n${usage}`);
    else positional.push(arg);
  }
  const [file, datasetArg] = positional;
  if (!file || !outDir || positional.length > 2) throw new UsageError(usage);
  return { file, datasetArg, wait, outDir };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // npm runs scripts from the package folder; paths are meant from where the user typed the command.
  const here = process.env.INIT_CWD ?? process.cwd();
  const { datasetArg, wait } = args;
  const file = path.resolve(here, args.file);
  const outDir = path.resolve(here, args.outDir);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${args.file} is not a file.`);

  // The same checks the blob trigger makes, before anything is uploaded: a refused name leaves no file behind.
  const dataset = (datasetArg ?? datasetFromFile(file)).toLowerCase();
  const blobName = `${dataset}/${path.basename(file)}`;
  try {
    parseUploadPath(blobName);
  } catch (err) {
    if (!(err instanceof UploadPathError)) throw err;
    throw new UsageError(`Nothing was uploaded: ${err.message}\n${err.hint}`);
  }

  applyLocalSettings(path.join(root, 'local.settings.json'));
  const connection = (process.env.AzureWebJobsStorage ??= 'UseDevelopmentStorage=true');
  const settings = getSettings();
  const origin = `http://127.0.0.1:${settings.SEGMENTWISE_LOCAL_PORT}`;
  if (isLocalStorage(connection) && !(await probeLocalHost(origin))) {
    console.error(
      `The local host is not running (nothing answers at ${origin}), so nothing was uploaded.\n` +
        'Start it in another terminal with:\n\n  npm start\n\n' +
        'wait for "Segmentwise is running", then run this command again.',
    );
    process.exit(1);
  }

  const store = new BlobStore(blobServiceClient(settings), settings.SEGMENTWISE_UPLOADS_CONTAINER, settings.SEGMENTWISE_RESULTS_CONTAINER);
  await store.ensureContainers();
  await store.writeStream(store.uploadsContainer, blobName, fs.createReadStream(file), 'application/octet-stream');
  console.log(`Uploaded ${args.file} → ${store.uploadsContainer}/${blobName}`);

  // The same decision the blob trigger makes, so the runId printed here is the run it starts.
  const plan = await planRun(store, blobName);
  if (plan.kind !== 'start') {
    if (plan.kind === 'reject') {
      console.error(`Refused: ${String(plan.error.message)} ${String(plan.error.hint)}`);
      process.exit(1);
    }
    console.log(`No run starts yet: ${plan.reason}.`);
    return;
  }
  const { runId } = plan.input;
  const api = `${origin}/api`;
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
        await showResults(store, api, dataset, runId, run.results?.files ?? [], path.resolve(outDir, dataset, runId));
        return;
      }
      if (run.runtimeStatus === 'Failed' || run.runtimeStatus === 'Terminated') {
        bar.stop();
        console.error(`The run ${run.runtimeStatus.toLowerCase()}: ${run.error?.message ?? ''} ${run.error?.hint ?? ''}`.trim());
        console.error(`Details: ${store.resultsContainer}/${runPaths.file(dataset, runId, 'error.json')}`);
        process.exit(1);
      }
    }
    if (Date.now() > deadline) {
      bar.stop();
      throw new Error('Gave up waiting after 30 minutes. Is `npm start` still running?');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Copies the run's files next to the user and says where report.html is, as a path and as a link. */
async function showResults(store: BlobStore, api: string, dataset: string, runId: string, files: string[], targetDir: string): Promise<void> {
  const written = await downloadRunResults(store, runPaths.folder(dataset, runId), files, targetDir);
  console.log(`Results of run ${runId} (${store.resultsContainer}/${runPaths.folder(dataset, runId)}), copied to ${targetDir}:`);
  for (const local of written) console.log(`  ${path.basename(local)}`);
  const qualityFile = written.find((local) => path.basename(local) === 'quality.json');
  const warnings = qualityFile ? ((JSON.parse(fs.readFileSync(qualityFile, 'utf8')) as { warnings?: string[] }).warnings ?? []) : [];
  if (warnings.length) console.log(`\nCheck before acting:\n${warnings.map((w) => `  ! ${w}`).join('\n')}`);
  const report = written.find((local) => path.basename(local) === 'report.html');
  if (!report) return;
  console.log(`\nOpen the report in a browser:\n  ${report}\n  ${pathToFileURL(report).href}`);
  const linkApi = `${api}/datasets/${dataset}/results/report.html?runId=${runId}`;
  const res = await fetch(linkApi).catch(() => undefined);
  const link = res?.ok ? ((await res.json()) as { url?: string; expiresAt?: string }) : undefined;
  if (link?.url) console.log(`or over HTTP (until ${link.expiresAt ?? 'the link expires'}):\n  ${link.url}`);
  console.log(`A fresh link any time (JSON: { url, expiresAt }): ${linkApi}`);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
