/**
 * Gradient-boosting training speed on 100,000 customers against scikit-learn's
 * HistGradientBoostingClassifier fitted on the same rows in the same run (target: at least 2× faster
 * than before column-major bins and ordered gradients, at the same hold-out ROC-AUC ± 0.005); then
 * churn ROC-AUC side by side with scikit-learn on the real datasets, on the anchors' exact
 * hold-out rows and 5 folds (bench-anchors/splits): L2 logistic regression and histogram
 * gradient-boosted trees here, LogisticRegression and HistGradientBoostingClassifier there.
 *   npm run bench -- churn            (--repeats=N, default 3; --speed-only skips the real datasets)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { denseMatrix, takeRows, type DenseMatrix } from '../shared/ml/DenseMatrix';
import { HistGradientBoostingClassifier } from '../shared/ml/HistGradientBoostingClassifier';
import { rocAuc } from '../shared/ml/rocAuc';
import { stratifiedTrainTestSplit } from '../shared/ml/stratifiedSplit';
import { FeaturePipeline } from '../shared/model/FeaturePipeline';
import { trainChurnModel } from '../shared/model/trainChurnModel';
import { loadEcommerce, loadOneClick, loadTelco, type ChurnDataset } from '../tools/datasets/churnDatasets';
import { mulberry32 } from '../tools/random/mulberry32';
import { PYTHON, anchorsDir, argValue, dataDir, hasSklearn, median, run, scratchDir, seconds, table } from './lib/benchEnv';

/**
 * The same fit before column-major bins, ordered gradients and pooled histograms (row-major bins, a
 * histogram allocated per node, a comparison sort per feature), 2026-11-30: wall time on this 2-core
 * machine with no other load; CPU time as the medians of four sessions alternating it with the new
 * code under heavy load (the new code's medians there: 1.45–1.66 s).
 */
const before = { wall: 1.67, wallRuns: [1.63, 1.67, 1.91], cpuRuns: [2.24, 2.01, 1.98, 1.98] };
const speedRows = 100_000;

interface SkFigure { holdout: number; cv: number }

/** Parses sk_churn_real.py: "<dataset> <model> holdout AUC 0.8516  5-fold AUC 0.8455 ± 0.0140". */
function sklearnFigures(): Map<string, SkFigure> {
  const out = new Map<string, SkFigure>();
  if (!hasSklearn()) return out;
  const text = run(PYTHON, [path.join(anchorsDir(), 'sk_churn_real.py'), dataDir()]);
  for (const line of text.split('\n')) {
    const m = line.match(/^(\S+)\s+(\S+)\s+holdout AUC ([\d.]+)\s+5-fold AUC ([\d.]+)/);
    if (m) out.set(`${m[1]}/${m[2]}`, { holdout: Number(m[3]), cv: Number(m[4]) });
  }
  return out;
}

