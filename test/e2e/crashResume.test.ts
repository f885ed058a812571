import ExcelJS from 'exceljs';
import { customerCsv } from '../fixtures/customerCsv';
import { listBlobs, readBlobText } from '../helpers/azurite';
import { instancesOf, listInstances } from '../helpers/durableApi';
import { waitFor, waitForLatest, waitForRunCompleted, waitForRunEnd } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * The local host killed with SIGKILL at seeded moments of a run: after a restart every run completes,
 * every result file equals an uninterrupted run's, and no hand-over file (`_work/`) is left behind.
 *
 * A moment is one of the writes the uninterrupted run made, chosen by a seeded draw: the fault proxy
 * holds that write, and the host is killed while it is held. So each kill lands inside the run
 * whatever the machine's load, and the test checks that it did (the stored instance says Running
 * and there is no latest.json yet) instead of trusting its own timing.
 */
const csv = customerCsv({ rows: 3000, seed: 99 });

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

async function upload(dataset: string): Promise<void> {
  await storage().service.getContainerClient('uploads').getBlockBlobClient(`${dataset}/customers.csv`).upload(csv, csv.length);
}

/**
 * Every file of a run, by its name inside the run folder. Only what legitimately differs between two
 * runs of the same bytes is masked: the runId and dataset, creation times, the report's step timings
 * and the ids the chart renderer numbers per process; workbooks are compared by their cells.
 */
async function runFiles(dataset: string, runId: string): Promise<Map<string, string>> {
  const folder = `${dataset}/${runId}/`;
  const files = new Map<string, string>();
  for (const name of await listBlobs(storage().service, 'results', folder)) {
    const bytes = await storage().service.getContainerClient('results').getBlobClient(name).downloadToBuffer();
    const file = name.slice(folder.length);
    if (file.endsWith('.xlsx')) {
      // A workbook carries the time it was written; its sheets, cell by cell, are what must match.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      files.set(file, JSON.stringify(workbook.worksheets.map((sheet) => [sheet.name, sheet.getSheetValues()])));
      continue;
    }
    if (!/\.(json|csv|html)$/.test(file)) {
      files.set(file, bytes.toString('base64'));
      continue;
    }
    let text = bytes.toString('utf8').split(runId).join('<runId>').split(dataset).join('<dataset>');
    text = text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
    if (file === 'report.html') {
      text = text.replace(/Timings<\/h3>[\s\S]*?<\/table>/, (table) => table.replace(/\d+(\.\d+)? s</g, '<seconds> s<'));
      text = text.replace(/\bc\d+-(gradient_|clip)\d+\b/g, '<chart-id>');
    }
    files.set(file, text);
  }
  return files;
}

/** The run's files compared one by one, so a failure names the file that differs. */
function expectSameFiles(actual: Map<string, string>, expected: Map<string, string>, what: string): void {
  expect({ what, files: [...actual.keys()].sort() }).toEqual({ what, files: [...expected.keys()].sort() });
  for (const [file, content] of expected) expect({ what, file, same: actual.get(file) === content }).toEqual({ what, file, same: true });
}

const { storage, proxy, host, killHost, startHost } = useHostOnTestStorage({}, { faultProxy: true });

test('10 runs killed at seeded moments all complete with every file equal to an uninterrupted run', async () => {
  // The uninterrupted run, with every write it makes to its results noted in order.
  const writes: string[] = [];
  proxy().setRules([{
    matches: (r) => {
      const m = /\/results\/uninterrupted\/(.+)$/.exec(r.path);
      if (r.method === 'PUT' && m && !writes.includes(m[1]!)) writes.push(m[1]!);
      return false;
    },
    times: Infinity,
  }]);
  // Named so that masking the dataset name cannot touch a key ("reference" is in referenceDate).
  await upload('uninterrupted');
  const reference = await waitForLatest(storage().service, 'uninterrupted');
  // The run deletes its work files after latest.json: compare what it leaves once it has ended.
  await waitForRunCompleted(host().url, reference.runId);
  proxy().setRules([]);
  const referenceFiles = await runFiles('uninterrupted', reference.runId);
  expect([...referenceFiles.keys()].filter((f) => f.startsWith('_work/'))).toEqual([]);
  expect(referenceFiles.get('assignments.csv')!.split('\n')).toHaveLength(3002);
  // Moments: each hand-over, each result file and latest.json, by their names inside the dataset folder.
  // Sorted, so the seeded draw picks the same moments whatever order parallel steps wrote in.
  const moments = writes.map((w) => w.replace(`${reference.runId}/`, '')).sort();
  expect(moments).toEqual(expect.arrayContaining(['_work/table.bin', '_work/features.bin', 'assignments.csv', 'report.html', 'latest.json']));

  const random = seeded(20261123);
  const killedAt: string[] = [];
  for (let trial = 0; trial < 10; trial++) {
    const dataset = `crash-${trial}`;
    const moment = moments[Math.floor(random() * moments.length)]!;
    killedAt.push(moment);
    proxy().setRules([{
      matches: (r) => r.method === 'PUT' && r.path.includes(`/results/${dataset}/`) && r.path.endsWith(`/${moment}`),
      times: 1,
      delayMs: 60_000,
    }]);
    await upload(dataset);
    await waitFor(async () => (proxy().failed[0]! > 0 ? true : undefined), 60_000, `${dataset} to write ${moment}`);
    const [instance] = await instancesOf(host(), dataset);
    await killHost('SIGKILL');
    proxy().setRules([]);

    // The kill landed while the run was running: its stored state says so, and it had not finished.
    const stored = JSON.parse((await readBlobText(storage().service, 'segmentwise-durable', `instances/${instance!.instanceId}.json`))!) as { runtimeStatus: string };
    expect({ dataset, moment, runtimeStatus: stored.runtimeStatus }).toEqual({ dataset, moment, runtimeStatus: 'Running' });
    expect({ dataset, latest: await readBlobText(storage().service, 'results', `${dataset}/latest.json`) }).toEqual({ dataset, latest: undefined });

    await startHost();
    const { runId } = await waitForLatest(storage().service, dataset);
    expect(runId).toBe(instance!.instanceId);
    await waitForRunCompleted(host().url, runId);
    expectSameFiles(await runFiles(dataset, runId), referenceFiles, `${dataset}, killed while writing ${moment}`);
  }
  // Every run the durable API knows has completed (none stuck, none failed).
  const instances = await listInstances(host());
  expect(instances).toHaveLength(11);
  const ends = await Promise.all(instances.map((i) => waitForRunEnd(host().url, i.instanceId)));
  expect(ends.map((e) => e.runtimeStatus)).toEqual(instances.map(() => 'Completed'));
  // The draw spread the kills over the run, from its first steps to its last writes.
  expect(new Set(killedAt).size).toBeGreaterThanOrEqual(6);
  expect(killedAt.some((m) => m.startsWith('_work/'))).toBe(true);
  expect(killedAt.some((m) => !m.startsWith('_work/'))).toBe(true);
}, 900_000);
