import type { DenseMatrix } from '../ml/DenseMatrix';
import type { Outcome } from './goalWording';
import { nameSegment, segmentTraits, type SegmentTraits } from './nameSegment';
import { actionsByDriver, segmentAction } from './segmentAction';
import type { SegmentLanguage } from './segmentLanguage';
import type { ThemeId } from './featureThemes';
import type { SegmentProfile } from './SegmentProfile';

export interface ProfileInput {
  labels: ArrayLike<number>;
  k: number;
  /** Features in original units (imputed), row-major, with their names. */
  unscaled: DenseMatrix;
  featureNames: string[];
  /** Churn probability or heuristic risk per customer; absent when the data carries no churn signal. */
  risk?: ArrayLike<number>;
  /** What a high risk means (churn, conversion, neutral), for names and actions; churn by default. */
  outcome?: Outcome;
  /** Observed churn label per customer (0/1), when known. */
  churnLabel?: ArrayLike<number>;
  /** A multi-class target's classes, and each customer's class as an index into them (NaN when missing). */
  classes?: { names: string[]; classOf: ArrayLike<number> };
  /** Revenue / profit per customer, when a value column exists. */
  value?: ArrayLike<number>;
  silhouetteByCluster?: number[];
  /** Stable segment number for each cluster index (from matchSegments); identity by default. */
  segmentIds?: number[];
  /** Distinguishing features listed per segment. */
  topFeatures?: number;
  /** The language of names and actions (segmentLanguage.ts); English by default. */
  language?: SegmentLanguage;
  /** The manifest's display labels for columns. */
  displayLabels?: Record<string, string>;
}

/** Segment profiles: size, centroid, distinguishing features, churn, value, priority, name, action. */
export function profileSegments(input: ProfileInput): SegmentProfile[] {
  const { labels, k, unscaled, featureNames, risk } = input;
  const n = unscaled.rows, d = unscaled.cols;
  const popMean = new Float64Array(d), popSq = new Float64Array(d);
  const sums = new Float64Array(k * d), size = new Float64Array(k);
  const riskSum = new Float64Array(k), churnSum = new Float64Array(k), valueSum = new Float64Array(k), lossSum = new Float64Array(k);
  let popRisk = 0, popValue = 0, popValueSq = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    size[c]++;
    for (let j = 0; j < d; j++) {
      const v = unscaled.data[i * d + j];
      sums[c * d + j] += v; popMean[j] += v; popSq[j] += v * v;
    }
    const r = risk ? risk[i] : 1;
    riskSum[c] += r;
    popRisk += r;
    if (input.churnLabel) churnSum[c] += input.churnLabel[i];
    const value = input.value ? input.value[i] : 1;
    if (input.value && !Number.isNaN(value)) { valueSum[c] += value; popValue += value; popValueSq += value * value; }
    // Without a risk score the order follows value alone, and segment numbers without value either.
    const worth = input.value ? (Number.isNaN(value) ? 0 : Math.max(0, value)) : risk ? 1 : 0;
    lossSum[c] += r * worth;
  }
  const popStd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    popMean[j] /= n;
    popStd[j] = Math.sqrt(Math.max(0, popSq[j] / n - popMean[j] ** 2));
  }
  popRisk /= n;
  const valueMean = popValue / n, valueStd = Math.sqrt(Math.max(0, popValueSq / n - valueMean ** 2));
  const segmentNumber = (c: number) => (input.segmentIds ? input.segmentIds[c] : c);
  const classCount = input.classes ? input.classes.names.length : 0;
  const classTally = new Float64Array(k * classCount), labelledTally = new Float64Array(k);
  if (input.classes) {
    for (let i = 0; i < n; i++) {
      const t = input.classes.classOf[i]!;
      if (Number.isNaN(t)) continue;
      classTally[labels[i]! * classCount + t]++;
      labelledTally[labels[i]!]++;
    }
  }
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => lossSum[b] - lossSum[a] || segmentNumber(a) - segmentNumber(b));
  const priority = new Array<number>(k);
  order.forEach((c, rank) => { priority[c] = rank + 1; });
  const top = input.topFeatures ?? 5;
  const profiles: SegmentProfile[] = [];
  const traitsOf: SegmentTraits[] = [];
  for (let c = 0; c < k; c++) {
    const m = size[c] || 1;
    const centroid: Record<string, number> = {};
    const z: { feature: string; z: number }[] = [];
    for (let j = 0; j < d; j++) {
      const mean = sums[c * d + j] / m;
      centroid[featureNames[j]] = round(mean);
      if (popStd[j] > 1e-12) z.push({ feature: featureNames[j], z: round((mean - popMean[j]) / popStd[j], 3) });
    }
    z.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
    const distinguishing = z.slice(0, top);
    const meanRisk = riskSum[c] / m;
    const value = input.value ? valueSum[c] / m : undefined;
    const traits: SegmentTraits = {
      // Every feature, strongest first: a name or action may need a theme beyond the top few.
      distinguishing: z,
      // No risk score, no risk words: the name and action speak of value and features only.
      riskRatio: !risk ? undefined : popRisk > 0 ? meanRisk / popRisk : 1,
      valueZ: value !== undefined && valueStd > 0 ? (value - valueMean) / valueStd : undefined,
      outcome: input.outcome,
      ...(input.language ? { language: input.language } : {}),
      ...(input.displayLabels ? { labels: input.displayLabels } : {}),
    };
    traitsOf.push(traits);
    profiles.push({
      segment: input.segmentIds ? input.segmentIds[c] : c,
      name: nameSegment(traits),
      size: size[c],
      share: round(size[c] / n, 4),
      centroid,
      distinguishing,
      ...(input.churnLabel ? { churnRate: round(churnSum[c] / m, 4) } : {}),
      ...(input.classes
        ? { classShares: Object.fromEntries(input.classes.names.map((name, t) => [name, round(classTally[c * classCount + t]! / (labelledTally[c] || 1), 4)])) }
        : {}),
      meanChurnProbability: risk ? round(meanRisk, 4) : null,
      ...(value !== undefined ? { value: round(value) } : {}),
      priority: priority[c],
      ...(input.silhouetteByCluster ? { silhouette: round(input.silhouetteByCluster[c], 4) } : {}),
      suggestedAction: '',
      // Risk × value (or whichever of them the run has) summed over the segment: what priority ranks on.
      ...(risk || input.value ? { valueAtStake: round(lossSum[c]) } : {}),
    });
  }
  uniqueNames(profiles, traitsOf);
  distinctActions(profiles, traitsOf, featureNames);
  return profiles;
}

