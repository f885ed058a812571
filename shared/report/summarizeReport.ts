import type { Goal } from '../ingest/Schema';
import { goalWording, type GoalWording } from '../segments/goalWording';
import { reportWords, valueAtStakeLabel } from './reportLanguage';
import type { ReportInput, ReportSegment } from './ReportInput';
import { reportFormat } from './reportFormat';

export interface ReportSummary {
  /** One sentence: how many customers, how many segments. */
  headline: string;
  /** Plain-language findings, most important first. */
  points: string[];
  /** The segment to act on first (priority 1), if any. */
  actFirst?: ReportSegment;
  /** Size-weighted mean churn probability over all customers. */
  overallChurnProbability?: number;
  /** Size-weighted mean of the segments' silhouettes. */
  overallSilhouette?: number;
  /** Shown with the headline: what must temper the reading of the results (e.g. a model too good to be true). */
  warnings: string[];
  /** The words the run's goal uses (churn, conversion, neutral). */
  wording: GoalWording;
}

/**
 * The words for the run's goal. Without a target the only score is the heuristic churn risk (or
 * none), so the words are churn's; a report without a goal speaks of churn, as before goals existed.
 */
export function reportWording(input: ReportInput): GoalWording {
  const churnTarget = input.churn && !input.churn.heuristic ? input.churn.target : undefined;
  return goalWording({
    goal: reportGoal(input),
    ...(input.outcome ? { target: input.outcome.target, positive: input.outcome.positive } : churnTarget ? { target: churnTarget } : {}),
  });
}

/** The goal the report speaks of: the run's when it has a target, else churn (the heuristic risk's). */
export function reportGoal(input: ReportInput): Goal {
  const churnTarget = input.churn && !input.churn.heuristic ? input.churn.target : undefined;
  return input.outcome !== undefined || churnTarget !== undefined ? (input.goal ?? 'churn') : 'churn';
}

/** The words at the top of the report: what a reader needs before any chart. */
export function summarizeReport(input: ReportInput): ReportSummary {
  const { run, segments } = input;
  const total = segments.reduce((sum, s) => sum + s.size, 0);
  const wording = reportWording(input);
  // Without any churn signal there is no probability to average, not a probability of 0.
  const overallChurnProbability = input.churn ? weightedMean(segments, (s) => s.meanChurnProbability) : undefined;
  const overallSilhouette = weightedMean(segments, (s) => s.silhouette);
  const files = run.sourceFiles.length === 1 ? run.sourceFiles[0] : `${run.sourceFiles.length} files`;
  const language = input.language ?? 'en';
  const headline = reportWords[language].headline(reportFormat.count(run.rows), files!, segments.length);

  const points: string[] = [];
  const byPriority = [...segments].sort((a, b) => a.priority - b.priority);
  const actFirst = byPriority[0];
  if (actFirst) {
    const risk =
      overallChurnProbability === undefined || actFirst.meanChurnProbability === null
        ? ''
        : `, mean ${wording.probability} ${reportFormat.percent(actFirst.meanChurnProbability)} against ` +
          `${reportFormat.percent(overallChurnProbability)} across all customers`;
    points.push(
      reportWords[language].actFirstPoint(actFirst.segment, actFirst.name, reportFormat.count(actFirst.size), reportFormat.percent(actFirst.share)) +
        `${language === 'en' ? risk : ''}. ${sentence(actFirst.suggestedAction)}`,
    );
  }
  const most = [...segments].filter((s) => s.valueAtStake !== undefined).sort((a, b) => b.valueAtStake! - a.valueAtStake!)[0];
  if (most && language === 'en') {
    points.push(reportWords.en.stakePoint(valueAtStakeLabel(reportWords.en, reportGoal(input), input.valueColumn, input.churn !== undefined), reportFormat.measure(most.valueAtStake), most.segment));
  }
  const riskiest = input.churn ? scoredSegments(segments).sort((a, b) => b.meanChurnProbability - a.meanChurnProbability)[0] : undefined;
  if (riskiest && actFirst && riskiest.segment !== actFirst.segment) {
    points.push(
      `${wording.highest}: segment ${riskiest.segment} “${riskiest.name}” ` +
        `(mean ${wording.probability} ${reportFormat.percent(riskiest.meanChurnProbability)}, ` +
        `${reportFormat.count(riskiest.size)} customers). ${sentence(riskiest.suggestedAction)}`,
    );
  }
  const largest = [...segments].sort((a, b) => b.size - a.size)[0];
  if (largest && total > 0) {
    points.push(
      `The largest segment is ${largest.segment} “${largest.name}” with ${reportFormat.percent(largest.share)} of customers.`,
    );
  }
  points.push(
    `${input.kSelection.chosenK} segments were chosen: ${lowerFirst(sentence(input.kSelection.reason))}` +
      (overallSilhouette === undefined ? '' : ` Mean silhouette ${reportFormat.decimal(overallSilhouette)}.`),
  );
  const churn = input.churn;
  const warnings = churn && !churn.heuristic ? [...(churn.warnings ?? [])] : [...(input.oneVsRest?.warnings ?? [])];
  if (churn && churn.heuristic) {
    points.push(`No churn label was given, so churn risk is a heuristic score: ${lowerFirst(sentence(churn.description))}`);
  } else if (churn) {
    const classes = input.outcome && input.outcome.otherClasses > 1
      ? ` (“${input.outcome.positive}” vs the other ${input.outcome.otherClasses} classes)`
      : '';
    const figures = `ROC AUC ${reportFormat.decimal(churn.metrics.rocAuc, 3)}, PR AUC ${reportFormat.decimal(churn.metrics.prAuc, 3)}`;
    points.push(
      `${capitalize(wording.score)} is scored by a ${churn.model} model${churn.target ? ` trained on “${churn.target}”${classes}` : ''}: ` +
        (warnings.length ? `${figures}, which is too good to be true: see the warning above.` : `${figures}.`),
    );
  } else if (input.oneVsRest) {
    const m = input.oneVsRest;
    points.push(
      `One model per class of “${m.target}” predicts each customer's class (hold-out ROC AUC ` +
        `${m.classes.map((c) => `“${c.class}” ${reportFormat.decimal(c.rocAuc, 3)}`).join(', ')}); ` +
        'no single class is the outcome, so there is no churn probability.',
    );
  } else {
    points.push(
      'This data carries no churn signal: there is no target column and no recency or activity columns to estimate a risk from, ' +
        'so no customer gets a churn probability.',
    );
  }
  const priorityRule = priorityWords(input, wording);
  if (priorityRule) points.push(priorityRule);
  if (input.drift) {
    points.push(
      `Against the previous run ${input.drift.previousRunId}, segments ${driftWords(input.drift.ari)} ` +
        `(adjusted Rand index ${reportFormat.decimal(input.drift.ari)}).`,
    );
  }
  const quality = input.quality;
  const issues = quality.findings.length;
  points.push(
    `Data quality: ${issues === 0 ? 'no findings' : `${issues} finding${issues === 1 ? '' : 's'}`}` +
      `, ${reportFormat.count(quality.duplicatesRemoved)} duplicate row${quality.duplicatesRemoved === 1 ? '' : 's'} removed` +
      `, ${quality.droppedColumns.length} column${quality.droppedColumns.length === 1 ? '' : 's'} not used.`,
  );
  // Another language: the findings a marketer acts on, in their words; the model's details stay in its section.
  const spoken = language === 'en' ? points : localPoints(input, points[0], overallSilhouette);
  return { headline, points: spoken, actFirst, overallChurnProbability, overallSilhouette, warnings, wording };
}

