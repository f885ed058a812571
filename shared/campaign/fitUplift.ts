import { takeRows, type DenseMatrix } from '../ml/DenseMatrix';
import { HistGradientBoostingClassifier } from '../ml/HistGradientBoostingClassifier';
import { LogisticRegression } from '../ml/LogisticRegression';
import { stratifiedTrainTestSplit } from '../ml/stratifiedSplit';
import { qiniCurve, type QiniSummary } from './qiniCurve';

/** The learner of each arm's and control's outcome model. */
export type UpliftModel = 'HistGradientBoosting' | 'LogisticRegression';

/** Which way the campaign wants the target to move: down for churn, up otherwise. */
export type UpliftDirection = 1 | -1;

export interface ArmUplift {
  arm: string;
  /** Customers of the arm and of control that trained the two models. */
  trainTreated: number;
  trainControl: number;
  /** The Qini curve on held-out customers of this arm and control, ranked by this arm's estimate. */
  heldOut: QiniSummary;
  /** Mean estimate over every customer (change in the positive outcome's probability). */
  meanUplift: number;
}

export interface UpliftFit {
  method: 'two-model';
  model: UpliftModel;
  arms: ArmUplift[];
  /** Arms without enough customers to fit, and why. */
  skipped: { arm: string; reason: string }[];
  /** customers × arms (the order of `arms`): each arm's estimated change in the positive outcome's probability. */
  perArm: Float64Array;
  /** The estimate of the arm that helps the customer most (the campaign's direction), and that arm's index. */
  best: Float64Array;
  bestArm: Int32Array;
  /** Held-out share of the rows of every arm and of control. */
  testShare: number;
}

const minimumArmRows = 30;

/**
 * Two-model (T-learner) uplift: per arm, one model of the target on that arm's customers and one on
 * control's; a customer's uplift is the difference of the two predicted probabilities. Fitted on a
 * stratified 70 % of each arm and control; the held-out 30 % gives each arm's Qini curve and AUUC
 * against random targeting, so those figures come from customers the models never saw.
 * `arm` per row: 0 = control, 1..arms = the named arms, −1 = not in the experiment; `y` NaN = unknown.
 * Gradient-boosted trees by default: an effect confined to one kind of customer is an interaction a
 * pair of logistic regressions can only approximate.
 */
export function fitUplift(
  X: DenseMatrix,
  y: Float64Array,
  arm: Int32Array,
  armNames: string[],
  direction: UpliftDirection,
  options: { seed?: number; testShare?: number; model?: UpliftModel } = {},
): UpliftFit {
  const seed = options.seed ?? 0, testShare = options.testShare ?? 0.3, model = options.model ?? 'HistGradientBoosting';
  const n = X.rows;
  const usable: number[] = [];
  for (let i = 0; i < n; i++) if (arm[i]! >= 0 && !Number.isNaN(y[i]!)) usable.push(i);
  const strata = Float64Array.from(usable, (i) => arm[i]! * 2 + (y[i]! > 0 ? 1 : 0));
  const split = stratifiedTrainTestSplit(strata, testShare, seed);
  const train = split.train.map((k) => usable[k]!), test = split.test.map((k) => usable[k]!);
  const fitOn = (rows: number[]) => {
    const Xr = takeRows(X, rows), yr = Float64Array.from(rows, (i) => (y[i]! > 0 ? 1 : 0));
    // Shallow, well-regularised trees: the two models' difference is the estimate, and noise in either is noise in it.
    return model === 'HistGradientBoosting'
      ? new HistGradientBoostingClassifier({ maxLeafNodes: 8, minSamplesLeaf: 50, learningRate: 0.1, maxIter: 100, seed }).fit(Xr, yr)
      : new LogisticRegression({ C: 1 }).fit(Xr, yr);
  };
  const trainOf = (a: number) => train.filter((i) => arm[i] === a);
  const controlRows = trainOf(0);
  const controlProblem = fitProblem(controlRows, y);
  const controlModel = controlProblem ? undefined : fitOn(controlRows);
  const pControl = controlModel?.predictProba(X);

  const arms: ArmUplift[] = [];
  const skipped: UpliftFit['skipped'] = [];
  const estimates: Float64Array[] = [];
  armNames.forEach((name, a) => {
    const rows = trainOf(a + 1);
    const problem = controlProblem ? `control: ${controlProblem}` : fitProblem(rows, y);
    if (problem || !pControl) return skipped.push({ arm: name, reason: problem ?? 'no control model' });
    const pArm = fitOn(rows).predictProba(X);
    const uplift = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += uplift[i] = pArm[i]! - pControl[i]!;
    const held = test.filter((i) => arm[i] === 0 || arm[i] === a + 1);
    const heldOut = qiniCurve(
      Float64Array.from(held, (i) => direction * uplift[i]!),
      Float64Array.from(held, (i) => (direction > 0 ? (y[i]! > 0 ? 1 : 0) : y[i]! > 0 ? 0 : 1)),
      Uint8Array.from(held, (i) => (arm[i] === a + 1 ? 1 : 0)),
    );
    arms.push({ arm: name, trainTreated: rows.length, trainControl: controlRows.length, heldOut, meanUplift: sum / Math.max(1, n) });
    estimates.push(uplift);
  });

  const m = estimates.length;
  const perArm = new Float64Array(n * m);
  const best = new Float64Array(n).fill(NaN);
  const bestArm = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < m; a++) {
      const u = estimates[a]![i]!;
      perArm[i * m + a] = u;
      if (bestArm[i]! < 0 || direction * u > direction * best[i]!) { best[i] = u; bestArm[i] = a; }
    }
  }
  return { method: 'two-model', model, arms, skipped, perArm, best, bestArm, testShare };
}

/** Why a group cannot train a model of the target, or undefined when it can. */
function fitProblem(rows: number[], y: Float64Array): string | undefined {
  if (rows.length < minimumArmRows) return `${rows.length} customers to train on; at least ${minimumArmRows} are needed`;
  const positive = rows.reduce((s, i) => s + (y[i]! > 0 ? 1 : 0), 0);
  if (positive === 0 || positive === rows.length) return 'every customer has the same outcome';
  return undefined;
}
