import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { customerCsv } from '../fixtures/customerCsv';
import { listBlobs } from '../helpers/azurite';
import { repoRoot, waitFor } from '../helpers/hostProcess';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * The first hour of a new user, through the real command line: `npm run upload` (the compiled
 * dist/local/upload.js) against a local host started as its own process, as `npm start` runs it.
 */
const uploadScript = path.join(repoRoot, 'dist', 'local', 'upload.js');
let work: string;

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the upload command; async, because the storage emulator answers from this very process. */
function upload(args: string[], port: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [uploadScript, ...args], {
      cwd: work,
      env: { ...process.env, AzureWebJobsStorage: storage().connectionString, SEGMENTWISE_LOCAL_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.once('error', reject);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function writeFile(name: string, body: string): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, body);
  return file;
}

const hostPort = () => Number(new URL(host().url).port);

beforeAll(() => {
  if (!fs.existsSync(uploadScript)) throw new Error(`${uploadScript} is missing: run \`npm run build\` (npm test does) first.`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'newcomer-'));
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const { storage, host } = useHostOnTestStorage();

test('with no host running, the upload says what to start and uploads nothing', async () => {
  const file = writeFile('customers.csv', customerCsv({ rows: 50 }));
  const result = await upload([file, 'nohost'], await freePort());
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('The local host is not running');
  expect(result.stderr).toContain('npm start');
  expect(result.stderr).not.toMatch(/ECONNREFUSED/);
  expect(await listBlobs(storage().service, 'uploads', 'nohost/')).toEqual([]);
});

test.each([
  ['spaces and capitals', 'My Customers'],
  ['a look-alike letter from another alphabet', 'tеlco'],
  ['a leading dot', '.hidden'],
  ['64 characters', 'a'.repeat(64)],
])('a dataset name with %s is refused before upload, with a non-zero exit', async (_what, dataset) => {
  const file = writeFile('customers.csv', customerCsv({ rows: 50 }));
  const result = await upload([file, dataset], hostPort());
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('Nothing was uploaded');
  expect(result.stderr).toContain('is not a valid dataset name');
  expect(result.stderr).toContain('lower-case letters a-z');
  const everything = await listBlobs(storage().service, 'uploads');
  expect(everything.filter((name) => name.toLowerCase().startsWith(dataset.toLowerCase()))).toEqual([]);
});

test('--wait ends with report.html copied next to the user, its path and an HTTP link; the host terminal logs the completion', async () => {
  const file = writeFile('customers.csv', customerCsv({ rows: 400, seed: 5 }));
  const out = path.join(work, 'results');
  const result = await upload([file, 'Newcomer', '--wait', '--out', out], hostPort());
  expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });

  const runId = /Run ([0-9a-f]{16}):/.exec(result.stdout)?.[1];
  expect(runId).toBeDefined();
  const report = path.join(out, 'newcomer', runId!, 'report.html');
  expect(result.stdout).toContain(report);
  expect(result.stdout).toContain(`file://${report}`);
  const html = fs.readFileSync(report, 'utf8');
  expect(html).toMatch(/^<!doctype html>/i);
  expect(html.length).toBeGreaterThan(5000);
  for (const other of ['assignments.csv', 'segments.json']) expect(fs.existsSync(path.join(out, 'newcomer', runId!, other))).toBe(true);
  // What to check before acting is printed at the end, as quality.json records it.
  const warnings = (JSON.parse(fs.readFileSync(path.join(out, 'newcomer', runId!, 'quality.json'), 'utf8')) as { warnings: string[] }).warnings;
  expect(warnings.length).toBeGreaterThan(0);
  expect(result.stdout).toContain('Check before acting:');
  for (const w of warnings) expect(result.stdout).toContain(w);

  // The HTTP link printed serves the same report.
  const link = /over HTTP[^\n]*\n\s+(http\S+)/.exec(result.stdout)?.[1];
  expect(link).toBeDefined();
  const served = await fetch(link!);
  expect(served.status).toBe(200);
  expect(await served.text()).toBe(html);
  expect(result.stdout).toContain(`${host().url}/api/datasets/newcomer/results/report.html?runId=${runId}`);

  const logged = await waitFor(
    async () => (host().output().includes(`Run ${runId} (dataset newcomer) completed in`) ? host().output() : undefined),
    10_000,
    'the host to log the completion',
  );
  expect(logged).toMatch(new RegExp(`Run ${runId} \\(dataset newcomer\\) completed in \\d+\\.\\d s\\. Results: results/newcomer/${runId}/`));
});

test('a run that fails exits non-zero, says why, and the host terminal logs the failure with its error.json', async () => {
  const file = writeFile('one.csv', 'customer_id,monthly_spend\n1,10\n');
  const result = await upload([file, 'too-few', '--wait', '--out', path.join(work, 'results')], hostPort());
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('The run failed');
  const runId = /Run ([0-9a-f]{16}):/.exec(result.stdout)?.[1];
  expect(result.stderr).toContain(`results/too-few/${runId}/error.json`);
  const logged = await waitFor(
    async () => (host().output().includes(`Run ${runId} (dataset too-few) failed after`) ? host().output() : undefined),
    10_000,
    'the host to log the failure',
  );
  expect(logged).toContain(`Details: results/too-few/${runId}/error.json`);
});
