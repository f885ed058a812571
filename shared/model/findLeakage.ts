import type { Schema } from '../ingest/Schema';
import type { Column, DateColumn, NumericColumn, StringColumn, Table } from '../ingest/Table';
import { rocAuc } from '../ml/rocAuc';
import { stratifiedKFold } from '../ml/stratifiedSplit';
import { cachedValueOrder } from '../roles/columnStats';

/** A feature the models must not see, and why. */
export interface LeakageFinding {
  column: string;
  /** Plain words, with the column's ROC AUC alone when it was measured. */
  reason: string;
  /** ROC AUC of the column alone on the training rows, as max(auc, 1 − auc); absent when it could not be measured. */
  auc?: number;
  /** What gave it away: its separation of the label, or its name. */
  basis: 'auc' | 'name';
}

/** The parts of the schema the guard reads: the label, the goal and the feature columns. */
export type LeakageSchema = Pick<Schema, 'target' | 'goal' | 'numeric' | 'categorical' | 'boolean' | 'date'>;

export interface FindLeakageOptions {
  /** Columns the manifest forces back in: never reported. */
  include?: string[];
  /** A column alone at or above this ROC AUC (either direction) is a leak; default 0.98. */
  threshold?: number;
  /** Seed of the folds that score categories out of fold; default 0. */
  seed?: number;
}

/**
 * Below this many positives or negatives among the training rows, a single column can separate
 * them perfectly by chance (two random columns of 5 vs 5 do so about one time in 126), so only the
 * names are judged.
 */
const minPerClass = 20;
const categoryFolds = 5;
const missingCategory = '\u0000missing';

/** Words in a column name that say it is another model's output about the outcome. */
const predictionWords = new Set([
  'predict', 'predicted', 'prediction', 'predictions', 'pred', 'yhat', 'probability', 'probabilities', 'prob', 'proba',
  'propensity', 'likelihood', 'classifier', 'вероятность', 'прогноз', 'предсказание', 'probabilidad', 'probabilidade',
  'prediccion', 'predicción', 'predicao', 'predição', 'previsao', 'previsão',
]);
/** "…_score" is another model's output only after these words; CreditScore or SatisfactionScore are facts about the customer. */
const scoredOutcomes = new Set(['churn', 'attrition', 'model', 'propensity', 'lead', 'conversion', 'response', 'uplift']);
/** The outcome itself, in a name… */
const outcomeWords = new Set([
  'churn', 'churned', 'attrition', 'exit', 'exited', 'cancel', 'cancellation', 'cancelled', 'canceled', 'termination',
  'terminated', 'departure', 'отток', 'уход',
]);
/** …together with what is written down only once it has happened. */
const afterOutcomeWords = new Set(['reason', 'category', 'date', 'value', 'label', 'flag', 'status', 'score', 'причина', 'дата']);

/**
 * Features that would hand the model the answer: a column that alone separates positives from
 * negatives almost perfectly on the training rows (univariate ROC-AUC, categories scored by their
 * positive rate), or whose name says it is another model's prediction or a record made after the
 * outcome (a churn reason or date; a call's duration when the goal is conversion, known only once
 * the call is over). Pure: the caller drops the columns and records the reasons.
 *
 * `labels` is 1/0 per row (null = unlabelled) and `trainRows` the rows the model trains on
 * (churnTrainingRows), so the guard never looks at the customers the model is measured on.
 */