export async function main(args: string[] = []): Promise<void> {
  trainingSpeed(Number(argValue(args, 'repeats') ?? 3));
  if (args.includes('--speed-only')) return;
  let t = performance.now();
  const sk = sklearnFigures();
  const skSeconds = seconds(t);
  const loaders: (() => Promise<ChurnDataset>)[] = [
    async () => loadTelco(dataDir(), anchorsDir()),
    async () => loadOneClick(dataDir(), anchorsDir()),
    () => loadEcommerce(dataDir(), anchorsDir()),
  ];
  console.log(sk.size ? `scikit-learn figures from sk_churn_real.py (${skSeconds.toFixed(1)} s for all three datasets)` : 'scikit-learn not available: our figures only');
  for (const load of loaders) {
    const ds = await load();
    t = performance.now();
    const { X } = new FeaturePipeline(ds.description).fitTransform(ds.rows);
    const r = trainChurnModel(X, ds.y, { testRows: ds.testRows, folds: ds.folds });
    const s = seconds(t);
    const rows: (string | number)[][] = [['model', 'hold-out AUC', '5-fold AUC', 'scikit-learn hold-out', 'scikit-learn 5-fold', 'Δ hold-out', 'Δ 5-fold']];
    for (const c of r.metrics.candidates) {
      const skName = c.kind === 'logistic' ? 'LogisticRegression' : 'HistGradientBoosting';
      const f = sk.get(`${ds.name}/${skName}`);
      rows.push([c.kind === 'logistic' ? 'L2 logistic regression' : 'histogram GBT', c.holdoutRocAuc, (c.cvRocAuc ?? NaN),
        f ? f.holdout : '-', f ? f.cv : '-', f ? signed(c.holdoutRocAuc - f.holdout) : '-', f ? signed((c.cvRocAuc ?? NaN) - f.cv) : '-']);
    }
    console.log(`\n${ds.name}: ${ds.rows.length} rows × ${X.cols} features, positive rate ${r.metrics.positiveRate.toFixed(3)}; train + 5-fold CV of both models ${s.toFixed(2)} s`);
    console.log(table(rows));
    const skBest = [...sk.entries()].filter(([k]) => k.startsWith(ds.name + '/')).map(([, v]) => v);
    if (skBest.length) {
      const bestH = Math.max(...skBest.map((v) => v.holdout)), bestCv = Math.max(...skBest.map((v) => v.cv));
      const oursH = Math.max(...r.metrics.candidates.map((c) => c.holdoutRocAuc)), oursCv = Math.max(...r.metrics.candidates.map((c) => (c.cvRocAuc ?? NaN)));
      console.log(`best vs best: hold-out ${oursH.toFixed(4)} vs ${bestH.toFixed(4)} (${signed(oursH - bestH)}), 5-fold ${oursCv.toFixed(4)} vs ${bestCv.toFixed(4)} (${signed(oursCv - bestCv)}); target ≥ −0.005: ${oursH - bestH >= -0.005 && oursCv - bestCv >= -0.005 ? 'MET' : 'NOT MET'}`);
    }
    console.log(`chosen: ${r.metrics.chosen} (${r.metrics.rule}); PR-AUC ${r.metrics.prAuc.toFixed(4)}, Brier ${r.metrics.brier.toFixed(4)}`);
  }
}

/**
 * The pipeline bench's customers (17 numeric columns drawn from 5 overlapping groups, the plan one-hot
 * encoded, churn from some of the columns), as the feature matrix the churn step receives.
 */
function syntheticChurnTable(rows: number): { X: DenseMatrix; y: Float64Array } {
  const numeric = 17, cols = numeric + 4;
  const random = mulberry32(100);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centers = Array.from({ length: 5 }, () => Array.from({ length: numeric }, () => gauss() * 1.5));
  const data = new Float64Array(rows * cols), y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const g = Math.floor(random() * 5);
    const values = centers[g]!.map((c) => Number((c + gauss()).toFixed(4)));
    const logit = 0.8 * values[0]! - 0.6 * values[3]! + 0.4 * values[7]! - 1.2;
    y[i] = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    data.set(values, i * cols);
    data[i * cols + numeric + (g % 4)] = 1;
  }
  return { X: denseMatrix(data, rows, cols), y };
}

const sklearnFit = `
import sys, json, time, numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
d = sys.argv[1]; X = np.fromfile(d + '/X.f64').reshape(int(sys.argv[2]), -1); y = np.fromfile(d + '/y.f64')
test = np.array(json.load(open(d + '/test.json'))); train = np.ones(len(y), bool); train[test] = False
t = time.perf_counter(); m = HistGradientBoostingClassifier(random_state=0).fit(X[train], y[train]); s = time.perf_counter() - t
print(f'seconds={s:.4f} trees={m.n_iter_} auc={roc_auc_score(y[test], m.predict_proba(X[test])[:, 1]):.6f}')
`;

