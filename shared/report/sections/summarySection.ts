import type { ReportInput, ReportSegment } from '../ReportInput';
import { reportFormat } from '../reportFormat';
import { html, type SafeHtml } from '../SafeHtml';
import { segmentColor } from '../segmentPalette';
import { reportGoal, type ReportSummary } from '../summarizeReport';
import { reportWords, valueAtStakeLabel, type ReportWords } from '../reportLanguage';
import { displayLabel } from '../../segments/displayLabel';
import { reportModelWords } from '../reportModelWords';
import { warningNote } from './warningNote';

/** The first screen: the findings in words, key figures, and one card per segment in priority order. */
export function summarySection(input: ReportInput, summary: ReportSummary): SafeHtml {
  const churn = input.churn;
  const words = summary.wording;
  const lang = reportWords[input.language ?? 'en'];
  const figures: [string, string][] = [
    [lang.customers, reportFormat.count(input.run.rows)],
    [lang.segments, reportFormat.count(input.segments.length)],
    // Without a churn signal there is no probability to show, not one of 0 %.
    ...(churn && (input.language ?? 'en') === 'en' ? ([[`Mean ${words.probability}`, reportFormat.percent(summary.overallChurnProbability)]] as [string, string][]) : []),
    [lang.meanSilhouette, reportFormat.decimal(summary.overallSilhouette)],
  ];
  if (churn && !churn.heuristic) {
    // A near-perfect hold-out AUC is a symptom, not an achievement: the figure carries its doubt.
    const doubtful = summary.warnings.length > 0;
    figures.push([lang.sections.rocFigure(reportModelWords(input).heading, doubtful), reportFormat.decimal(churn.metrics.rocAuc, 3)]);
  }
  const stake = valueAtStakeLabel(lang, reportGoal(input), input.valueColumn, churn !== undefined);
  const cards = [...input.segments].sort((a, b) => a.priority - b.priority).map((s) => segmentCard(s, summary, churn !== undefined, lang, stake, input));
  return html`<section id="summary">
<p class="headline">${summary.headline}</p>
${summary.warnings.map((w) => warningNote(w, lang.sections.warning))}
<ul class="points">${summary.points.map((p) => html`<li>${p}</li>`)}</ul>
<div class="figures">${figures.map(
    ([label, value]) => html`<div class="figure"><div class="value">${value}</div><div class="label">${label}</div></div>`,
  )}</div>
<h3>${lang.inOrder}</h3>
<div class="cards">${cards}</div>
</section>`;
}

function segmentCard(s: ReportSegment, summary: ReportSummary, scored: boolean, lang: ReportWords, stake: string, input: ReportInput): SafeHtml {
  const drivers = [...s.distinguishing].sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, 3);
  const english = (input.language ?? 'en') === 'en';
  const goal = lang.goal[reportGoal(input)];
  const words = english ? summary.wording : { probability: goal.probability, rate: goal.rate };
  // A segment without a mean probability says nothing of it rather than showing an empty figure.
  const probability = scored && s.meanChurnProbability !== null ? ` · ${words.probability} ${reportFormat.percent(s.meanChurnProbability)}` : '';
  const churn = s.churnRate === undefined ? '' : `, ${words.rate} ${reportFormat.percent(s.churnRate)}`;
  const atStake = s.valueAtStake === undefined ? '' : ` · ${stake}: ${reportFormat.measure(s.valueAtStake)}`;
  return html`<article class="card" style="--swatch: ${segmentColor(s.segment)}">
<h3>${s.segment} · ${s.name}${s === summary.actFirst ? html`<span class="badge">${lang.actFirstBadge}</span>` : ''}</h3>
<p class="stats">${lang.cardStats(reportFormat.count(s.size), reportFormat.percent(s.share), s.priority)}${probability}${churn}${s.value === undefined ? '' : ` · ${lang.value} ${reportFormat.measure(s.value)}`}${atStake}</p>
${drivers.length ? html`<ul>${drivers.map((d) => html`<li>${driverWords(lang, displayLabel(d.feature, input.labels), d.z)}</li>`)}</ul>` : ''}
<p class="action"><strong>${lang.suggestedAction}</strong> ${s.suggestedAction}</p>
</article>`;
}

/** z-scores in words a marketer reads at a glance, the feature under its display label. */
function driverWords(lang: ReportWords, label: string, z: number): string {
  const size = Math.abs(z) >= 1.5 ? 'much' : Math.abs(z) >= 0.5 ? 'plain' : 'slightly';
  return lang.driver(label, size, z >= 0, reportFormat.signed(z));
}
