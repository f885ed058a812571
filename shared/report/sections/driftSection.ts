import { driftSizeChart } from '../charts/driftSizeChart';
import type { ReportInput } from '../ReportInput';
import { renderVegaLiteSvg } from '../renderVegaLiteSvg';
import { reportFormat } from '../reportFormat';
import { html, type SafeHtml } from '../SafeHtml';
import { chartFigure } from './chartFigure';
import { metricLabel } from './metricLabel';

/** What changed since the previous run of the same dataset (drift.json). */
export async function driftSection(input: ReportInput): Promise<SafeHtml> {
  const drift = input.drift;
  if (!drift) return html``;
  const names = new Map(input.segments.map((s) => [s.segment, s.name]));
  const sizes = drift.sizeShift.length
    ? await renderVegaLiteSvg(driftSizeChart(drift, input.segments), 'Segment sizes, previous run against this run')
    : undefined;
  const moved = [...drift.centroidShift].sort((a, b) => a.segment - b.segment);
  const metricRows = Object.entries(drift.metricChange);
  return html`<section id="drift">
<h2>Change since the previous run</h2>
<p class="lede">Compared with run <code>${drift.previousRunId}</code>. Adjusted Rand index ${reportFormat.decimal(drift.ari)} (1 = the same customers in the same segments, 0 = no more alike than chance).</p>
<div class="charts">
${sizes ? chartFigure('Segment sizes', 'Segments keep their numbers across runs.', sizes) : ''}
<div>
${moved.length ? html`<h3>How far segment centres moved</h3><div class="table-wrap"><table><thead><tr><th>Segment</th><th class="num">Distance (standardized units)</th></tr></thead><tbody>${moved.map(
    (m) => html`<tr><td>${m.segment}${names.has(m.segment) ? html` · ${names.get(m.segment)}` : ''}</td><td class="num">${reportFormat.decimal(m.distance)}</td></tr>`,
  )}</tbody></table></div>` : ''}
${metricRows.length ? html`<h3>Model metrics</h3><div class="table-wrap"><table><thead><tr><th>Metric</th><th class="num">Before</th><th class="num">After</th></tr></thead><tbody>${metricRows.map(
    ([name, [before, after]]) => html`<tr><td>${metricLabel(name)}</td><td class="num">${reportFormat.decimal(before, 3)}</td><td class="num">${reportFormat.decimal(after, 3)}</td></tr>`,
  )}</tbody></table></div>` : ''}
</div>
</div>
</section>`;
}
