import { featureThemes, themeOf, type ThemeId } from './featureThemes';
import type { Outcome } from './goalWording';
import { segmentTraits, type SegmentTraits } from './nameSegment';
import { segmentVocabulary } from './segmentVocabulary';
import { traitBands } from './traitBands';

/** Where a segment stands on activity: above, near or below the average customer. */
export type ActivityBand = 'active' | 'mid' | 'inactive';

/**
 * Activity from every activity feature the segment has (visits, minutes, orders: higher is more
 * active; recency in days: higher is less), as the mean signed z; ±0.3 sets the bands.
 */
export function activityBand(distinguishing: { feature: string; z: number }[], labels?: Record<string, string>): ActivityBand {
  let sum = 0, count = 0;
  for (const d of distinguishing) {
    const theme = themeOf(d.feature, labels?.[d.feature]);
    if (!theme?.activity) continue;
    sum += theme.activity * d.z;
    count++;
  }
  const z = count ? sum / count : 0;
  return z >= 0.3 ? 'active' : z <= -0.3 ? 'inactive' : 'mid';
}

/**
 * A concrete next step from where the segment stands on risk × value × activity and the goal: what
 * (retention offer, invitation, loyalty reward), with what incentive (by value), through which
 * channel and when (by activity), what to lead with (the theme that sets the segment apart, or
 * `focus` when given) and the expected effect as a hypothesis to test against a hold-out group.
 * `variant` (0 = none) adds what the test compares, to tell apart two segments that stand alike.
 */
export function segmentAction(t: SegmentTraits, focus?: ThemeId, variant = 0): string {
  const parts = segmentVocabulary[t.language ?? 'en'].actions[(t.outcome ?? churnOutcome).goal];
  const { risky, safe, highValue, lowValue } = traitBands(t);
  const risk = risky ? 'high' : safe ? 'low' : 'mid';
  const value = highValue ? 'high' : lowValue ? 'low' : 'mid';
  const theme = focus ?? segmentTraits(t)[0]?.theme;
  const lead = parts.lead(parts.focus[theme ?? 'default']);
  const hypothesis = safe ? parts.hypothesis.low : parts.hypothesis.high;
  const compare = variant > 0 ? ` ${parts.variants[(variant - 1) % parts.variants.length]}` : '';
  return `${parts.what[risk]}${parts.incentive[value]}, ${parts.channel[activityBand(t.distinguishing, t.labels)]}; ${lead}. ${hypothesis}${compare}`;
}

/**
 * The segment's action led by each theme the run's features speak of: a customer whose own driver
 * is, say, their complaints gets the segment's action led by fixing the issue (customerAction.ts).
 */
export function actionsByDriver(t: SegmentTraits, featureNames: string[], variant = 0): Partial<Record<ThemeId, string>> {
  const themes = new Set(featureNames.map((f) => themeOf(f, t.labels?.[f])?.id).filter((x): x is ThemeId => x !== undefined));
  const out: Partial<Record<ThemeId, string>> = {};
  for (const theme of featureThemes) if (themes.has(theme.id)) out[theme.id] = segmentAction(t, theme.id, variant);
  return out;
}

const churnOutcome: Outcome = { goal: 'churn' };
