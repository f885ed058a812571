import type { TopLevelSpec } from 'vega-lite';
import type { ReportPca, ReportSegment } from '../ReportInput';
import { reportFormat } from '../reportFormat';
import { sectionWords, type ChartWords } from '../sectionWords';
import { segmentColorScale } from './segmentColorScale';
import { segmentLabel } from './segmentLabel';

/** Customers on the first two principal components, coloured by segment. */
export function pcaMapChart(pca: ReportPca, segments: ReportSegment[], words: ChartWords = sectionWords.en.charts): TopLevelSpec {
  const labels = new Map(segments.map((s) => [s.segment, segmentLabel(s)]));
  const values = pca.points.map((p) => ({
    x: p.x,
    y: p.y,
    label: labels.get(p.segment) ?? `${p.segment}`,
  }));
  const colour = segmentColorScale(segments);
  const axisTitle = (i: number) => {
    const ratio = pca.explainedVarianceRatio[i];
    return words.component(i + 1, ratio === undefined ? undefined : reportFormat.percent(ratio));
  };
  return {
    width: 640,
    height: 420,
    data: { values },
    // A mark per customer: without aria labels the SVG stays a third of the size.
    mark: { type: 'circle', size: 14, opacity: 0.6, aria: false },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: axisTitle(0), scale: { zero: false, nice: true } },
      y: { field: 'y', type: 'quantitative', title: axisTitle(1), scale: { zero: false, nice: true } },
      color: {
        field: 'label',
        type: 'nominal',
        title: words.segment,
        scale: colour,
        legend: { orient: 'right', symbolOpacity: 1 },
      },
    },
  };
}