export function findLeakage(
  table: Table,
  schema: LeakageSchema,
  labels: ArrayLike<0 | 1 | null>,
  trainRows: ArrayLike<number>,
  options: FindLeakageOptions = {},
): LeakageFinding[] {
  const include = new Set(options.include ?? []);
  const threshold = options.threshold ?? 0.98;
  const rows: number[] = [];
  for (let t = 0; t < trainRows.length; t++) if (labels[trainRows[t]!] !== null && labels[trainRows[t]!] !== undefined) rows.push(trainRows[t]!);
  const y = Float64Array.from(rows, (r) => labels[r]!);
  let positives = 0;
  for (const v of y) positives += v;
  const measurable = positives >= minPerClass && rows.length - positives >= minPerClass;
  const folds = measurable ? stratifiedKFold(y, categoryFolds, options.seed ?? 0) : new Int32Array(0);
  const outcome = schema.target ? `“${schema.target.column}” = ${schema.target.positive}` : 'the label';

  const features = new Set([...schema.numeric, ...schema.categorical, ...schema.boolean, ...schema.date]);
  const findings: LeakageFinding[] = [];
  for (const column of table.columns) {
    if (!features.has(column.name) || include.has(column.name)) continue;
    const auc = measurable ? separation(column, table.rowCount, rows, y, folds) : undefined;
    const measured = auc !== undefined ? ` (ROC AUC ${auc.toFixed(3)} on its own)` : '';
    const keep = ` Add it to "include" in manifest.json if it is truly known before the outcome.`;
    const named = nameSays(column.name, schema.goal);
    if (named === 'prediction') {
      findings.push({
        column: column.name, basis: 'name', ...(auc !== undefined ? { auc } : {}),
        reason: `Its name says it is another model's prediction or score of the outcome${measured}, not something known about the customer beforehand.${keep}`,
      });
    } else if (named === 'after-outcome') {
      findings.push({
        column: column.name, basis: 'name', ...(auc !== undefined ? { auc } : {}),
        reason: `Its name says it is recorded after the outcome (a reason, date or category of leaving)${measured}, so it cannot be known when the prediction is needed.${keep}`,
      });
    } else if (named === 'duration') {
      findings.push({
        column: column.name, basis: 'name', ...(auc !== undefined ? { auc } : {}),
        reason: `A call's duration is known only after the call${measured}, so it cannot help choose whom to contact.${keep}`,
      });
    } else if (auc !== undefined && auc >= threshold) {
      findings.push({
        column: column.name, basis: 'auc', auc,
        reason: `On its own it separates ${outcome} from the rest almost perfectly (ROC AUC ${auc.toFixed(3)} on the training rows): it most likely records the outcome itself or something known only after it.${keep}`,
      });
    }
  }
  return findings;
}

/**
 * max(auc, 1 − auc) of the column alone on the training rows. Numbers and dates rank by value, a
 * missing value placed below and then above all others (a column filled in only for leavers is
 * itself a leak), keeping the stronger. Categories rank by their positive rate, learned out of
 * fold: a rate learned on the very rows it scores would make any many-valued column look perfect.
 */
function separation(column: Column, n: number, rows: number[], y: Float64Array, folds: Int32Array): number | undefined {
  if (column.kind === 'string') return categorySeparation(column, rows, y, folds);
  const { distinct, ranks: rowRanks } = valueRanks(column, n);
  const ranks = new Int32Array(rows.length);
  let lo = Infinity, hi = -Infinity, missing = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = column.values[rows[i]!]!;
    ranks[i] = rowRanks[rows[i]!]!;
    if (Number.isNaN(v)) {
      missing++;
      continue;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (missing === rows.length) return undefined;
  const strength = (fill: number): number => {
    const auc = rankedAuc(ranks, y, distinct, fill);
    return Number.isNaN(auc) ? NaN : Math.max(auc, 1 - auc);
  };
  const best = missing === 0 ? strength(0) : Math.max(strength(lo - 1), strength(hi + 1));
  return Number.isNaN(best) ? undefined : best;
}

function categorySeparation(column: StringColumn, rows: number[], y: Float64Array, folds: Int32Array): number | undefined {
  const n = rows.length;
  const scores = new Float64Array(n);
  // Each category as a code in order of first appearance; counts per code in typed arrays.
  const codeOf = new Map<string, number>();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = column.values[rows[i]!] ?? missingCategory;
    let code = codeOf.get(key);
    if (code === undefined) codeOf.set(key, (code = codeOf.size));
    codes[i] = code;
  }
  const seen = new Float64Array(codeOf.size), positive = new Float64Array(codeOf.size);
  let totalPositives = 0;
  for (const v of y) totalPositives += v;
  for (let f = 0; f < categoryFolds; f++) {
    seen.fill(0);
    positive.fill(0);
    let inFold = 0, foldPositives = 0;
    for (let i = 0; i < n; i++) {
      if (folds[i] === f) { inFold++; foldPositives += y[i]!; continue; }
      seen[codes[i]!]++;
      positive[codes[i]!] += y[i]!;
    }
    // A category seen rarely is pulled toward the overall rate (one pseudo-customer of it).
    const prior = (totalPositives - foldPositives) / Math.max(1, n - inFold);
    for (let i = 0; i < n; i++) {
      if (folds[i] !== f) continue;
      const c = codes[i]!;
      scores[i] = seen[c]! > 0 ? (positive[c]! + prior) / (seen[c]! + 1) : prior;
    }
  }
  const auc = rocAuc(y, scores);
  return Number.isNaN(auc) ? undefined : Math.max(auc, 1 - auc);
}