/**
 * Two segments with one name confuse a marketer: each of them gains its next trait in business
 * terms; when the traits run out, its share of customers tells them apart, then its number.
 */
function uniqueNames(profiles: SegmentProfile[], traits: SegmentTraits[]): void {
  for (let detail = 2; detail <= 4; detail++) {
    const clashing = clashes(profiles.map((p) => p.name));
    if (clashing.size === 0) return;
    profiles.forEach((p, c) => { if (clashing.has(p.name)) p.name = nameSegment(traits[c]!, detail); });
  }
  let clashing = clashes(profiles.map((p) => p.name));
  for (const p of profiles) if (clashing.has(p.name)) p.name = `${p.name} (${Math.round(p.share * 100)} %)`;
  clashing = clashes(profiles.map((p) => p.name));
  for (const p of profiles) if (clashing.has(p.name)) p.name = `${p.name} #${p.segment}`;
}

/**
 * One action per segment, none repeated: a segment that stands where another does (same risk,
 * value and activity, same leading theme) is led by its next trait, and failing that its test
 * compares something else (offer size, timing, channel), so each segment's result teaches something.
 */
function distinctActions(profiles: SegmentProfile[], traits: SegmentTraits[], featureNames: string[]): void {
  const taken = new Set<string>();
  // The segment acted on first keeps the plainest action.
  const order = profiles.map((_, c) => c).sort((a, b) => profiles[a]!.priority - profiles[b]!.priority);
  for (const c of order) {
    const t = traits[c]!;
    const themes = segmentTraits(t).map((x) => x.theme);
    const focuses = [undefined, ...themes];
    const tries: [ThemeId | undefined, number][] = [...focuses.map((f): [ThemeId | undefined, number] => [f, 0])];
    for (let variant = 1; variant <= actionVariants; variant++) for (const f of focuses) tries.push([f, variant]);
    const [focus, variant] = tries.find(([f, v]) => !taken.has(segmentAction(t, f, v))) ?? [undefined, 0];
    let action = segmentAction(t, focus, variant);
    // More look-alike segments than ways to tell their tests apart: their share of customers does.
    if (taken.has(action)) action = `${action} (${Math.round(profiles[c]!.share * 100)} %)`;
    taken.add(action);
    profiles[c]!.suggestedAction = action;
    const byDriver = actionsByDriver(t, featureNames, variant);
    if (Object.keys(byDriver).length) profiles[c]!.actionsByDriver = byDriver;
  }
}

/** How many things a test may compare (segmentVocabulary's `variants`, the same count in every language). */
const actionVariants = 4;

function clashes(names: string[]): Set<string> {
  const seen = new Map<string, number>();
  for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
  return new Set([...seen].filter(([, count]) => count > 1).map(([n]) => n));
}

function round(v: number, digits = 6): number {
  if (!Number.isFinite(v)) return v;
  return Number(v.toPrecision(digits));
}
