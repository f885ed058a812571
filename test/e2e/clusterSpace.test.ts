import { readBlobText } from '../helpers/azurite';
import { expectScoresReproduceRun } from '../helpers/scoreParity';
import { useHostOnTestStorage } from '../helpers/testHost';
import { waitForLatest } from '../helpers/waitFor';
import type { ModelArtifact } from '../../shared/model/ModelArtifact';

/**
 * A wide table (34 features) above the mini-batch row count, through the local host: the run clusters
 * on principal components keeping at least 90 % of the weighted variance with mini-batch k-means,
 * model.json and the report say so, and scoring the uploaded file with the stored model puts every
 * customer in the run's segment.
 */
const { storage, host } = useHostOnTestStorage({ SEGMENTWISE_MINIBATCH_ROWS: '500' });

/** 1,200 customers driven by two habits (activity, spend), seen through 32 noisy measures, a flag and a plan. */
function wideCsv(rows: number): string {
  let state = 2024;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const header = ['customer_id', ...Array.from({ length: 32 }, (_, j) => `measure_${j}`), 'newsletter', 'plan'];
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const group = i % 3, activity = [1, 4, 8][group]! + random(), spend = [30, 90, 200][group]! * (0.8 + 0.4 * random());
    const measures = Array.from({ length: 32 }, (_, j) => ((j % 2 ? activity * (1 + j / 8) : spend / (1 + j / 16)) * (0.9 + 0.2 * random())).toFixed(3));
    lines.push([`W${10000 + i}`, ...measures, random() < 0.3 ? 'yes' : 'no', ['basic', 'plus'][Math.floor(random() * 2)]].join(','));
  }
  return lines.join('\n') + '\n';
}

test('a wide table above the mini-batch row count: PCA and mini-batch k-means, recorded, and scoring reproduces the run', async () => {
  const csv = Buffer.from(wideCsv(1200));
  await storage().service.getContainerClient('uploads').getBlockBlobClient('wide/customers.csv').upload(csv, csv.length);
  const { runId } = await waitForLatest(storage().service, 'wide', { limitMs: 200_000 });
  const model = JSON.parse((await readBlobText(storage().service, 'results', `wide/${runId}/model.json`))!) as ModelArtifact;
  expect(model.schema.featureNames.length).toBeGreaterThanOrEqual(30);
  expect(model.clustering?.algorithm).toBe('minibatch');
  const space = model.clustering!.space;
  expect(space.weights).toHaveLength(model.schema.featureNames.length);
  expect(space.pca).not.toBeNull();
  expect(space.pca!.nComponents).toBeLessThan(model.schema.featureNames.length);
  expect(space.varianceKept!).toBeGreaterThanOrEqual(0.9);
  expect(model.clustering!.centers).toHaveLength(model.centroids.length);
  for (const c of model.clustering!.centers) expect(c).toHaveLength(space.pca!.nComponents);
  // The flag and the plan are weighted down; the measures count in full.
  const weightOf = (name: string) => space.weights[model.schema.featureNames.indexOf(name)]!;
  expect(weightOf('measure_0')).toBe(1);
  expect(weightOf('plan=basic')).toBeCloseTo(0.5 / Math.SQRT2, 12);

  const report = (await readBlobText(storage().service, 'results', `wide/${runId}/report.html`))!;
  const sentence = /<p id="clustered-on">([^<]*)<\/p>/.exec(report)?.[1] ?? '';
  expect(sentence).toContain('mini-batch k-means');
  expect(sentence).toContain(`${space.pca!.nComponents} principal components of the ${model.schema.featureNames.length} weighted features`);

  const parity = await expectScoresReproduceRun({ service: storage().service, hostUrl: host().url, dataset: 'wide', runId, files: [{ name: 'customers.csv', bytes: csv }] });
  expect(parity.customers).toBe(1200);
}, 300_000);
