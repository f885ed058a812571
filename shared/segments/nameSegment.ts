import { themeOf, type ThemeId } from './featureThemes';
import type { Outcome } from './goalWording';
import type { SegmentLanguage } from './segmentLanguage';
import { segmentVocabulary, type NameCores } from './segmentVocabulary';
import { traitBands } from './traitBands';

export interface SegmentTraits {
  /** Standardized difference from the population, strongest first (every feature, or the strongest few). */
  distinguishing: { feature: string; z: number }[];
  /** Segment mean risk relative to the population mean risk (1 = average). */
  riskRatio?: number;
  /** Segment value in population standard deviations from the mean value. */
  valueZ?: number;
  /**
   * What a high risk means: churn (leaving), conversion (buying, responding) or neutral. Without it
   * the words are churn's.
   */
  outcome?: Outcome;
  /** The language of names and actions; English by default. */
  language?: SegmentLanguage;
  /** The manifest's display labels, matched against themes as well as the column names. */
  labels?: Record<string, string>;
}

/** A difference smaller than this (in standard deviations) does not describe a segment. */
const NOTABLE_Z = 0.4;

/** One thing that sets a segment apart, in business terms: a theme and which way it leans. */
export interface SegmentTrait {
  theme: ThemeId;
  high: boolean;
  /** The words for it in the segment's language ("bargain hunters", "newer"). */
  words: string;
}

/**
 * What sets a segment apart in business terms, strongest first, one entry per theme: only features
 * whose column speaks of value, activity, tenure, risk, channel or category count, so a name never
 * rests on a raw column name, a code, or one flag.
 */
export function segmentTraits(t: SegmentTraits): SegmentTrait[] {
  const words = segmentVocabulary[t.language ?? 'en'].themes;
  const out: SegmentTrait[] = [];
  for (const d of t.distinguishing) {
    if (Math.abs(d.z) < NOTABLE_Z) continue;
    const theme = themeOf(d.feature, t.labels?.[d.feature]);
    if (!theme || out.some((x) => x.theme === theme.id)) continue;
    out.push({ theme: theme.id, high: d.z > 0, words: d.z > 0 ? words[theme.id].high : words[theme.id].low });
  }
  return out;
}

/**
 * A short name from risk, value and what sets the segment apart, e.g. "High-value at risk",
 * "At risk: disengaged", "Steady customers: long-standing", "Bargain hunters, engaged"; a conversion
 * target's segments are "Likely buyers", never "at risk". `detail` is how many traits to add (more
 * when two segments would otherwise share a name).
 */
export function nameSegment(t: SegmentTraits, detail = 1): string {
  const cores = segmentVocabulary[t.language ?? 'en'].cores[(t.outcome ?? churnOutcome).goal];
  const core = nameCore(t, cores);
  const traits = segmentTraits(t).map((x) => x.words);
  if (core === cores.highValueHigh || core === cores.highValueLow) {
    return detail > 1 && traits.length ? `${core}: ${traits.slice(0, detail - 1).join(', ')}` : core;
  }
  if (core === cores.typical) return traits.length ? capitalize(traits.slice(0, detail + 1).join(', ')) : core;
  return traits.length ? `${core}: ${traits.slice(0, detail).join(', ')}` : core;
}

function nameCore(t: SegmentTraits, cores: NameCores): string {
  const { risky, safe, highValue, lowValue } = traitBands(t);
  if (highValue && risky) return cores.highValueHigh;
  if (highValue && safe) return cores.highValueLow;
  if (risky) return lowValue ? cores.lowValueHigh : cores.high;
  if (safe) return cores.low;
  if (highValue) return cores.highValue;
  if (lowValue) return cores.lowValue;
  return cores.typical;
}

const churnOutcome: Outcome = { goal: 'churn' };

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
