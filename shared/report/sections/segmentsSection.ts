import { pcaMapChart } from '../charts/pcaMapChart';
import { segmentProfileChart } from '../charts/segmentProfileChart';
import { segmentSilhouetteChart } from '../charts/segmentSilhouetteChart';
import type { ReportInput, ReportSegment } from '../ReportInput';
import { renderVegaLiteSvg } from '../renderVegaLiteSvg';
import { reportFormat } from '../reportFormat';
import { html, type SafeHtml } from '../SafeHtml';
import { segmentColor } from '../segmentPalette';
import { reportGoal, type ReportSummary } from '../summarizeReport';
import { reportWords, valueAtStakeLabel, type ReportWords } from '../reportLanguage';
import { displayLabel } from '../../segments/displayLabel';
import type { RfmCrossCell } from '../../segments/rfmCrossTable';
import { chartFigure } from './chartFigure';

/** The segments table, their profiles, how well they separate, and where they sit on the PCA map. */
export async function segmentsSection(input: ReportInput, summary: ReportSummary): Promise<SafeHtml> {
  const ordered = [...input.segments].sort((a, b) => a.segment - b.segment);
  const hasChurnRate = ordered.some((s) => s.churnRate !== undefined);
  // No churn signal: no probability column, rather than a column of 0 %.
  const scored = input.churn !== undefined;
  const english = (input.language ?? 'en') === 'en';
  const lang = reportWords[input.language ?? 'en'];
  const words = english ? summary.wording : { ...summary.wording, ...lang.goal[reportGoal(input)] };
  const hasStake = ordered.some((s) => s.valueAtStake !== undefined);
  const stake = valueAtStakeLabel(lang, reportGoal(input), input.valueColumn, scored);
  const valueName = input.valueColumn ? `value (${input.valueColumn})` : 'value';
  const priorityRule = !scored
    ? input.valueColumn ? `highest ${valueName} first` : 'input order: no churn signal and no value column'
    : input.valueColumn === null ? `${words.score} alone: no value column` : `${words.score} × ${valueName}`;
  const hasValue = ordered.some((s) => s.value !== undefined);
  const hasSilhouette = ordered.some((s) => s.silhouette !== undefined);
  const charts = lang.sections.segmentCharts;
  const [profile, silhouette, pca] = await Promise.all([
    renderVegaLiteSvg(segmentProfileChart(ordered, lang.sections.charts), charts.profileAria),
    hasSilhouette
      ? renderVegaLiteSvg(segmentSilhouetteChart(ordered, summary.overallSilhouette, lang.sections.charts), charts.silhouetteAria)
      : undefined,
    input.pca.points.length
      ? renderVegaLiteSvg(pcaMapChart(input.pca, ordered, lang.sections.charts), charts.mapAria)
      : undefined,
  ]);
  const variance = input.pca.explainedVarianceRatio.slice(0, 2).reduce((a, b) => a + b, 0);
  return html`<section id="segments">
<h2>${lang.segments}</h2>
<p class="lede">${english ? `Every customer belongs to exactly one segment. Priority 1 is the segment to act on first (${priorityRule}); the suggested actions are on the cards above.` : lang.lede}</p>
<div class="table-wrap"><table class="segments">
<thead><tr><th>${lang.segments}</th><th class="num">${lang.customers}</th><th class="num">${lang.share}</th>${hasChurnRate ? html`<th class="num">${capitalize(words.rate)}</th>` : ''}${scored ? html`<th class="num">${capitalize(words.probability)}</th>` : ''}${hasValue ? html`<th class="num">${capitalize(lang.value)}${input.valueColumn ? ` (${displayLabel(input.valueColumn, input.labels)})` : ''}</th>` : ''}${hasStake ? html`<th class="num">${stake}</th>` : ''}<th class="num">${lang.priority}</th>${hasSilhouette ? html`<th class="num">${lang.silhouette}</th>` : ''}<th>${lang.standsOutBy}</th></tr></thead>
<tbody>${ordered.map(
    (s) => html`<tr><td class="segment"><span class="swatch" style="background:${segmentColor(s.segment)}"></span>${s.segment} · ${s.name}</td><td class="num">${reportFormat.count(s.size)}</td><td class="num">${reportFormat.percent(s.share)}</td>${hasChurnRate ? html`<td class="num">${reportFormat.percent(s.churnRate)}</td>` : ''}${scored ? html`<td class="num">${reportFormat.percent(s.meanChurnProbability)}</td>` : ''}${hasValue ? html`<td class="num">${reportFormat.measure(s.value)}</td>` : ''}${hasStake ? html`<td class="num">${reportFormat.measure(s.valueAtStake)}</td>` : ''}<td class="num">${s.priority}</td>${hasSilhouette ? html`<td class="num">${reportFormat.decimal(s.silhouette)}</td>` : ''}<td class="drivers">${topDrivers(s, input.labels)}</td></tr>`,
  )}</tbody>
</table></div>
${chartFigure(charts.profiles, charts.profilesNote, profile, 'chart wide')}
${pca ? chartFigure(charts.map, charts.mapNote(reportFormat.count(input.pca.points.length), reportFormat.percent(variance)), pca, 'chart wide') : ''}
${silhouette ? chartFigure(charts.silhouette, charts.silhouetteNote, silhouette) : ''}
${centroidTable(ordered, lang)}
${input.rfmCrossTable?.length ? rfmTable(input.rfmCrossTable, ordered, lang) : ''}
</section>`;
}

