import type { TopLevelSpec } from 'vega-lite';
import type { ReportSegment } from '../ReportInput';
import { segmentColorScale } from './segmentColorScale';
import { sectionWords, type ChartWords } from '../sectionWords';
import { segmentLabel } from './segmentLabel';

/** Mean silhouette per segment, with the size-weighted mean over all customers as a rule. */
export function segmentSilhouetteChart(segments: ReportSegment[], overall: number | undefined, words: ChartWords = sectionWords.en.charts): TopLevelSpec {
  const ordered = [...segments].filter((s) => s.silhouette !== undefined).sort((a, b) => a.segment - b.segment);
  const values = ordered.map((s) => ({ label: segmentLabel(s), silhouette: s.silhouette }));
  const low = Math.min(0, ...ordered.map((s) => s.silhouette ?? 0));
  const x = {
    field: 'silhouette',
    type: 'quantitative' as const,
    title: words.meanSilhouette,
    scale: { domain: [low, 1] },
  };
  return {
    width: 280,
    height: { step: 26 },
    layer: [
      {
        data: { values },
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          y: { field: 'label', type: 'nominal', title: null, sort: ordered.map(segmentLabel), axis: { labelLimit: 200 } },
          x,
          color: { field: 'label', type: 'nominal', scale: segmentColorScale(segments), legend: null },
        },
      },
      ...(overall === undefined
        ? []
        : [
            {
              data: { values: [{ silhouette: overall }] },
              mark: { type: 'rule' as const, color: '#1f2633', strokeDash: [4, 3] },
              encoding: { x },
            },
          ]),
    ],
  };
}
