import type { ReportSegment } from '../ReportInput';

/** The number keeps labels unique when two segments get the same name. */
export function segmentLabel(segment: Pick<ReportSegment, 'segment' | 'name'>): string {
  return `${segment.segment} · ${segment.name}`;
}
