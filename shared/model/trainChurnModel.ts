import type { DenseMatrix } from '../ml/DenseMatrix';
import { takeRows } from '../ml/DenseMatrix';
import { LogisticRegression } from '../ml/LogisticRegression';
import { HistGradientBoostingClassifier } from '../ml/HistGradientBoostingClassifier';
import { rocAuc, rocCurve } from '../ml/rocAuc';
import { averagePrecision } from '../ml/averagePrecision';
import { calibrationBins, type CalibrationBin } from '../ml/calibrationBins';
import { stratifiedKFold } from '../ml/stratifiedSplit';
import { churnHoldout } from './churnHoldout';
import { churnFeatureImportance, type ChurnModelState } from './churnModel';

export type ChurnCandidate = 'logistic' | 'gbt';

export interface TrainChurnOptions {
  seed?: number;
  /** Hold-out rows (test set); default a stratified 20 %. */
  testRows?: number[];
  /** Fold per row for cross-validation over all rows; default stratified 5-fold. */
  folds?: ArrayLike<number>;
  candidates?: ChurnCandidate[];
  /** Reweight classes to equal total weight; AUC barely moves, probabilities do. */
  classWeight?: 'balanced' | 'none';
  /**
   * k-fold cross-validation runs up to this many labelled rows (default 20,000). Above it the 20 %
   * hold-out alone decides: thousands of test rows already give a steady AUC, and 2 × 5 more fits
   * would take most of the step's time.
   */
  crossValidateUpTo?: number;
}

export interface CandidateMetrics {
  kind: ChurnCandidate;
  holdoutRocAuc: number;
  holdoutPrAuc: number;
  /** Mean k-fold ROC-AUC; null when the table was large enough for the hold-out alone. */
  cvRocAuc: number | null;
  cvRocAucStd: number | null;
  foldRocAuc: number[];
}

export interface ChurnMetrics {
  chosen: ChurnCandidate;
  rule: string;
  candidates: CandidateMetrics[];
  rocAuc: number;
  prAuc: number;
  cvRocAuc: number | null;
  positiveRate: number;
  /** Probability cut that maximised F1 on the hold-out (for "flag as at risk" decisions). */
  threshold: number;
  calibration: CalibrationBin[];
  brier: number;
  /** Hold-out ROC curve, thinned to at most 101 points for the report. */
  roc: { fpr: number[]; tpr: number[] };
  trainRows: number;
  testRows: number;
}

export interface TrainedChurnModel {
  model: ChurnModelState;
  metrics: ChurnMetrics;
  /** Global importance per feature (same order as the feature names), summing to 1. */
  importance: number[];
  /** Hold-out predictions of the chosen model, aligned with testRows. */
  holdout: { rows: number[]; probabilities: Float64Array };
}

/** Fits one candidate; gradient boosting builds its large histograms on the worker threads. */
async function fitCandidate(kind: ChurnCandidate, classWeight: 'balanced' | 'none', seed: number, X: DenseMatrix, y: ArrayLike<number>): Promise<LogisticRegression | HistGradientBoostingClassifier> {
  return kind === 'logistic' ? new LogisticRegression({ C: 1, classWeight }).fit(X, y) : new HistGradientBoostingClassifier({ classWeight, seed }).fitAsync(X, y);
}

/**
 * Trains L2 logistic regression and histogram gradient-boosted trees, compares them on a stratified
 * hold-out and stratified k-fold ROC-AUC, keeps the better by mean CV AUC (the steadier figure on
 * small tables; on large ones the hold-out AUC), and refits it on all rows when the table is small.
 * Metrics describe the hold-out.
 */
