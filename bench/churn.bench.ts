/**
 * Churn ROC-AUC side by side with scikit-learn on the real datasets, on the anchors' exact
 * hold-out rows and 5 folds (bench-anchors/splits): L2 logistic regression and histogram
 * gradient-boosted trees here, LogisticRegression and HistGradientBoostingClassifier there.
 *   npm run bench -- churn
 */
import * as path from 'node:path';
import { FeaturePipeline } from '../shared/model/FeaturePipeline';
import { trainChurnModel } from '../shared/model/trainChurnModel';
import { loadEcommerce, loadOneClick, loadTelco, type ChurnDataset } from '../tools/datasets/churnDatasets';
import { PYTHON, anchorsDir, dataDir, hasSklearn, run, seconds, table } from './lib/benchEnv';

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

export async function main(): Promise<void> {
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

function signed(v: number): string {
  return `${v >= 0 ? '+' : ''}${v.toFixed(4)}`;
}