/**
 * Each row's rank among the column's distinct values (-1 where missing), and those values ascending:
 * read off the order the column's stats were counted in, so nothing is sorted here. 0 and -0 are one
 * value, as rocAuc compares them.
 */
function valueRanks(column: NumericColumn | DateColumn, n: number): { ranks: Int32Array; distinct: Float64Array } {
  const order = cachedValueOrder(column, n);
  const ranks = new Int32Array(n).fill(-1);
  const distinct = new Float64Array(order.length);
  let count = 0;
  for (let k = 0; k < order.length; k++) {
    const v = column.values[order[k]!]!;
    if (count === 0 || v !== distinct[count - 1]) distinct[count++] = v;
    ranks[order[k]!] = count - 1;
  }
  return { ranks, distinct: distinct.subarray(0, count) };
}

/**
 * rocAuc of the ranked values (rank -1 = missing, scored as `fill`), counted per value instead of
 * sorted: each positive adds the negatives below it and half of those tied. Every term is a whole or
 * half number, so the sum is exact and equals rocAuc's, whatever the order it is added in.
 */
function rankedAuc(ranks: Int32Array, y: Float64Array, distinct: Float64Array, fill: number): number {
  // Slot 2r + 1 holds the r-th distinct value, even slots the gaps between them (where `fill` may fall).
  let at = 0;
  while (at < distinct.length && distinct[at]! < fill) at++;
  const fillSlot = at < distinct.length && distinct[at] === fill ? 2 * at + 1 : 2 * at;
  const positives = new Float64Array(2 * distinct.length + 1), negatives = new Float64Array(2 * distinct.length + 1);
  let P = 0;
  for (let i = 0; i < ranks.length; i++) {
    const slot = ranks[i]! < 0 ? fillSlot : 2 * ranks[i]! + 1;
    if (y[i] === 1) {
      positives[slot]++;
      P++;
    } else negatives[slot]++;
  }
  const N = ranks.length - P;
  if (P === 0 || N === 0) return NaN;
  let below = 0, sum = 0;
  for (let slot = 0; slot < positives.length; slot++) {
    if (positives[slot]! > 0) sum += positives[slot]! * (below + negatives[slot]! / 2);
    below += negatives[slot]!;
  }
  return sum / (P * N);
}

/** What a column's name alone says about it, by its words (split at separators and camelCase). */
function nameSays(name: string, goal: Schema['goal']): 'prediction' | 'after-outcome' | 'duration' | undefined {
  const words = name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  const joined = words.join('');
  if (words.some((w) => predictionWords.has(w)) || joined.includes('naivebayes')) return 'prediction';
  for (let i = 1; i < words.length; i++) if (words[i] === 'score' && scoredOutcomes.has(words[i - 1]!)) return 'prediction';
  if (words.some((w) => outcomeWords.has(w)) && words.some((w) => afterOutcomeWords.has(w))) return 'after-outcome';
  if (goal === 'conversion' && words.includes('duration')) return 'duration';
  return undefined;
}
