/**
 * Gradient-boosting training speed on 100,000 customers against scikit-learn's
 * HistGradientBoostingClassifier fitted on the same rows in the same run (target: at least 2× faster
 * than the fit when the speed target was set, at the same hold-out ROC-AUC ± 0.005): ours with its
 * histograms on the worker threads, and the same fit on one thread for CPU time; then
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
import { histogramPool } from '../shared/ml/histogramPool';
import { rocAuc } from '../shared/ml/rocAuc';
import { stratifiedTrainTestSplit } from '../shared/ml/stratifiedSplit';
import { FeaturePipeline } from '../shared/model/FeaturePipeline';
import { trainChurnModel } from '../shared/model/trainChurnModel';
import { loadEcommerce, loadOneClick, loadTelco, type ChurnDataset } from '../tools/datasets/churnDatasets';
import { mulberry32 } from '../tools/random/mulberry32';
import { PYTHON, anchorsDir, argValue, dataDir, hasSklearn, median, run, scratchDir, seconds, table } from './lib/benchEnv';

/**
 * The reference the target is set against: the same fit when the speed target was set, before
 * column-major bins, ordered gradients, pooled histograms and threads (row-major bins, a histogram
 * allocated per node, a comparison sort per feature), 2026-11-30: wall time on this 2-core machine
 * with no other load; CPU time as the medians of four rounds alternating it with newer code under
 * heavy load. The pipeline's churn step took 4.4 s at 100,000 customers then.
 */
const before = { wall: 1.67, wallRuns: [1.63, 1.67, 1.91], cpuRuns: [2.24, 2.01, 1.98, 1.98], churnStep: 4.4 };
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
  await trainingSpeed(Number(argValue(args, 'repeats') ?? 3));
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
    const r = await trainChurnModel(X, ds.y, { testRows: ds.testRows, folds: ds.folds });
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

/**
 * Our fit (histograms on the threads), the same fit on one thread, and scikit-learn's, on the same 80 %
 * of the rows, one after the other, `repeats` times. CPU time is the whole process's (every thread).
 */
async function trainingSpeed(repeats: number): Promise<void> {
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
  // Untimed fits first, so the timed ones run compiled code (and started threads) as a long-lived host would.
  const warm = takeRows(Xtrain, Array.from({ length: 20_000 }, (_, i) => i)), warmY = ytrain.slice(0, 20_000);
  new HistGradientBoostingClassifier({ seed: 0 }).fit(warm, warmY);
  await new HistGradientBoostingClassifier({ seed: 0 }).fitAsync(warm, warmY);
  const threads = histogramPool()?.size ?? 0;
  const ours: number[] = [], oursCpu: number[] = [], single: number[] = [], singleCpu: number[] = [], theirs: number[] = [];
  let oursAuc = NaN, oursTrees = 0, singleAuc = NaN, theirAuc = NaN, theirTrees = 0;
  for (let r = 0; r < repeats; r++) {
    let t = performance.now(), cpu = process.cpuUsage();
    const model = await new HistGradientBoostingClassifier({ seed: 0 }).fitAsync(Xtrain, ytrain);
    ours.push(seconds(t));
    oursCpu.push(cpuSeconds(process.cpuUsage(cpu)));
    oursAuc = rocAuc(ytest, model.predictProba(Xtest));
    oursTrees = model.state!.trees.length;
    t = performance.now(); cpu = process.cpuUsage();
    const inline = new HistGradientBoostingClassifier({ seed: 0 }).fit(Xtrain, ytrain);
    single.push(seconds(t));
    singleCpu.push(cpuSeconds(process.cpuUsage(cpu)));
    singleAuc = rocAuc(ytest, inline.predictProba(Xtest));
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
  rows.push([`ours, histograms on ${threads} threads`, oursMedian.toFixed(2), list(ours), list(oursCpu), String(oursTrees), oursAuc.toFixed(6)]);
  rows.push(['ours on one thread (the same trees)', median(single).toFixed(2), list(single), list(singleCpu), String(oursTrees), singleAuc.toFixed(6)]);
  if (theirs.length) rows.push(['scikit-learn HistGradientBoosting (2 threads)', median(theirs).toFixed(2), list(theirs), '-', String(theirTrees), theirAuc.toFixed(6)]);
  rows.push(['reference: ours when the target was set (recorded)', before.wall.toFixed(2), list(before.wallRuns), list(before.cpuRuns), '65', '0.905330']);
  console.log(table(rows));
  console.log(`reference when the target was set: this fit ${before.wall.toFixed(2)} s wall (target ≤ ${(before.wall / 2).toFixed(2)} s); the pipeline's churn step ${before.churnStep.toFixed(1)} s at 100,000 customers (npm run bench -- pipeline times the step now)`);
  const speedup = before.wall / oursMedian, cpuSpeedup = median(before.cpuRuns) / oursCpuMedian;
  console.log(`speed-up over the reference: ${speedup.toFixed(2)}× wall, ${cpuSpeedup.toFixed(2)}× CPU time (target ≥ 2× wall: ${speedup >= 2 ? 'MET' : 'NOT MET'}); ` +
    `threads over one thread: ${(median(single) / oursMedian).toFixed(2)}× wall` +
    (theirs.length ? `; ours / scikit-learn wall: ${(oursMedian / median(theirs)).toFixed(2)}×, AUC ${signed(oursAuc - theirAuc)} (target ±0.005: ${Math.abs(oursAuc - theirAuc) <= 0.005 ? 'MET' : 'NOT MET'})` : ''));
  if (speedup < 2) {
    console.log('what limits it: the binning, and for nodes of 16,384 rows or more the partitions, histograms and gradients, run on the' +
      ' threads; the smaller nodes (5 in 6 nodes, ~30 % of the rows partitioned), the larger child\'s subtraction, the split search' +
      ' and the validation loss stay on the calling thread, and every large node is a round trip to the threads (0.06–0.3 ms, ~9 per' +
      ' tree) at which they wait for each other: on two cores shared with other work a thread that is not scheduled holds the node up.');
  }
  if (os.loadavg()[0] > os.cpus().length) console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores while measuring: wall times are inflated; CPU time is the steadier figure`);
}

/** User CPU time, as the reference's was recorded. */
function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return usage.user / 1e6;
}

function signed(v: number): string {
  return `${v >= 0 ? '+' : ''}${v.toFixed(4)}`;
}
