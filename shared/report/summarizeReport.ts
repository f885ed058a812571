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
}

/** The words at the top of the report: what a reader needs before any chart. */
export function summarizeReport(input: ReportInput): ReportSummary {
  const { run, segments } = input;
  const total = segments.reduce((sum, s) => sum + s.size, 0);
  const overallChurnProbability = weightedMean(segments, (s) => s.meanChurnProbability);
  const overallSilhouette = weightedMean(segments, (s) => s.silhouette);
  const files = run.sourceFiles.length === 1 ? run.sourceFiles[0] : `${run.sourceFiles.length} files`;
  const headline =
    `${reportFormat.count(run.rows)} customers from ${files} were grouped into ` +
    `${segments.length} segment${segments.length === 1 ? '' : 's'}.`;

  const points: string[] = [];
  const byPriority = [...segments].sort((a, b) => a.priority - b.priority);
  const actFirst = byPriority[0];
  if (actFirst) {
    const risk =
      overallChurnProbability === undefined
        ? ''
        : `, mean churn probability ${reportFormat.percent(actFirst.meanChurnProbability)} against ` +
          `${reportFormat.percent(overallChurnProbability)} across all customers`;
    points.push(
      `Act first on segment ${actFirst.segment} “${actFirst.name}”: ${reportFormat.count(actFirst.size)} customers ` +
        `(${reportFormat.percent(actFirst.share)})${risk}. ${sentence(actFirst.suggestedAction)}`,
    );
  }
  const riskiest = [...segments].sort((a, b) => b.meanChurnProbability - a.meanChurnProbability)[0];
  if (riskiest && actFirst && riskiest.segment !== actFirst.segment) {
    points.push(
      `Highest churn risk: segment ${riskiest.segment} “${riskiest.name}” ` +
        `(mean churn probability ${reportFormat.percent(riskiest.meanChurnProbability)}, ` +
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
  if (churn && churn.heuristic) {
    points.push(`No churn label was given, so churn risk is a heuristic score: ${lowerFirst(sentence(churn.description))}`);
  } else if (churn) {
    points.push(
      `Churn is scored by a ${churn.model} model${churn.target ? ` trained on “${churn.target}”` : ''}: ` +
        `ROC AUC ${reportFormat.decimal(churn.metrics.rocAuc, 3)}, PR AUC ${reportFormat.decimal(churn.metrics.prAuc, 3)}.`,
    );
  }
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
  return { headline, points, actFirst, overallChurnProbability, overallSilhouette };
}

function weightedMean(segments: ReportSegment[], pick: (s: ReportSegment) => number | undefined): number | undefined {
  let sum = 0;
  let weight = 0;
  for (const s of segments) {
    const v = pick(s);
    if (v === undefined || !Number.isFinite(v)) continue;
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
