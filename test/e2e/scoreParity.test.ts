import { waitForLatest } from '../helpers/waitFor';
import { hasSharedData } from '../helpers/sharedData';
import { useHostOnTestStorage } from '../helpers/testHost';
import { expectScoresReproduceRun } from '../helpers/scoreParity';
import { expectDropReproducesRun } from '../helpers/scoreDrops';
import { expectActionableSegments } from '../helpers/actionableSegments';
import { scoringDatasets } from '../fixtures/scoringDatasets';

/**
 * Scoring the uploaded files with the stored model reproduces the run: for every customer of each
 * dataset, scoreTables and POST /api/score give the run's segment and churn probability (|Δ| ≤ 1e-9),
 * and a scoring drop of the same files gives them as assignments.csv writes them.
 * The datasets test/e2e/pipeline.test.ts already runs (telco, ecommerce, one-click, retail) are
 * checked there, on its runs; these are the rest, and the generated events.
 */
const { storage, host } = useHostOnTestStorage();

const runWaitMs = 300_000;
const testMs = 480_000;
const here = ['bank', 'hillstrom', 'retail-full', 'events'];
const cases = scoringDatasets.filter((d) => here.includes(d.dataset) && (hasSharedData || !d.shared)).map((d) => [d.dataset, d] as const);
// Skipped on purpose without ../shared/data (a fresh clone): the real datasets are not there; the events case still runs.
if (!hasSharedData) test.skip('bank, hillstrom, retail-full (skipped: ../shared/data not found)', () => undefined);

async function upload(name: string, body: Buffer | string): Promise<void> {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  await storage().service.getContainerClient('uploads').getBlockBlobClient(name).upload(data, data.length);
}

test.each(cases)('%s: scoring the uploaded files reproduces every customer of the run', async (dataset, d) => {
  const files = d.files.map((f) => ({ name: f.name, bytes: f.bytes() }));
  // The manifest first: the run waits until every file it names is there.
  if (d.manifest) await upload(`${dataset}/manifest.json`, JSON.stringify(d.manifest));
  for (const f of files) await upload(`${dataset}/${f.name}`, f.bytes);
  const { runId } = await waitForLatest(storage().service, dataset, { limitMs: runWaitMs });
  // Names unique and free of headers and codes, actions distinct, priority by value at stake.
  await expectActionableSegments({ service: storage().service, dataset, runId, files, manifest: d.manifest });
  const report = await expectScoresReproduceRun({ service: storage().service, hostUrl: host().url, dataset, runId, files, manifest: d.manifest });
  expect(report.customers).toBeGreaterThan(100);
  expect(report.scoredByHttp).toBeGreaterThan(0);
  // And the same files dropped for batch scoring.
  const dropped = await expectDropReproducesRun({ service: storage().service, dataset, runId, files, manifest: d.manifest, limitMs: runWaitMs });
  expect(dropped.customers).toBeGreaterThan(100);
}, testMs);
