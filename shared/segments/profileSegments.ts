import type { DenseMatrix } from '../ml/DenseMatrix';
import type { Outcome } from './goalWording';
import { nameSegment, suggestAction } from './nameSegment';
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
    const traits = {
      distinguishing,
      // No risk score, no risk words: the name and action speak of value and features only.
      riskRatio: !risk ? undefined : popRisk > 0 ? meanRisk / popRisk : 1,
      valueZ: value !== undefined && valueStd > 0 ? (value - valueMean) / valueStd : undefined,
      outcome: input.outcome,
    };
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
      suggestedAction: suggestAction(traits),
    });
  }
  dedupeNames(profiles);
  return profiles;
}

/** Two segments with one name confuse a marketer: add the next distinguishing feature. */
function dedupeNames(profiles: SegmentProfile[]): void {
  const seen = new Map<string, number>();
  for (const p of profiles) seen.set(p.name, (seen.get(p.name) ?? 0) + 1);
  for (const p of profiles) {
    if ((seen.get(p.name) ?? 0) < 2) continue;
    const d = p.distinguishing[0];
    p.name = d ? `${p.name} · ${d.z > 0 ? 'high' : 'low'} ${d.feature}` : `${p.name} ${p.segment}`;
  }
}

function round(v: number, digits = 6): number {
  if (!Number.isFinite(v)) return v;
  return Number(v.toPrecision(digits));
}