function localPoints(input: ReportInput, actFirstPoint: string | undefined, silhouette: number | undefined): string[] {
  const words = reportWords[input.language ?? 'en'];
  const { segments, quality } = input;
  const points = actFirstPoint ? [actFirstPoint] : [];
  const most = [...segments].filter((s) => s.valueAtStake !== undefined).sort((a, b) => b.valueAtStake! - a.valueAtStake!)[0];
  if (most) points.push(words.stakePoint(valueAtStakeLabel(words, reportGoal(input), input.valueColumn, input.churn !== undefined), reportFormat.measure(most.valueAtStake), most.segment));
  const largest = [...segments].sort((a, b) => b.size - a.size)[0];
  if (largest) points.push(words.largestPoint(largest.segment, largest.name, reportFormat.percent(largest.share)));
  points.push(words.kPoint(input.kSelection.chosenK, reportFormat.decimal(silhouette)));
  points.push(words.qualityPoint(quality.findings.length, reportFormat.count(quality.duplicatesRemoved), quality.droppedColumns.length));
  return points;
}

/** How priority was ranked, and on which value column; nothing when the run did not say. */
function priorityWords(input: ReportInput, wording: GoalWording): string | undefined {
  if (input.valueColumn === undefined) return undefined;
  const value = input.valueColumn;
  if (input.churn) {
    const score = input.churn.heuristic ? 'the heuristic risk' : wording.score;
    return value
      ? `Priority ranks customers by ${score} × “${value}” (${wording.priorityMeaning}); “${value}” is the value column.`
      : `Priority ranks customers by ${score} alone: no value column was found (name one with "value" in manifest.json).`;
  }
  if (input.oneVsRest) {
    return value
      ? `Priority follows the value column “${value}”, highest first: with one model per class no single outcome is a risk to rank by.`
      : 'Priority is the input order: with one model per class no single outcome is a risk to rank by, and there is no value column (name one with "value" in manifest.json).';
  }
  return value
    ? `Priority follows the value column “${value}”, highest first: without a churn signal there is no risk to rank by.`
    : 'Priority is the input order: the data has neither a churn signal nor a value column (name one with "value" in manifest.json).';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The segments that carry a mean churn probability: a null one is no figure, not a risk of 0. */
function scoredSegments(segments: ReportSegment[]): (ReportSegment & { meanChurnProbability: number })[] {
  return segments.filter((s): s is ReportSegment & { meanChurnProbability: number } => s.meanChurnProbability !== null);
}

function weightedMean(segments: ReportSegment[], pick: (s: ReportSegment) => number | null | undefined): number | undefined {
  let sum = 0;
  let weight = 0;
  for (const s of segments) {
    const v = pick(s);
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    sum += v * s.size;
    weight += s.size;
  }
  return weight > 0 ? sum / weight : undefined;
}

/** Thresholds commonly read into the adjusted Rand index. */
function driftWords(ari: number): string {
  if (ari >= 0.9) return 'are nearly unchanged';
  if (ari >= 0.7) return 'changed a little';
  if (ari >= 0.4) return 'changed noticeably';
  return 'changed substantially: review them before acting on old segment names';
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
