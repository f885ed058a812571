import type { ReportInput } from '../../../shared/report/ReportInput';
import { mulberry32 } from '../../../tools/random/mulberry32';

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface FixtureOptions {
  segments?: number;
  points?: number;
  churn?: 'model' | 'heuristic' | 'none';
  drift?: boolean;
  /** Replaces the first segment's name and a feature name, e.g. with markup. */
  hostileText?: string;
}

/** A plausible run: k segments of customers with a churn model, quality findings and drift. */
export function reportFixture(options: FixtureOptions = {}): ReportInput {
  const k = options.segments ?? 5;
  const nPoints = options.points ?? 3000;
  const random = mulberry32(42);
  const features = ['monthly_spend', 'orders_6m', 'tenure_months', 'support_tickets', 'days_since_last_order', 'discount_share', 'contract=month-to-month', 'payment=electronic check'];
  if (options.hostileText) features[1] = options.hostileText;
  const names = ['High-value at risk', 'Loyal regulars', 'New and curious', 'Bargain hunters', 'Dormant', 'Big spenders', 'Support-heavy', 'Weekend shoppers', 'Seasonal', 'Occasional', 'Family plans', 'Students'];
  const sizes = Array.from({ length: k }, (_, i) => 300 + ((i * 379) % 900));
  const total = sizes.reduce((a, b) => a + b, 0);
  const centres = Array.from({ length: k }, (_, i) => [Math.cos((2 * Math.PI * i) / k) * 3, Math.sin((2 * Math.PI * i) / k) * 2]);
  const segments = Array.from({ length: k }, (_, i) => {
    const z = features.map((feature, j) => ({ feature, z: Math.round((Math.sin(i * 3.1 + j * 1.7 + i * j * 0.9) * 2.2) * 100) / 100 }));
    return {
      segment: i,
      name: i === 0 && options.hostileText ? options.hostileText : names[i % names.length],
      size: sizes[i],
      share: sizes[i] / total,
      centroid: Object.fromEntries(features.map((f, j) => [f, Math.round((50 + 40 * Math.sin(i + j)) * (j === 0 ? 20 : 1) * 100) / 100])),
      distinguishing: z.sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, 5),
      churnRate: options.churn === 'model' || options.churn === undefined ? 0.05 + 0.07 * ((i * 2) % k) : undefined,
      // As segments.json has it: a run without any churn signal has no mean probability.
      meanChurnProbability: options.churn === 'none' ? null : 0.06 + 0.065 * ((i * 2) % k),
      value: Math.round(200 + 150 * Math.cos(i)),
      priority: ((i + 2) % k) + 1,
      silhouette: Math.round((0.15 + 0.08 * ((i * 3) % k)) * 1000) / 1000,
      suggestedAction: i === 0 && options.hostileText ? options.hostileText : `Offer a tailored plan to segment ${i} before renewal.`,
    };
  });
  const points = Array.from({ length: nPoints }, () => {
    let r = random() * total;
    let segment = 0;
    while (segment < k - 1 && r >= sizes[segment]) r -= sizes[segment++];
    return { x: centres[segment][0] + gaussian(random), y: centres[segment][1] + gaussian(random) * 0.9, segment };
  });
  const fpr: number[] = [];
  const tpr: number[] = [];
  for (let i = 0; i <= 100; i++) {
    const f = i / 100;
    fpr.push(f);
    tpr.push(Math.min(1, Math.pow(f, 0.3)));
  }
  const churn: ReportInput['churn'] =
    options.churn === 'none'
      ? undefined
      : options.churn === 'heuristic'
        ? { heuristic: true, description: 'Recency, frequency and tenure ranked against all customers, averaged.' }
        : {
            model: 'HistGradientBoosting',
            target: 'Churn',
            metrics: { rocAuc: 0.8516, prAuc: 0.6612, accuracy: 0.802, brier: 0.137 },
            roc: { fpr, tpr },
            calibration: Array.from({ length: 10 }, (_, i) => ({
              meanPredicted: (i + 0.5) / 10,
              observed: Math.min(1, ((i + 0.5) / 10) * (0.85 + 0.3 * random())),
              count: Math.round(900 / (i + 1)),
            })),
            importance: features.map((feature, j) => ({ feature, importance: Math.round(1000 / (j + 1.5)) / 1000 })),
          };
  return {
    run: {
      dataset: 'telco-churn',
      runId: '3f9a0c1b7d2e4a56',
      createdAt: '2026-11-23T10:15:00.000Z',
      sourceFiles: ['WA_Fn-UseC_-Telco-Customer-Churn.csv'],
      rows: total,
      features: features.length,
      settings: { k: 'auto', kRange: [2, 10], target: 'Churn', language: 'en' },
      timings: [
        { step: 'parseDataset', seconds: 0.42 },
        { step: 'prepareFeatures', seconds: 0.08 },
        { step: 'chooseK', seconds: 2.31 },
        { step: 'clusterCustomers', seconds: 0.55 },
        { step: 'scoreChurn', seconds: 1.2 },
      ],
    },
    kSelection: {
      evaluations: Array.from({ length: 9 }, (_, i) => ({
        k: i + 2,
        inertia: Math.round(120000 / Math.pow(i + 2, 0.8)),
        silhouette: Math.round((0.22 + 0.06 * Math.exp(-Math.pow(i + 2 - k, 2) / 4)) * 1000) / 1000,
      })),
      chosenK: k,
      reason: `Highest mean silhouette among k = 2..10`,
    },
    segments,
    pca: { explainedVarianceRatio: [0.312, 0.187], points },
    churn,
    quality: {
      rows: total + 22,
      columns: [
        { name: 'customerID', type: 'id', missingShare: 0, distinct: total },
        { name: 'monthly_spend', type: 'number', missingShare: 0.0, distinct: 1585, outliers: 12 },
        { name: 'TotalCharges', type: 'number', missingShare: 0.0016, distinct: 6531, outliers: 0, note: '11 blank values read as missing' },
        { name: options.hostileText ?? 'Contract', type: 'category', missingShare: 0, distinct: 3, note: options.hostileText },
      ],
      duplicatesRemoved: 22,
      droppedColumns: [{ name: 'customerID', reason: 'identifier' }, { name: 'Churn', reason: 'target column' }],
      findings: ['TotalCharges: 11 blank cells were read as missing and imputed with the median.', '22 duplicate rows were removed.'],
    },
    drift: options.drift === false
      ? undefined
      : {
          previousRunId: '0a1b2c3d4e5f6071',
          ari: 0.83,
          sizeShift: segments.map((s) => ({ segment: s.segment, before: s.size + ((s.segment * 37) % 90) - 45, after: s.size })),
          centroidShift: segments.map((s) => ({ segment: s.segment, distance: 0.05 + 0.04 * s.segment })),
          metricChange: { rocAuc: [0.842, 0.8516] },
        },
  };
}
