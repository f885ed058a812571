import { themeOf, type ThemeId } from './featureThemes';

/** A segment's actions: its own, and the same led by each theme a customer's drivers may point to. */
export interface SegmentActions {
  action: string;
  actionsByDriver?: Partial<Record<ThemeId, string>>;
}

/**
 * The action for one customer: the segment's action led by the theme of the customer's strongest
 * driver that raises their score (a customer at risk because of complaints is first helped with
 * the complaint), else the segment's own. The run and every scoring path call this one function,
 * so a customer scored later gets the action the run gave them.
 */
export function customerAction(segment: SegmentActions | undefined, drivers: { feature: string; contribution: number }[]): string {
  if (!segment) return '';
  const byDriver = segment.actionsByDriver;
  if (byDriver) {
    for (const d of [...drivers].sort((a, b) => b.contribution - a.contribution)) {
      if (!(d.contribution > 0)) break;
      // By the feature name alone: scoring has the model, not the manifest's labels.
      const theme = themeOfFeature(d.feature);
      const action = theme ? byDriver[theme.id] : undefined;
      if (action) return action;
    }
  }
  return segment.action;
}

// A run asks for the same few feature names once per customer: their themes are looked up once.
const themeCache = new Map<string, ThemeId | null>();

function themeOfFeature(feature: string): { id: ThemeId } | undefined {
  let id = themeCache.get(feature);
  if (id === undefined) {
    id = themeOf(feature)?.id ?? null;
    if (themeCache.size < 10_000) themeCache.set(feature, id);
  }
  return id === null ? undefined : { id };
}
