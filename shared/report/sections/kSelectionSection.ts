import { kEvaluationChart } from '../charts/kEvaluationChart';
import type { ReportInput } from '../ReportInput';
import { renderVegaLiteSvg } from '../renderVegaLiteSvg';
import { html, type SafeHtml } from '../SafeHtml';
import { chartFigure } from './chartFigure';

/** Why this number of segments: the elbow curve and the silhouette for each candidate k. */
export async function kSelectionSection(input: ReportInput): Promise<SafeHtml> {
  const { kSelection } = input;
  if (kSelection.evaluations.length === 0) {
    return html`<section id="choosing-k"><h2>Choosing the number of segments</h2><p>k = ${kSelection.chosenK}: ${kSelection.reason}</p></section>`;
  }
  const [elbow, silhouette] = await Promise.all([
    renderVegaLiteSvg(kEvaluationChart(kSelection, 'inertia'), 'Elbow curve: inertia by number of segments'),
    renderVegaLiteSvg(kEvaluationChart(kSelection, 'silhouette'), 'Mean silhouette by number of segments'),
  ]);
  return html`<section id="choosing-k">
<h2>Choosing the number of segments</h2>
<p class="lede">k = ${kSelection.chosenK}: ${kSelection.reason}</p>
<div class="charts">
${chartFigure('Elbow curve', 'Inertia is the within-segment sum of squared distances. It always falls as k grows; the bend is where more segments stop paying off.', elbow)}
${chartFigure('Silhouette by k', 'Higher means customers are closer to their own segment than to the next one.', silhouette)}
</div>
</section>`;
}
