import { calibrationChart } from '../charts/calibrationChart';
import { featureImportanceChart } from '../charts/featureImportanceChart';
import { rocCurveChart } from '../charts/rocCurveChart';
import type { ReportInput, ReportOneVsRest } from '../ReportInput';
import { renderVegaLiteSvg } from '../renderVegaLiteSvg';
import { reportFormat } from '../reportFormat';
import { html, type SafeHtml } from '../SafeHtml';
import { reportModelWords } from '../reportModelWords';
import { reportWords } from '../reportLanguage';
import type { SectionWords } from '../sectionWords';
import { chartFigure } from './chartFigure';
import { metricLabel } from './metricLabel';
import { warningNote } from './warningNote';

/** How churn is scored: the model's quality on held-out customers, or how the heuristic works. */
export async function churnSection(input: ReportInput): Promise<SafeHtml> {
  const churn = input.churn;
  const sections = reportWords[input.language ?? 'en'].sections;
  const words = sections.model;
  if (!churn) return input.oneVsRest ? oneVsRestSection(input.oneVsRest, sections) : html``;
  if (churn.heuristic) {
    return html`<section id="churn">
<h2>${words.heuristicHeading}</h2>
<p>${words.heuristic}</p>
<p>${churn.description}</p>
</section>`;
  }
  const model = reportModelWords(input);
  const [roc, calibration, importance] = await Promise.all([
    churn.roc.fpr.length ? renderVegaLiteSvg(rocCurveChart(churn, sections.charts), words.rocAria(model.heading)) : undefined,
    churn.calibration.length ? renderVegaLiteSvg(calibrationChart(churn, sections.charts), words.calibrationAria(model.heading)) : undefined,
    churn.importance.length ? renderVegaLiteSvg(featureImportanceChart(churn, sections.charts), words.importanceAria(model.heading)) : undefined,
  ]);
  const metrics = Object.entries(churn.metrics).filter(([, v]) => typeof v === 'number');
  const outcome = input.outcome;
  const classes = outcome && outcome.otherClasses > 1 ? words.versus(outcome.positive, outcome.otherClasses) : '';
  const warnings = churn.warnings ?? [];
  return html`<section id="churn">
<h2>${model.heading}</h2>
<p class="lede">${churn.model}${churn.target ? words.predicting(churn.target) + classes : ''}${words.measuredOn}</p>
${warnings.map((w) => warningNote(w, sections.warning))}
<div class="figures">${metrics.map(
    ([name, value]) => html`<div class="figure"><div class="value">${reportFormat.decimal(value, 3)}</div><div class="label">${metricLabel(name, words.metrics)}</div></div>`,
  )}</div>
<div class="charts">
${roc ? chartFigure(words.roc, words.rocNote(reportFormat.decimal(churn.metrics.rocAuc, 3), warnings.length > 0), roc) : ''}
${calibration ? chartFigure(words.calibration, words.calibrationNote(model.happens), calibration) : ''}
</div>
${importance ? chartFigure(model.drives, warnings.length ? words.importanceNoteDoubtful : words.importanceNote, importance) : ''}
</section>`;
}

/** One model per class: each class's figures on customers its model did not train on. */
function oneVsRestSection(m: ReportOneVsRest, sections: SectionWords): SafeHtml {
  const words = sections.model;
  return html`<section id="churn">
<h2>${words.classModels}</h2>
<p class="lede">${words.classLede(m.target)}</p>
${m.warnings.map((w) => warningNote(w, sections.warning))}
<div class="table-wrap"><table>
<thead><tr>${words.classHeaders.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${m.classes.map(
    (c) => html`<tr><td>${c.class}</td><td>${reportFormat.percent(c.share)}</td><td>${c.model}</td><td>${reportFormat.decimal(c.rocAuc, 3)}</td><td>${reportFormat.decimal(c.prAuc, 3)}</td></tr>`,
  )}</tbody>
</table></div>
</section>`;
}
