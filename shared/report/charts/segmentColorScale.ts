import type { ReportSegment } from '../ReportInput';
import { segmentColor } from '../segmentPalette';
import { segmentLabel } from './segmentLabel';

/** The same segment gets the same colour in every chart and in the tables' swatches. */
export function segmentColorScale(segments: ReportSegment[]): { domain: string[]; range: string[] } {
  const ordered = [...segments].sort((a, b) => a.segment - b.segment);
  return { domain: ordered.map(segmentLabel), range: ordered.map((s) => segmentColor(s.segment)) };
}