function topDrivers(s: ReportSegment, labels: Record<string, string> | undefined): SafeHtml {
  const top = [...s.distinguishing].sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, 3);
  return html`${top.map((d) => html`<div>${displayLabel(d.feature, labels)} ${reportFormat.signed(d.z)}</div>`)}`;
}

/** RFM classes (rows) × segments (columns): customers in each, where the data has RFM columns. */
function rfmTable(cells: RfmCrossCell[], ordered: ReportSegment[], lang: ReportWords): SafeHtml {
  const classes = [...new Set(cells.map((c) => c.rfmSegment))];
  const count = new Map(cells.map((c) => [`${c.rfmSegment}\u0000${c.segment}`, c.customers]));
  return html`<h3>${lang.rfmHeading}</h3>
<p class="note">${lang.rfmNote}</p>
<div class="table-wrap"><table class="rfm">
<thead><tr><th>${lang.rfmClass}</th>${ordered.map((s) => html`<th class="num"><span class="swatch" style="background:${segmentColor(s.segment)}"></span>${s.segment} · ${s.name}</th>`)}</tr></thead>
<tbody>${classes.map(
    (c) => html`<tr><td>${c}</td>${ordered.map((s) => html`<td class="num">${reportFormat.count(count.get(`${c}\u0000${s.segment}`) ?? 0)}</td>`)}</tr>`,
  )}</tbody>
</table></div>`;
}

/** Centroids in the data's own units, so a segment can be described without the CSV. */
function centroidTable(ordered: ReportSegment[], lang: ReportWords): SafeHtml {
  const features = [...new Set(ordered.flatMap((s) => Object.keys(s.centroid)))];
  if (features.length === 0) return html``;
  return html`<h3>${lang.averages}</h3>
<p class="note">${lang.averagesNote}</p>
<div class="table-wrap"><table class="centroids">
<thead><tr><th>${lang.feature}</th>${ordered.map((s) => html`<th class="num"><span class="swatch" style="background:${segmentColor(s.segment)}"></span>${s.segment}</th>`)}</tr></thead>
<tbody>${features.map(
    (f) => html`<tr><td>${f}</td>${ordered.map((s) => html`<td class="num">${reportFormat.measure(s.centroid[f])}</td>`)}</tr>`,
  )}</tbody>
</table></div>`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
