import type { TopLevelSpec } from 'vega-lite';
import type { ReportDrift, ReportSegment } from '../ReportInput';
import { segmentLabel } from './segmentLabel';

/** Segment sizes in the previous run next to this run's. */
export function driftSizeChart(drift: ReportDrift, segments: ReportSegment[]): TopLevelSpec {
  const names = new Map(segments.map((s) => [s.segment, segmentLabel(s)]));
  const ordered = [...drift.sizeShift].sort((a, b) => a.segment - b.segment);
  const label = (segment: number) => names.get(segment) ?? `${segment}`;
  const asShare = ordered.every((s) => s.before <= 1 && s.after <= 1);
  const values = ordered.flatMap((s) => [
    { label: label(s.segment), run: 'previous run', size: s.before },
    { label: label(s.segment), run: 'this run', size: s.after },
  ]);
  return {
    width: 280,
    height: { step: 30 },
    data: { values },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: ordered.map((s) => label(s.segment)), axis: { labelLimit: 200 } },
      yOffset: { field: 'run', type: 'nominal', sort: ['previous run', 'this run'] },
      x: { field: 'size', type: 'quantitative', title: asShare ? 'Share of customers' : 'Customers', axis: asShare ? { format: '.0%' } : {} },
      color: {
        field: 'run',
        type: 'nominal',
        title: null,
        scale: { domain: ['previous run', 'this run'], range: ['#bab0ac', '#4e79a7'] },
        legend: { orient: 'bottom' },
      },
    },
  };
}
