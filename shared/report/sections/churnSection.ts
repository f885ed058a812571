import { calibrationChart } from '../charts/calibrationChart';
import { featureImportanceChart } from '../charts/featureImportanceChart';
import { rocCurveChart } from '../charts/rocCurveChart';
import type { ReportInput, ReportOneVsRest } from '../ReportInput';
import { renderVegaLiteSvg } from '../renderVegaLiteSvg';
import { reportFormat } from '../reportFormat';
import { html, type SafeHtml } from '../SafeHtml';
import { reportWording } from '../summarizeReport';
import { chartFigure } from './chartFigure';
import { metricLabel } from './metricLabel';
import { warningNote } from './warningNote';


/** How churn is scored: the model's quality on held-out customers, or how the heuristic works. */
export async function churnSection(input: ReportInput): Promise<SafeHtml> {
  const churn = input.churn;
  if (!churn) return input.oneVsRest ? oneVsRestSection(input.oneVsRest) : html``;
  if (churn.heuristic) {
    return html`<section id="churn">
<h2>Churn risk</h2>
<p>No churn label was given, so the churn probability is a heuristic score, not a trained model.</p>
<p>${churn.description}</p>
</section>`;
  }
  const words = reportWording(input);
  const model = words.model.toLowerCase();
  const scoreName = model.replace(/ model$/, ' score');
  const [roc, calibration, importance] = await Promise.all([
    churn.roc.fpr.length ? renderVegaLiteSvg(rocCurveChart(churn), `ROC curve of the ${model}`) : undefined,
    churn.calibration.length ? renderVegaLiteSvg(calibrationChart(churn), `Calibration of the ${model}`) : undefined,
    churn.importance.length ? renderVegaLiteSvg(featureImportanceChart(churn), `${words.model} feature importance`) : undefined,
  ]);
  const metrics = Object.entries(churn.metrics).filter(([, v]) => typeof v === 'number');
  const outcome = input.outcome;
  const classes = outcome && outcome.otherClasses > 1 ? ` (“${outcome.positive}” vs the other ${outcome.otherClasses} classes)` : '';
  const warnings = churn.warnings ?? [];
  return html`<section id="churn">
<h2>${words.model}</h2>
<p class="lede">${churn.model}${churn.target ? html` predicting “${churn.target}”${classes}` : ''}, measured on customers it did not train on.</p>
${warnings.map((w) => warningNote(w))}
<div class="figures">${metrics.map(
    ([name, value]) => html`<div class="figure"><div class="value">${reportFormat.decimal(value, 3)}</div><div class="label">${metricLabel(name)}</div></div>`,
  )}</div>
<div class="charts">
${roc ? chartFigure('ROC curve', `Area under the curve ${reportFormat.decimal(churn.metrics.rocAuc, 3)}${warnings.length ? ' — too good to be true, see the warning above' : ''}; the dashed diagonal is a coin toss.`, roc) : ''}
${calibration ? chartFigure('Calibration', `Points on the diagonal mean a predicted 30 % ${words.happens} about 30 % of the time. Dot size: customers per bin.`, calibration) : ''}
</div>
${importance ? chartFigure(`What drives the ${scoreName}`, warnings.length ? 'The features the model relies on most: the one that gives the answer away is usually at the top.' : 'The features the model relies on most.', importance) : ''}
</section>`;
}

/** One model per class: each class's figures on customers its model did not train on. */
function oneVsRestSection(m: ReportOneVsRest): SafeHtml {
  return html`<section id="churn">
<h2>Class models</h2>
<p class="lede">One model per class of “${m.target}”, each predicting its class against all the others, measured on customers it did not train on. A customer's class probabilities are the models' answers divided by their sum.</p>
${m.warnings.map((w) => warningNote(w))}
<div class="table-wrap"><table>
<thead><tr><th>class</th><th>share of customers</th><th>model</th><th>hold-out ROC AUC</th><th>hold-out PR AUC</th></tr></thead>
<tbody>${m.classes.map(
    (c) => html`<tr><td>${c.class}</td><td>${reportFormat.percent(c.share)}</td><td>${c.model}</td><td>${reportFormat.decimal(c.rocAuc, 3)}</td><td>${reportFormat.decimal(c.prAuc, 3)}</td></tr>`,
  )}</tbody>
</table></div>
</section>`;
}
