import { pcaMapChart } from '../charts/pcaMapChart';
import { segmentProfileChart } from '../charts/segmentProfileChart';
import { segmentSilhouetteChart } from '../charts/segmentSilhouetteChart';
import type { ReportInput, ReportSegment } from '../ReportInput';
import { renderVegaLiteSvg } from '../renderVegaLiteSvg';
import { reportFormat } from '../reportFormat';
import { html, type SafeHtml } from '../SafeHtml';
import { segmentColor } from '../segmentPalette';
import type { ReportSummary } from '../summarizeReport';
import { chartFigure } from './chartFigure';

/** The segments table, their profiles, how well they separate, and where they sit on the PCA map. */
export async function segmentsSection(input: ReportInput, summary: ReportSummary): Promise<SafeHtml> {
  const ordered = [...input.segments].sort((a, b) => a.segment - b.segment);
  const hasChurnRate = ordered.some((s) => s.churnRate !== undefined);
  // No churn signal: no probability column, rather than a column of 0 %.
  const scored = input.churn !== undefined;
  const words = summary.wording;
  const valueName = input.valueColumn ? `value (${input.valueColumn})` : 'value';
  const priorityRule = !scored
    ? input.valueColumn ? `highest ${valueName} first` : 'input order: no churn signal and no value column'
    : input.valueColumn === null ? `${words.score} alone: no value column` : `${words.score} × ${valueName}`;
  const hasValue = ordered.some((s) => s.value !== undefined);
  const hasSilhouette = ordered.some((s) => s.silhouette !== undefined);
  const [profile, silhouette, pca] = await Promise.all([
    renderVegaLiteSvg(segmentProfileChart(ordered), 'Segment profiles: distinguishing z-scores by segment and feature'),
    hasSilhouette
      ? renderVegaLiteSvg(segmentSilhouetteChart(ordered, summary.overallSilhouette), 'Mean silhouette by segment')
      : undefined,
    input.pca.points.length
      ? renderVegaLiteSvg(pcaMapChart(input.pca, ordered), 'Customers on the first two principal components, coloured by segment')
      : undefined,
  ]);
  const variance = input.pca.explainedVarianceRatio.slice(0, 2).reduce((a, b) => a + b, 0);
  return html`<section id="segments">
<h2>Segments</h2>
<p class="lede">Every customer belongs to exactly one segment. Priority 1 is the segment to act on first (${priorityRule}); the suggested actions are on the cards above.</p>
<div class="table-wrap"><table>
<thead><tr><th>Segment</th><th class="num">Customers</th><th class="num">Share</th>${hasChurnRate ? html`<th class="num">${capitalize(words.rate)}</th>` : ''}${scored ? html`<th class="num">${capitalize(words.probability)}</th>` : ''}${hasValue ? html`<th class="num">${input.valueColumn ? `Value (${input.valueColumn})` : 'Value'}</th>` : ''}<th class="num">Priority</th>${hasSilhouette ? html`<th class="num">Silhouette</th>` : ''}<th>Stands out by</th></tr></thead>
<tbody>${ordered.map(
    (s) => html`<tr><td class="segment"><span class="swatch" style="background:${segmentColor(s.segment)}"></span>${s.segment} · ${s.name}</td><td class="num">${reportFormat.count(s.size)}</td><td class="num">${reportFormat.percent(s.share)}</td>${hasChurnRate ? html`<td class="num">${reportFormat.percent(s.churnRate)}</td>` : ''}${scored ? html`<td class="num">${reportFormat.percent(s.meanChurnProbability)}</td>` : ''}${hasValue ? html`<td class="num">${reportFormat.measure(s.value)}</td>` : ''}<td class="num">${s.priority}</td>${hasSilhouette ? html`<td class="num">${reportFormat.decimal(s.silhouette)}</td>` : ''}<td class="drivers">${topDrivers(s)}</td></tr>`,
  )}</tbody>
</table></div>
${chartFigure('Segment profiles', 'How far each segment’s average sits from the average customer, in standard deviations (z). Orange is above average, blue below.', profile, 'chart wide')}
${pca ? chartFigure('Segment map (PCA)', `Each dot is a customer (${reportFormat.count(input.pca.points.length)} shown); the two axes keep ${reportFormat.percent(variance)} of the variation in the data. Segments that overlap here may still differ in features this view leaves out.`, pca, 'chart wide') : ''}
${silhouette ? chartFigure('Silhouette by segment', 'Near 1: customers sit well inside their segment; near 0: on the border with another; below 0: closer to another segment. The dashed line is the mean over all customers (−1 to 1, higher is better separated).', silhouette) : ''}
${centroidTable(ordered)}
</section>`;
}

function topDrivers(s: ReportSegment): SafeHtml {
  const top = [...s.distinguishing].sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, 3);
  return html`${top.map((d) => html`<div>${d.feature} ${reportFormat.signed(d.z)}</div>`)}`;
}

/** Centroids in the data's own units, so a segment can be described without the CSV. */
function centroidTable(ordered: ReportSegment[]): SafeHtml {
  const features = [...new Set(ordered.flatMap((s) => Object.keys(s.centroid)))];
  if (features.length === 0) return html``;
  return html`<h3>Segment averages</h3>
<p class="note">The centre of each segment in the data’s own units (one-hot columns read as shares).</p>
<div class="table-wrap"><table class="centroids">
<thead><tr><th>Feature</th>${ordered.map((s) => html`<th class="num"><span class="swatch" style="background:${segmentColor(s.segment)}"></span>${s.segment}</th>`)}</tr></thead>
<tbody>${features.map(
    (f) => html`<tr><td>${f}</td>${ordered.map((s) => html`<td class="num">${reportFormat.measure(s.centroid[f])}</td>`)}</tr>`,
  )}</tbody>
</table></div>`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