/** Our fit and scikit-learn's on the same 80 % of the rows, one after the other, `repeats` times. */
function trainingSpeed(repeats: number): void {
  const { X, y } = syntheticChurnTable(speedRows);
  const split = stratifiedTrainTestSplit(y, 0.2, 0);
  const Xtrain = takeRows(X, split.train), ytrain = split.train.map((r) => y[r]!);
  const Xtest = takeRows(X, split.test), ytest = split.test.map((r) => y[r]!);
  const dir = scratchDir('churn-speed');
  const sk = hasSklearn();
  if (sk) {
    fs.writeFileSync(path.join(dir, 'X.f64'), new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength));
    fs.writeFileSync(path.join(dir, 'y.f64'), new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
    fs.writeFileSync(path.join(dir, 'test.json'), JSON.stringify(split.test));
  }
  // One untimed fit first, so the timed ones run compiled code as a long-lived host would.
  new HistGradientBoostingClassifier({ seed: 0 }).fit(takeRows(Xtrain, Array.from({ length: 20_000 }, (_, i) => i)), ytrain.slice(0, 20_000));
  const ours: number[] = [], oursCpu: number[] = [], theirs: number[] = [];
  let oursAuc = NaN, oursTrees = 0, theirAuc = NaN, theirTrees = 0;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now(), cpu = process.cpuUsage();
    const model = new HistGradientBoostingClassifier({ seed: 0 }).fit(Xtrain, ytrain);
    ours.push(seconds(t));
    oursCpu.push(process.cpuUsage(cpu).user / 1e6);
    oursAuc = rocAuc(ytest, model.predictProba(Xtest));
    oursTrees = model.state!.trees.length;
    if (sk) {
      const line = run(PYTHON, ['-c', sklearnFit, dir, String(speedRows)]).trim();
      const m = line.match(/seconds=([\d.]+) trees=(\d+) auc=([\d.]+)/);
      if (m) { theirs.push(Number(m[1])); theirTrees = Number(m[2]); theirAuc = Number(m[3]); }
    }
  }
  const oursMedian = median(ours), oursCpuMedian = median(oursCpu);
  const list = (values: number[]) => values.map((v) => v.toFixed(2)).join(' / ');
  console.log(`gradient boosting fit, ${speedRows.toLocaleString('en-US')} customers × ${X.cols} features (80 % trained, 20 % hold-out), ${repeats} runs each, alternating:`);
  const rows: string[][] = [['', 'wall s (median)', 'wall s per run', 'CPU s per run', 'trees', 'hold-out AUC']];
  rows.push(['ours', oursMedian.toFixed(2), list(ours), list(oursCpu), String(oursTrees), oursAuc.toFixed(6)]);
  if (theirs.length) rows.push(['scikit-learn HistGradientBoosting (2 threads)', median(theirs).toFixed(2), list(theirs), '-', String(theirTrees), theirAuc.toFixed(6)]);
  rows.push(['ours before (recorded)', before.wall.toFixed(2), list(before.wallRuns), list(before.cpuRuns), '65', '0.905330']);
  console.log(table(rows));
  const speedup = before.wall / oursMedian, cpuSpeedup = median(before.cpuRuns) / oursCpuMedian;
  console.log(`speed-up over before: ${speedup.toFixed(2)}× wall, ${cpuSpeedup.toFixed(2)}× CPU time (target ≥ 2×: ${speedup >= 2 ? 'MET' : 'NOT MET'})` +
    (theirs.length ? `; ours / scikit-learn wall: ${(oursMedian / median(theirs)).toFixed(2)}×, AUC ${signed(oursAuc - theirAuc)} (target ±0.005: ${Math.abs(oursAuc - theirAuc) <= 0.005 ? 'MET' : 'NOT MET'})` : ''));
  if (speedup < 2) {
    console.log('what limits it: the fit runs on one thread. Per-node histograms are ~45 % of its time, the partitions and the larger' +
      ' child\'s subtraction ~17 %, binning ~12 %, gradients ~10 %; single-thread work gave 1.3–1.5× (CPU time, alternated runs).' +
      ' The rest needs the histograms built over row blocks on both cores.');
  }
  if (os.loadavg()[0] > os.cpus().length) console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores while measuring: wall times are inflated; CPU time is the steadier figure`);
}

function signed(v: number): string {
  return `${v >= 0 ? '+' : ''}${v.toFixed(4)}`;
}
