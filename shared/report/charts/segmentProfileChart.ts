import type { TopLevelSpec } from 'vega-lite';
import type { ReportSegment } from '../ReportInput';
import { sectionWords, type ChartWords } from '../sectionWords';
import { segmentLabel } from './segmentLabel';

/** Enough columns to tell segments apart while labels stay legible. */
const maxFeatures = 14;

/**
 * Heatmap of distinguishing z-scores: rows are segments, columns the features that set at least
 * one segment apart. Blue is below the average customer, orange above.
 */
export function segmentProfileChart(segments: ReportSegment[], words: ChartWords = sectionWords.en.charts): TopLevelSpec {
  const strongest = new Map<string, number>();
  for (const s of segments) {
    for (const d of s.distinguishing) {
      if (Number.isFinite(d.z)) strongest.set(d.feature, Math.max(strongest.get(d.feature) ?? 0, Math.abs(d.z)));
    }
  }
  const features = [...strongest.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxFeatures)
    .map(([feature]) => feature);
  const kept = new Set(features);
  const ordered = [...segments].sort((a, b) => a.segment - b.segment);
  const values = ordered.flatMap((s) =>
    s.distinguishing
      .filter((d) => kept.has(d.feature) && Number.isFinite(d.z))
      .map((d) => ({ label: segmentLabel(s), feature: d.feature, z: d.z })),
  );
  const extent = Math.max(1, ...values.map((v) => Math.abs(v.z)));
  const x = { field: 'feature', type: 'nominal', title: null, sort: features, axis: { labelAngle: -35, labelLimit: 220, orient: 'top' } } as const;
  const y = { field: 'label', type: 'nominal', title: null, sort: ordered.map(segmentLabel), axis: { labelLimit: 220 } } as const;
  return {
    width: { step: 52 },
    height: { step: 34 },
    data: { values },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1.5 },
        encoding: {
          x,
          y,
          color: {
            field: 'z',
            type: 'quantitative',
            title: words.zScore,
            scale: { scheme: 'blueorange', domain: [-extent, extent], domainMid: 0 },
            legend: { orient: 'right', gradientLength: 140 },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          x,
          y,
          text: { field: 'z', type: 'quantitative', format: '+.1f' },
          color: {
            condition: { test: `abs(datum.z) > ${(extent * 0.55).toFixed(3)}`, value: '#ffffff' },
            value: '#1f2633',
          },
        },
      },
    ],
  };
}
