import type { GroupComparison } from './compareGroups';
import type { LiftDocument, PlanEffect } from './LiftDocument';

/** The effect assumed when the data holds no campaign: a tenth of the positive outcome's probability moved the campaign's way, anywhere from none to a fifth. */
export const assumedEffect = { value: 0.1, low: 0, high: 0.2 } as const;

/**
 * A comparison as a relative effect in the campaign's direction: the difference over the control
 * rate, sign-flipped for churn (fewer churners is the gain), interval bounds ordered.
 */
export function relativeEffect(comparison: GroupComparison, direction: 1 | -1): { value: number; low: number; high: number } | undefined {
  if (comparison.status !== 'measured') return undefined;
  const { difference, low, high, control } = comparison.outcome;
  // Relative to the positive outcome's rate: expected gain = probability of that outcome × value × relative.
  const base = control.rate;
  if (!(base > 0)) return undefined;
  const a = (direction * low) / base, b = (direction * high) / base;
  return { value: (direction * difference) / base, low: Math.min(a, b), high: Math.max(a, b) };
}

/**
 * Which effect a budget plan uses, in order of evidence: per-customer uplift, measured lift from
 * holdouts, the experiment's arms, else the stated assumption (`assumption: true`).
 */
export function planEffect(lift: Omit<LiftDocument, 'effect'>, direction: 1 | -1): PlanEffect {
  const bestArm = lift.experiment?.arms
    .map((a) => ({ arm: a.arm, breakdown: a, effect: relativeEffect(a.overall, direction) }))
    .filter((a) => a.effect)
    .sort((x, y) => y.effect!.value - x.effect!.value)[0];
  const segmentsOf = (breakdown: { bySegment: ({ segment: number } & GroupComparison)[] }) =>
    breakdown.bySegment.flatMap((s) => {
      const e = relativeEffect(s, direction);
      return e ? [{ segment: s.segment, ...e }] : [];
    });
  if (lift.uplift?.arms.length && bestArm) {
    return {
      source: 'uplift',
      assumption: false,
      relative: bestArm.effect!,
      bySegment: segmentsOf(bestArm.breakdown),
      description: `Each customer's own uplift estimate (two-model, best arm); the range scales it by the interval of ${bestArm.arm}'s measured effect against control.`,
    };
  }
  if (lift.measured.status === 'measured') {
    const overall = relativeEffect(lift.measured.overall, direction);
    if (overall) {
      return {
        source: 'measured',
        assumption: false,
        relative: overall,
        bySegment: segmentsOf(lift.measured),
        description: 'Measured on earlier messages: messaged customers against their holdout, per segment where the segment had enough customers.',
      };
    }
  }
  if (bestArm) {
    return {
      source: 'experiment',
      assumption: false,
      relative: bestArm.effect!,
      bySegment: segmentsOf(bestArm.breakdown),
      description: `The experiment's ${bestArm.arm} arm against control, per segment where the segment had enough customers.`,
    };
  }
  return {
    source: 'assumption',
    assumption: true,
    relative: { ...assumedEffect },
    bySegment: [],
    description: `No campaign has been measured on this data: contact is assumed to move ${assumedEffect.value * 100} % of each customer's probability the campaign's way (fewer leaving for churn, more buying for conversion) (anywhere from ${assumedEffect.low * 100} % to ${assumedEffect.high * 100} %). Send messages with a holdout and upload the data again to measure it.`,
  };
}
