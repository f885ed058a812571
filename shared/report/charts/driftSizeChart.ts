import type { TopLevelSpec } from 'vega-lite';
import type { ReportDrift, ReportSegment } from '../ReportInput';
import { sectionWords, type ChartWords } from '../sectionWords';
import { segmentLabel } from './segmentLabel';

/** Segment sizes in the previous run next to this run's. */
export function driftSizeChart(drift: ReportDrift, segments: ReportSegment[], words: ChartWords = sectionWords.en.charts): TopLevelSpec {
  const names = new Map(segments.map((s) => [s.segment, segmentLabel(s)]));
  const ordered = [...drift.sizeShift].sort((a, b) => a.segment - b.segment);
  const label = (segment: number) => names.get(segment) ?? `${segment}`;
  const asShare = ordered.every((s) => s.before <= 1 && s.after <= 1);
  const values = ordered.flatMap((s) => [
    { label: label(s.segment), run: words.previousRun, size: s.before },
    { label: label(s.segment), run: words.thisRun, size: s.after },
  ]);
  return {
    width: 280,
    height: { step: 30 },
    data: { values },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: ordered.map((s) => label(s.segment)), axis: { labelLimit: 200 } },
      yOffset: { field: 'run', type: 'nominal', sort: [words.previousRun, words.thisRun] },
      x: { field: 'size', type: 'quantitative', title: asShare ? words.shareOfCustomers : words.customers, axis: asShare ? { format: '.0%' } : {} },
      color: {
        field: 'run',
        type: 'nominal',
        title: null,
        scale: { domain: [words.previousRun, words.thisRun], range: ['#bab0ac', '#4e79a7'] },
        legend: { orient: 'bottom' },
      },
    },
  };
}
