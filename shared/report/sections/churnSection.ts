import { calibrationChart } from '../charts/calibrationChart';
import { featureImportanceChart } from '../charts/featureImportanceChart';
import { rocCurveChart } from '../charts/rocCurveChart';
import type { ReportInput } from '../ReportInput';
import { renderVegaLiteSvg } from '../renderVegaLiteSvg';
import { reportFormat } from '../reportFormat';
import { html, type SafeHtml } from '../SafeHtml';
import { chartFigure } from './chartFigure';
import { metricLabel } from './metricLabel';


/** How churn is scored: the model's quality on held-out customers, or how the heuristic works. */
export async function churnSection(input: ReportInput): Promise<SafeHtml> {
  const churn = input.churn;
  if (!churn) return html``;
  if (churn.heuristic) {
    return html`<section id="churn">
<h2>Churn risk</h2>
<p>No churn label was given, so the churn probability is a heuristic score, not a trained model.</p>
<p>${churn.description}</p>
</section>`;
  }
  const [roc, calibration, importance] = await Promise.all([
    churn.roc.fpr.length ? renderVegaLiteSvg(rocCurveChart(churn), 'ROC curve of the churn model') : undefined,
    churn.calibration.length ? renderVegaLiteSvg(calibrationChart(churn), 'Calibration of the churn model') : undefined,
    churn.importance.length ? renderVegaLiteSvg(featureImportanceChart(churn), 'Churn model feature importance') : undefined,
  ]);
  const metrics = Object.entries(churn.metrics).filter(([, v]) => typeof v === 'number');
  return html`<section id="churn">
<h2>Churn model</h2>
<p class="lede">${churn.model}${churn.target ? html` predicting “${churn.target}”` : ''}, measured on customers it did not train on.</p>
<div class="figures">${metrics.map(
    ([name, value]) => html`<div class="figure"><div class="value">${reportFormat.decimal(value, 3)}</div><div class="label">${metricLabel(name)}</div></div>`,
  )}</div>
<div class="charts">
${roc ? chartFigure('ROC curve', `Area under the curve ${reportFormat.decimal(churn.metrics.rocAuc, 3)}; the dashed diagonal is a coin toss.`, roc) : ''}
${calibration ? chartFigure('Calibration', 'Points on the diagonal mean a predicted 30 % churns about 30 % of the time. Dot size: customers per bin.', calibration) : ''}
</div>
${importance ? chartFigure('What drives the churn score', 'The features the model relies on most.', importance) : ''}
</section>`;
}
