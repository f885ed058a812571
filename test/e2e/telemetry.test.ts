import * as fs from 'node:fs';
import * as path from 'node:path';
import { devAccountKey } from '../../local/azurite';
import { customerCsv } from '../fixtures/customerCsv';
import { TestStorage, startTestStorage } from '../helpers/azurite';
import { HostProcess, repoRoot, startHostProcess, waitFor } from '../helpers/hostProcess';
import { waitForLatest } from '../helpers/waitFor';

/**
 * What operators query is what the app writes: the log records of real runs through the local host
 * (the lines its functions hand the host through their invocation context, which the Functions host
 * sends to Application Insights as `traces`) carry the fields docs/DEPLOY.md's queries filter and
 * read, and each of those queries, run over the captured records, finds them.
 */
let storage: TestStorage;
let host: HostProcess;
let runId: string;
let failedRunId: string;
let messagesStatus: number;

/** One `traces` row as Application Insights keeps it: the function and the message, parsed as the queries do. */
interface TraceRow {
  operation_Name: string;
  line: Record<string, unknown>;
}

/** The local host prints each line a function logs as `[time] <function>: <message>`. */
function traces(): TraceRow[] {
  const rows: TraceRow[] = [];
  for (const match of host.output().matchAll(/^\[[^\]\n]+\] ([A-Za-z0-9_]+): (\{.*\})$/gm)) {
    try {
      rows.push({ operation_Name: match[1]!, line: JSON.parse(match[2]!) as Record<string, unknown> });
    } catch {
      // A line that is not one JSON object is the host's own, not a record.
    }
  }
  return rows;
}

function records(filter: Record<string, unknown>): TraceRow[] {
  return traces().filter((row) => Object.entries(filter).every(([name, value]) => row.line[name] === value));
}

async function upload(name: string, body: string): Promise<void> {
  await storage.service.getContainerClient('uploads').getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
}

beforeAll(async () => {
  storage = await startTestStorage();
  host = await startHostProcess({ AzureWebJobsStorage: storage.connectionString });
  await upload('telemetry/customers.csv', customerCsv({ rows: 300, seed: 31 }));
  runId = (await waitForLatest(storage.service, 'telemetry')).runId;
  // A run that the data cannot carry: one customer.
  await upload('tiny/one.csv', 'customer_id,monthly_spend\n1,10\n');
  const failed = await waitFor(async () => records({ event: 'run', dataset: 'tiny' })[0], 60_000, 'the run of tiny to end');
  failedRunId = String(failed.line.runId);
  // HTTP answers of each kind.
  await fetch(`${host.url}/api/runs/${runId}`);
  await fetch(`${host.url}/api/datasets/telemetry/segments`);
  await fetch(`${host.url}/api/datasets/nothing-here/segments`);
  const messages = await fetch(`${host.url}/api/messages`, { method: 'POST', body: JSON.stringify({ dataset: 'telemetry', segment: 0, channel: 'email', requestId: 'telemetry-check' }) });
  messagesStatus = messages.status;
  await waitFor(
    async () => (records({ event: 'request', path: '/api/messages' }).length > 0 && records({ event: 'run', runId }).length > 0 ? true : undefined),
    30_000,
    'the records of the run end and the message request',
  );
}, 180_000);

afterAll(async () => {
  await host?.kill();
  await storage?.stop();
});

describe('the records of a completed run', () => {
  test('every step of the run writes a step record with runId, dataset, status and durationMs, from its own function', () => {
    const steps = records({ event: 'step', runId });
    const succeeded = new Set(steps.filter((r) => r.line.status === 'succeeded').map((r) => r.line.step));
    for (const step of ['parseDataset', 'prepareFeatures', 'chooseK', 'initCenters', 'clusterCustomers', 'assignLabels', 'scoreChurn', 'profileSegments', 'writeResults']) {
      expect({ step, succeeded: succeeded.has(step) }).toEqual({ step, succeeded: true });
    }
    for (const row of steps) {
      expect(row.line).toMatchObject({ runId, dataset: 'telemetry', level: expect.any(String), time: expect.any(String) });
      expect(row.operation_Name).toBe(row.line.step);
      expect(typeof row.line.durationMs).toBe('number');
      expect(row.line.durationMs as number).toBeGreaterThanOrEqual(0);
    }
    const parsed = steps.find((r) => r.line.step === 'parseDataset' && r.line.status === 'succeeded')!;
    expect(parsed.line.rows).toBe(300);
    const written = steps.find((r) => r.line.step === 'writeResults' && r.line.status === 'succeeded')!;
    expect(written.line.files as number).toBeGreaterThan(3);
  });

  test('the run ends with exactly one run record: Completed, its duration, rows, k and files', () => {
    const ends = records({ event: 'run', runId });
    expect(ends).toHaveLength(1);
    const end = ends[0]!;
    expect(end.operation_Name).toBe('segmentationPipeline');
    expect(end.line).toMatchObject({ status: 'Completed', dataset: 'telemetry', rows: 300, level: 'info' });
    expect(end.line.durationMs as number).toBeGreaterThan(0);
    expect(end.line.k as number).toBeGreaterThanOrEqual(2);
    expect(end.line.files as number).toBeGreaterThan(3);
    // Longer than any one of its steps, since it spans them all.
    const longestStep = Math.max(...records({ event: 'step', runId }).map((r) => r.line.durationMs as number));
    expect(end.line.durationMs as number).toBeGreaterThanOrEqual(longestStep);
  });

  test('the upload that started it says so, with the runId', () => {
    const started = records({ event: 'upload', decision: 'started', runId });
    expect(started).toHaveLength(1);
    expect(started[0]!).toMatchObject({ operation_Name: 'ingestUpload', line: { dataset: 'telemetry', blob: 'telemetry/customers.csv', files: 1 } });
  });
});

