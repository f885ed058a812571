import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClusterSpace } from '../../../shared/features/ClusterSpace';
import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { tableColumns } from '../../../shared/features/tableColumns';
import { bufferSource } from '../../../shared/ingest/fileSource';
import { parseManifest } from '../../../shared/ingest/parseManifest';
import { chooseClusterCount } from '../../../shared/ml/chooseClusterCount';
import { denseMatrix, type DenseMatrix } from '../../../shared/ml/DenseMatrix';
import { evaluateK } from '../../../shared/ml/evaluateK';
import { fitKMeans, nearestCenters } from '../../../shared/ml/fitKMeans';
import { rocAuc } from '../../../shared/ml/rocAuc';
import { FeaturePipeline } from '../../../shared/model/FeaturePipeline';
import { evaluationSample } from '../../../shared/pipeline/evaluationSample';
import { defaultSeed } from '../../../shared/pipeline/planRun';
import { scoringDatasets, type ScoringDataset } from '../../fixtures/scoringDatasets';
import { describeWithScikitLearn, python3Path } from '../../helpers/scikitLearn';
import { describeWithData, sharedDataPath } from '../../helpers/sharedData';

/**
 * What the segments of every dataset in ../shared/data are made of. Each table is built by the
 * product's ingestion, encoded by its FeaturePipeline and weighted (and, when wide, projected) by its
 * ClusterSpace, exactly as prepareFeatures does; k is chosen as the chooseK step chooses it (each
 * candidate on the evaluation sample, then chooseClusterCount) and fitted as the clustering steps fit
 * it (seeded k-means++ restarts on that sample, Lloyd on every row, each customer to its nearest centre).
 *
 * A flag "defines" a segment when the segment is, up to 10 %, the customers holding one of the
 * flag's values: Jaccard(segment, {flag = v}) ≥ 0.9 for a column with two values in the matrix
 * (a boolean, a 0/1 number or one category's one-hot column), and no behaviour or value column (one
 * with more than two values) tells the segment apart as well (ROC AUC of that column for membership
 * below 0.95). The segment is then that flag under another name, the failure this guards against. A
 * flag merely frequent in a segment is allowed, and so is one that restates behaviour: in the bank
 * file, "previous campaign outcome unknown" is exactly "never contacted before" (days since the last
 * contact −1, previous contacts 0), numeric columns which separate that segment on their own.
 *
 * scikit-learn's KMeans(n_init=10) is fitted on the very matrix the product clusters, with the same
 * k, and both segmentations' silhouettes are measured by sklearn.metrics.silhouette_score on the
 * same seeded sample of rows: ours may trail by at most 0.01.
 */

const definesAt = 0.9;
const behaviourSeparatesAt = 0.95;
const silhouetteTolerance = 0.01;

const datasets: ScoringDataset[] = [
  ...scoringDatasets.filter((d) => d.shared),
  {
    dataset: 'retail-rfm',
    files: [{ name: 'Online Retail.xlsx', bytes: () => fs.readFileSync(sharedDataPath('online-retail-rfm', 'Online Retail.xlsx')) }],
    shared: true,
  },
];

interface Clustered {
  Z: DenseMatrix;
  X: DenseMatrix;
  featureNames: string[];
  labels: Int32Array;
  k: number;
  space: ClusterSpace;
}

async function clusterAsTheRunDoes(d: ScoringDataset): Promise<Clustered> {
  const sources = d.files.map((f) => bufferSource(f.name, f.bytes()));
  const { table, schema } = await buildCustomerTable(sources, d.manifest ? parseManifest(d.manifest) : undefined, { seed: defaultSeed });
  const pipeline = new FeaturePipeline({ numeric: schema.numeric, boolean: schema.boolean, categorical: schema.categorical });
  const { X, featureNames } = pipeline.fitTransform(tableColumns(table));
  const space = new ClusterSpace();
  const Z = space.fitTransform(X, pipeline.toJSON());
  const sample = evaluationSample(Z.data, Z.rows, Z.cols, defaultSeed).X;
  const evaluations = [];
  for (let k = 2; k <= Math.min(8, Z.rows - 1); k++) {
    const e = await evaluateK(sample, k, { seed: defaultSeed, nInit: 3, silhouetteSampleSize: 4000 });
    evaluations.push({ k, inertia: e.inertia, silhouette: e.silhouette, sizes: e.sizes });
  }
  const { k } = chooseClusterCount(evaluations);
  // initCenters: restarts on the evaluation sample; then Lloyd on every row from there, each customer to its nearest centre.
  const init = await fitKMeans(sample, { k, nInit: 4, seed: defaultSeed });
  const fitted = await fitKMeans(Z, { k, init: init.centers, seed: defaultSeed });
  return { Z, X, featureNames, labels: nearestCenters(Z, fitted.centers), k, space };
}

