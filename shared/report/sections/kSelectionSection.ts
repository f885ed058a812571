import { kEvaluationChart } from '../charts/kEvaluationChart';
import type { ReportClusteredOn, ReportInput } from '../ReportInput';
import { renderVegaLiteSvg } from '../renderVegaLiteSvg';
import { reportWords } from '../reportLanguage';
import { html, type SafeHtml } from '../SafeHtml';
import type { SectionWords } from '../sectionWords';
import { chartFigure } from './chartFigure';

/** Why this number of segments: the elbow curve and the silhouette for each candidate k. */
export async function kSelectionSection(input: ReportInput): Promise<SafeHtml> {
  const { kSelection } = input;
  const sections = reportWords[input.language ?? 'en'].sections;
  const words = sections.choosingK;
  if (kSelection.evaluations.length === 0) {
    return html`<section id="choosing-k"><h2>${words.heading}</h2><p>k = ${kSelection.chosenK}: ${kSelection.reason}</p>${clusteredOnSentence(kSelection.clusteredOn, words)}</section>`;
  }
  const [elbow, silhouette] = await Promise.all([
    renderVegaLiteSvg(kEvaluationChart(kSelection, 'inertia', sections.charts), words.elbowAria),
    renderVegaLiteSvg(kEvaluationChart(kSelection, 'silhouette', sections.charts), words.silhouetteAria),
  ]);
  return html`<section id="choosing-k">
<h2>${words.heading}</h2>
<p class="lede">k = ${kSelection.chosenK}: ${kSelection.reason}</p>
${clusteredOnSentence(kSelection.clusteredOn, words)}
<div class="charts">
${chartFigure(words.elbow, words.elbowNote, elbow)}
${chartFigure(words.silhouette, words.silhouetteNote, silhouette)}
</div>
</section>`;
}

/** What the segments were clustered on (features/ClusterSpace.ts) and by which k-means. */
function clusteredOnSentence(on: ReportClusteredOn | undefined, words: SectionWords['choosingK']): SafeHtml {
  if (!on) return html``;
  const space = on.pca ? words.pcaSpace(on.pca.components, on.features, Math.round(on.pca.varianceKept * 100)) : words.featureSpace(on.features);
  const algorithm = on.algorithm === 'minibatch' ? words.minibatch : words.kMeans;
  return html`<p id="clustered-on">${words.clusteredOn(algorithm, space, on.flagGap)}</p>`;
}