test('a run the data cannot carry ends with a Failed run record naming the step and the error code', () => {
  const ends = records({ event: 'run', runId: failedRunId });
  expect(ends).toHaveLength(1);
  expect(ends[0]!.line).toMatchObject({ status: 'Failed', dataset: 'tiny', level: 'error', errorCode: expect.any(String), step: expect.any(String) });
  expect(ends[0]!.line.message).toMatch(new RegExp(`^Run ${failedRunId} of tiny failed after [0-9.]+ s at \\w+: .+`));
});

test('HTTP functions write a request record per answer with status, durationMs and the route’s dataset or runId', () => {
  const requests = records({ event: 'request' });
  expect(requests.find((r) => r.line.path === `/api/runs/${runId}`)).toMatchObject({ operation_Name: 'getRun', line: { status: 200, runId, method: 'GET' } });
  expect(requests.find((r) => r.line.path === '/api/datasets/telemetry/segments')).toMatchObject({ operation_Name: 'getSegments', line: { status: 200, dataset: 'telemetry' } });
  expect(requests.find((r) => r.line.path === '/api/datasets/nothing-here/segments')).toMatchObject({ line: { status: 404, errorCode: 'dataset_not_found', dataset: 'nothing-here' } });
  // Whatever it answered (the table has no consent column, so nobody may be written to), it is recorded.
  expect(requests.find((r) => r.line.path === '/api/messages')).toMatchObject({ operation_Name: 'messages', line: { status: messagesStatus, method: 'POST' } });
  for (const r of requests) expect(typeof r.line.durationMs).toBe('number');
});

test('no record carries the storage account key', () => {
  const all = JSON.stringify(traces());
  expect(all.length).toBeGreaterThan(1000);
  expect(all.includes(devAccountKey)).toBe(false);
  expect(all.includes(devAccountKey.slice(0, 24))).toBe(false);
});

/** The Kusto queries of docs/DEPLOY.md's telemetry section. */
function documentedQueries(): string[] {
  const deploy = fs.readFileSync(path.join(repoRoot, 'docs', 'DEPLOY.md'), 'utf8');
  const section = deploy.slice(deploy.indexOf('## Logs and telemetry'), deploy.indexOf('\n## ', deploy.indexOf('## Logs and telemetry') + 3));
  return [...section.matchAll(/```kusto\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
}

/**
 * Runs a query of the form the docs use over the captured rows: `where` on `tostring(line.<field>)`
 * with `==` or `in (…)` joined by `and` filters; every `line.<field>` the rest reads must be written
 * by some row that passed, as a number where the query converts it to one. Returns what failed.
 */
function checkQuery(query: string, rows: TraceRow[]): string[] {
  const problems: string[] = [];
  const [source, ...operators] = query.replace(/"<runId>"/g, JSON.stringify(runId)).split(/\n\|\s*/);
  if (source!.trim() !== 'traces') problems.push(`reads ${source}, not traces`);
  let kept = rows;
  const reads: { field: string; numeric: boolean }[] = [];
  let parsed = false;
  for (const operator of operators) {
    if (/^where timestamp > ago\(\d+[dh]\)$/.test(operator)) continue;
    if (operator === 'extend line = parse_json(message)') {
      parsed = true;
      continue;
    }
    if (operator.startsWith('where ')) {
      for (const condition of operator.slice(6).split(' and ')) {
        const equals = /^tostring\(line\.(\w+)\) == "([^"]*)"$/.exec(condition);
        const within = /^tostring\(line\.(\w+)\) in \(((?:"[^"]*"(?:, )?)+)\)$/.exec(condition);
        if (equals) kept = kept.filter((r) => String(r.line[equals[1]!] ?? '') === equals[2]);
        else if (within) {
          const values = JSON.parse(`[${within[2]}]`) as string[];
          kept = kept.filter((r) => values.includes(String(r.line[within[1]!] ?? '')));
        } else problems.push(`cannot check the condition ${condition}`);
      }
      continue;
    }
    for (const m of operator.matchAll(/(tostring|toreal|toint)\(line\.(\w+)\)/g)) reads.push({ field: m[2]!, numeric: m[1] !== 'tostring' });
  }
  if (!parsed) problems.push('does not parse the message');
  if (kept.length === 0) problems.push('finds no record');
  for (const { field, numeric } of reads) {
    const having = kept.filter((r) => r.line[field] !== undefined);
    if (having.length === 0) problems.push(`reads line.${field}, which no record it finds has`);
    if (numeric && having.some((r) => typeof r.line[field] !== 'number')) problems.push(`reads line.${field} as a number, but it is written as text`);
  }
  return problems;
}

test('every query in docs/DEPLOY.md finds records and reads only fields that are written', () => {
  const queries = documentedQueries();
  expect(queries.length).toBeGreaterThanOrEqual(5);
  const rows = traces();
  const outcome = queries.map((query) => ({ query: query.split('\n').slice(2).join(' '), problems: checkQuery(query, rows) }));
  expect(outcome.filter((o) => o.problems.length > 0)).toEqual([]);
});