export async function trainChurnModel(X: DenseMatrix, y: ArrayLike<number>, options: TrainChurnOptions = {}): Promise<TrainedChurnModel> {
  const n = X.rows;
  const seed = options.seed ?? 0;
  const classWeight = options.classWeight ?? 'none';
  const test = options.testRows ?? churnHoldout(y, seed).test;
  const inTest = new Uint8Array(n);
  for (const r of test) inTest[r] = 1;
  const train: number[] = [];
  for (let i = 0; i < n; i++) if (!inTest[i]) train.push(i);
  const crossValidate = options.folds !== undefined || n <= (options.crossValidateUpTo ?? 20_000);
  const folds = crossValidate ? (options.folds ?? stratifiedKFold(y, 5, seed)) : new Int32Array(0);
  let k = 0;
  for (let i = 0; i < folds.length; i++) if (folds[i]! + 1 > k) k = folds[i]! + 1;
  const pick = (rows: number[]): number[] => rows.map((r) => y[r]);
  const Xtrain = takeRows(X, train), Xtest = takeRows(X, test), ytrain = pick(train), ytest = pick(test);
  const candidates: CandidateMetrics[] = [];
  const holdoutScores = new Map<ChurnCandidate, Float64Array>();
  const holdoutModels = new Map<ChurnCandidate, ChurnModelState>();
  for (const kind of options.candidates ?? ['logistic', 'gbt']) {
    const fitted = await fitCandidate(kind, classWeight, seed, Xtrain, ytrain);
    const p = fitted.predictProba(Xtest);
    holdoutScores.set(kind, p);
    holdoutModels.set(kind, fitted.toJSON() as ChurnModelState);
    const foldRocAuc: number[] = [];
    for (let f = 0; f < k; f++) {
      const tr: number[] = [], te: number[] = [];
      for (let i = 0; i < n; i++) (folds[i] === f ? te : tr).push(i);
      const pf = (await fitCandidate(kind, classWeight, seed, takeRows(X, tr), pick(tr))).predictProba(takeRows(X, te));
      foldRocAuc.push(rocAuc(pick(te), pf));
    }
    const mean = k > 0 ? foldRocAuc.reduce((a, b) => a + b, 0) / k : null;
    const std = mean !== null ? Math.sqrt(foldRocAuc.reduce((a, b) => a + (b - mean) ** 2, 0) / k) : null;
    candidates.push({ kind, holdoutRocAuc: rocAuc(ytest, p), holdoutPrAuc: averagePrecision(ytest, p), cvRocAuc: mean, cvRocAucStd: std, foldRocAuc });
  }
  const score = (c: CandidateMetrics) => (crossValidate ? c.cvRocAuc! : c.holdoutRocAuc);
  const best = candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
  // Small tables gain from the last 20 % of rows, so the winner is refit on all of them. Large ones
  // keep the model trained on the 80 %: a refit would barely change it, and the hold-out figures
  // then describe exactly the model that scores customers.
  const model = crossValidate ? ((await fitCandidate(best.kind, classWeight, seed, X, Array.from(y))).toJSON() as ChurnModelState) : holdoutModels.get(best.kind)!;
  const p = holdoutScores.get(best.kind)!;
  const cal = calibrationBins(ytest, p, 10);
  const curve = rocCurve(ytest, p);
  const step = Math.max(1, Math.ceil(curve.fpr.length / 100));
  const keep = curve.fpr.map((_, i) => i).filter((i) => i % step === 0 || i === curve.fpr.length - 1);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  return {
    model,
    importance: churnFeatureImportance(model),
    holdout: { rows: test, probabilities: p },
    metrics: {
      chosen: best.kind,
      rule: crossValidate
        ? 'highest mean stratified k-fold ROC-AUC'
        : `highest hold-out ROC-AUC (${n.toLocaleString('en-US')} labelled rows: the 20 % hold-out is steady without k-fold)`,
      candidates,
      rocAuc: best.holdoutRocAuc,
      prAuc: best.holdoutPrAuc,
      cvRocAuc: best.cvRocAuc,
      positiveRate: positives / n,
      threshold: bestF1Threshold(ytest, p),
      calibration: cal.bins,
      brier: cal.brier,
      roc: { fpr: keep.map((i) => curve.fpr[i]), tpr: keep.map((i) => curve.tpr[i]) },
      trainRows: train.length,
      testRows: test.length,
    },
  };
}

function bestF1Threshold(y: number[], p: Float64Array): number {
  const order = Array.from(p.keys()).sort((a, b) => p[b] - p[a]);
  const P = y.reduce((a, b) => a + b, 0);
  let tp = 0, best = 0, threshold = 0.5;
  order.forEach((r, i) => {
    tp += y[r];
    const f1 = (2 * tp) / (i + 1 + P);
    if (f1 > best && (i === order.length - 1 || p[order[i + 1]] !== p[r])) { best = f1; threshold = p[r]; }
  });
  return threshold;
}