/** Flags (two-valued columns of the model matrix) whose holders of one value are, up to 10 %, one segment. */
function flagsDefiningSegments(c: Clustered): string[] {
  const { X, labels, k } = c;
  const n = X.rows, d = X.cols;
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
  const distinct = Array.from({ length: d }, (_, j) => {
    const values = new Set<number>();
    for (let i = 0; i < n && values.size <= 2; i++) values.add(X.data[i * d + j]!);
    return values;
  });
  const behaviour = distinct.flatMap((values, j) => (values.size > 2 ? [j] : []));
  // How well the best behaviour or value column alone tells segment s from the rest (once per segment).
  const aucs = new Map<number, number>();
  const bestBehaviourAuc = (s: number) => aucs.get(s) ?? aucs.set(s, behaviourAuc(s)).get(s)!;
  const behaviourAuc = (s: number) => {
    const member = Float64Array.from(labels, (l) => (l === s ? 1 : 0));
    return Math.max(0, ...behaviour.map((j) => {
      const auc = rocAuc(member, Float64Array.from({ length: n }, (_, i) => X.data[i * d + j]!));
      return Math.max(auc, 1 - auc);
    }));
  };
  const found: string[] = [];
  for (let j = 0; j < d; j++) {
    const values = distinct[j]!;
    if (values.size !== 2) continue;
    for (const v of values) {
      const holders = new Array<number>(k).fill(0);
      let total = 0;
      for (let i = 0; i < n; i++) if (X.data[i * d + j] === v) { holders[labels[i]!]!++; total++; }
      for (let s = 0; s < k; s++) {
        const jaccard = holders[s]! / (sizes[s]! + total - holders[s]!);
        if (jaccard >= definesAt && bestBehaviourAuc(s) < behaviourSeparatesAt) {
          found.push(`${c.featureNames[j]} = ${v.toFixed(3)} is segment ${s} (Jaccard ${jaccard.toFixed(3)}, best behaviour column AUC ${bestBehaviourAuc(s).toFixed(3)})`);
        }
      }
    }
  }
  return found;
}

/** scikit-learn on the same matrix and k: its KMeans(n_init=10), and both silhouettes on one sample. */
function scikitLearnSilhouettes(c: Clustered): { ours: number; theirs: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-space-'));
  try {
    fs.writeFileSync(path.join(dir, 'Z.f64'), Buffer.from(c.Z.data.buffer, c.Z.data.byteOffset, c.Z.data.byteLength));
    fs.writeFileSync(path.join(dir, 'labels.i32'), Buffer.from(c.labels.buffer, c.labels.byteOffset, c.labels.byteLength));
    const script = [
      'import sys, json, numpy as np',
      'from sklearn.cluster import KMeans',
      'from sklearn.metrics import silhouette_score',
      'd, rows, cols, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])',
      "Z = np.fromfile(d + '/Z.f64', dtype='<f8').reshape(rows, cols)",
      "ours = np.fromfile(d + '/labels.i32', dtype='<i4')",
      'theirs = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(Z)',
      'size = min(rows, 5000)',
      'print(json.dumps({"ours": float(silhouette_score(Z, ours, sample_size=size, random_state=0)),',
      '                  "theirs": float(silhouette_score(Z, theirs, sample_size=size, random_state=0))}))',
    ].join('\n');
    const run = spawnSync(python3Path, ['-c', script, dir, String(c.Z.rows), String(c.Z.cols), String(c.k)], { encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0) throw new Error(`scikit-learn failed: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').pop()!) as { ours: number; theirs: number };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const clustered = new Map<string, Promise<Clustered>>();
const clusteredOnce = (d: ScoringDataset) => {
  if (!clustered.has(d.dataset)) clustered.set(d.dataset, clusterAsTheRunDoes(d));
  return clustered.get(d.dataset)!;
};

describeWithData('what segments are made of, on every shared dataset', () => {
  const cases = datasets.map((d) => [d.dataset, d] as const);

  test.each(cases)('%s: no segment is a single flag under another name', async (_, d) => {
    const c = await clusteredOnce(d);
    expect(c.k).toBeGreaterThanOrEqual(2);
    expect(flagsDefiningSegments(c)).toEqual([]);
    // Wide tables are clustered on the components that keep the stated share of the variance.
    const s = c.space.toJSON();
    if (c.X.cols >= 30) {
      expect(s.pca).not.toBeNull();
      expect(s.varianceKept!).toBeGreaterThanOrEqual(0.9);
      expect(c.Z.cols).toBeLessThan(c.X.cols);
    } else expect(s.pca).toBeNull();
  }, 600_000);

  describeWithScikitLearn('beside scikit-learn', () => {
    test.each(cases)('%s: silhouette on the clustered matrix reaches scikit-learn KMeans(n_init=10) − 0.01', async (dataset, d) => {
      const c = await clusteredOnce(d);
      const s = scikitLearnSilhouettes(c);
      console.log(`${dataset}: ${c.Z.rows} rows, ${c.X.cols} features → ${c.Z.cols} clustered columns, k = ${c.k}; silhouette ours ${s.ours.toFixed(4)}, scikit-learn ${s.theirs.toFixed(4)}`);
      expect(s.ours).toBeGreaterThanOrEqual(s.theirs - silhouetteTolerance);
    }, 600_000);
  });
});
