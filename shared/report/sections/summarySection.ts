import type { ReportInput, ReportSegment } from '../ReportInput';
import { reportFormat } from '../reportFormat';
import { html, type SafeHtml } from '../SafeHtml';
import { segmentColor } from '../segmentPalette';
import type { ReportSummary } from '../summarizeReport';
import { warningNote } from './warningNote';

/** The first screen: the findings in words, key figures, and one card per segment in priority order. */
export function summarySection(input: ReportInput, summary: ReportSummary): SafeHtml {
  const churn = input.churn;
  const words = summary.wording;
  const figures: [string, string][] = [
    ['Customers', reportFormat.count(input.run.rows)],
    ['Segments', reportFormat.count(input.segments.length)],
    // Without a churn signal there is no probability to show, not one of 0 %.
    ...(churn ? ([[`Mean ${words.probability}`, reportFormat.percent(summary.overallChurnProbability)]] as [string, string][]) : []),
    ['Mean silhouette', reportFormat.decimal(summary.overallSilhouette)],
  ];
  if (churn && !churn.heuristic) {
    // A near-perfect hold-out AUC is a symptom, not an achievement: the figure carries its doubt.
    const doubtful = summary.warnings.length > 0;
    figures.push([`${words.model} ROC AUC${doubtful ? ' — too good to be true' : ''}`, reportFormat.decimal(churn.metrics.rocAuc, 3)]);
  }
  const cards = [...input.segments].sort((a, b) => a.priority - b.priority).map((s) => segmentCard(s, summary, churn !== undefined));
  return html`<section id="summary">
<p class="headline">${summary.headline}</p>
${summary.warnings.map((w) => warningNote(w))}
<ul class="points">${summary.points.map((p) => html`<li>${p}</li>`)}</ul>
<div class="figures">${figures.map(
    ([label, value]) => html`<div class="figure"><div class="value">${value}</div><div class="label">${label}</div></div>`,
  )}</div>
<h3>Segments, in the order to act on them</h3>
<div class="cards">${cards}</div>
</section>`;
}

function segmentCard(s: ReportSegment, summary: ReportSummary, scored: boolean): SafeHtml {
  const drivers = [...s.distinguishing].sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, 3);
  const words = summary.wording;
  // A segment without a mean probability says nothing of it rather than showing an empty figure.
  const probability = scored && s.meanChurnProbability !== null ? ` · ${words.probability} ${reportFormat.percent(s.meanChurnProbability)}` : '';
  const churn = s.churnRate === undefined ? '' : `, ${words.rate} ${reportFormat.percent(s.churnRate)}`;
  return html`<article class="card" style="--swatch: ${segmentColor(s.segment)}">
<h3>${s.segment} · ${s.name}${s === summary.actFirst ? html`<span class="badge">act first</span>` : ''}</h3>
<p class="stats">${reportFormat.count(s.size)} customers (${reportFormat.percent(s.share)}) · priority ${s.priority}${probability}${churn}${s.value === undefined ? '' : ` · value ${reportFormat.measure(s.value)}`}</p>
${drivers.length ? html`<ul>${drivers.map((d) => html`<li>${driverWords(d.feature, d.z)}</li>`)}</ul>` : ''}
<p class="action"><strong>Suggested action:</strong> ${s.suggestedAction}</p>
</article>`;
}

/** z-scores in words a marketer reads at a glance. */
function driverWords(feature: string, z: number): string {
  const size = Math.abs(z) >= 1.5 ? 'much ' : Math.abs(z) >= 0.5 ? '' : 'slightly ';
  return `${feature}: ${size}${z >= 0 ? 'higher' : 'lower'} than average (z ${reportFormat.signed(z)})`;
}
