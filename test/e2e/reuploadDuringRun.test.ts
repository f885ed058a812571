import { Readable } from 'node:stream';
import { computeRunId } from '../../shared/pipeline/runIdentity';
import { customerCsv } from '../fixtures/customerCsv';
import { readBlobText } from '../helpers/azurite';
import { getRun } from '../helpers/runStatus';
import { waitFor, waitForLatest, waitForRunEnd } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * A file uploaded again while the run of its previous version is still working: the run of the newer
 * upload is published, and the older run, finishing last, completes as a historical run instead of
 * moving latest.json back to data no longer in uploads/. The fault proxy holds the older run's last
 * result upload until the newer run has been published, so the order is certain.
 */

const { storage, proxy, host } = useHostOnTestStorage({}, { faultProxy: true });

/** The runId the app gives these bytes as `<dataset>/customers.csv` with default options. */
function runIdOf(dataset: string, csv: string): Promise<string> {
  return computeRunId([{ name: 'customers.csv', open: async () => Readable.from([Buffer.from(csv)]) }], { dataset, options: { seed: 42 }, manifest: null });
}

test('the older run finishing last completes as historical; latest.json stays on the newer upload', async () => {
  const dataset = 'reupload';
  const older = customerCsv({ rows: 300, seed: 5 });
  const newer = customerCsv({ rows: 320, seed: 6 });
  const olderId = await runIdOf(dataset, older);
  const newerId = await runIdOf(dataset, newer);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  proxy().setRules([{ matches: (r) => r.method === 'PUT' && r.path.endsWith(`/results/${dataset}/${olderId}/report.html`), times: 1, holdUntil: released }]);
  try {
    const uploads = storage().service.getContainerClient('uploads').getBlockBlobClient(`${dataset}/customers.csv`);
    await uploads.upload(older, older.length);
    // The older run reads its file at the version it started for: the newer upload lands once it has
    // (an upload replaced before that ends the older run with UPLOAD_REPLACED, replacedUpload.test.ts).
    await waitFor(
      async () => ((await getRun(host().url, olderId))?.customStatus?.stepIndex ?? 0) >= 2 || undefined,
      60_000,
      'the older run to have read its file',
    );
    await uploads.upload(newer, newer.length);

    expect((await waitForLatest(storage().service, dataset, { limitMs: 120_000 })).runId).toBe(newerId);
    release();
    const run = await waitForRunEnd(host().url, olderId, 120_000);
    expect(run.runtimeStatus).toBe('Completed');
    expect(proxy().failed[0]).toBe(1);

    expect(run.results).toMatchObject({ historical: true, newerRunId: newerId });
    expect(run.results!.files).toEqual(expect.arrayContaining(['assignments.csv', 'report.html', 'historical.json']));
    const latest = JSON.parse((await readBlobText(storage().service, 'results', `${dataset}/latest.json`))!) as { runId: string; inputsUploadedAt: string };
    expect(latest.runId).toBe(newerId);
    const note = JSON.parse((await readBlobText(storage().service, 'results', `${dataset}/${olderId}/historical.json`))!) as Record<string, string>;
    expect(note).toMatchObject({ historical: true, newerRunId: newerId, newerInputsUploadedAt: latest.inputsUploadedAt });
    expect(Date.parse(note.inputsUploadedAt!)).toBeLessThanOrEqual(Date.parse(latest.inputsUploadedAt));
    expect(host().output()).toMatch(new RegExp(`Run ${olderId} of ${dataset} completed as a historical run`));
    // The API answers from the newer data.
    const segments = (await (await fetch(`${host().url}/api/datasets/${dataset}/segments`)).json()) as { runId: string };
    expect(segments.runId).toBe(newerId);
  } finally {
    release();
    proxy().setRules([]);
  }
});
