import { driftSizeChart } from '../charts/driftSizeChart';
import type { ReportInput } from '../ReportInput';
import { renderVegaLiteSvg } from '../renderVegaLiteSvg';
import { reportFormat } from '../reportFormat';
import { reportWords } from '../reportLanguage';
import { html, type SafeHtml } from '../SafeHtml';
import { chartFigure } from './chartFigure';
import { metricLabel } from './metricLabel';

/** What changed since the previous run of the same dataset (drift.json). */
export async function driftSection(input: ReportInput): Promise<SafeHtml> {
  const drift = input.drift;
  if (!drift) return html``;
  const sections = reportWords[input.language ?? 'en'].sections;
  const words = sections.change;
  const names = new Map(input.segments.map((s) => [s.segment, s.name]));
  const sizes = drift.sizeShift.length
    ? await renderVegaLiteSvg(driftSizeChart(drift, input.segments, sections.charts), words.aria)
    : undefined;
  const moved = [...drift.centroidShift].sort((a, b) => a.segment - b.segment);
  const metricRows = Object.entries(drift.metricChange);
  return html`<section id="drift">
<h2>${words.heading}</h2>
<p class="lede">${words.comparedWith}<code>${drift.previousRunId}</code>${words.ari(reportFormat.decimal(drift.ari))}</p>
<div class="charts">
${sizes ? chartFigure(words.sizes, words.sizesNote, sizes) : ''}
<div>
${moved.length ? html`<h3>${words.moved}</h3><div class="table-wrap"><table><thead><tr><th>${words.segment}</th><th class="num">${words.distance}</th></tr></thead><tbody>${moved.map(
    (m) => html`<tr><td>${m.segment}${names.has(m.segment) ? html` · ${names.get(m.segment)}` : ''}</td><td class="num">${reportFormat.decimal(m.distance)}</td></tr>`,
  )}</tbody></table></div>` : ''}
${metricRows.length ? html`<h3>${words.metrics}</h3><div class="table-wrap"><table><thead><tr><th>${words.metric}</th><th class="num">${words.before}</th><th class="num">${words.after}</th></tr></thead><tbody>${metricRows.map(
    ([name, [before, after]]) => html`<tr><td>${metricLabel(name, sections.model.metrics)}</td><td class="num">${reportFormat.decimal(before, 3)}</td><td class="num">${reportFormat.decimal(after, 3)}</td></tr>`,
  )}</tbody></table></div>` : ''}
</div>
</div>
</section>`;
}
