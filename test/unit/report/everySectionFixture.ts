import type { GroupComparison } from '../../../shared/campaign/compareGroups';
import type { LiftDocument } from '../../../shared/campaign/LiftDocument';
import type { QiniSummary } from '../../../shared/campaign/qiniCurve';
import type { DatasetRoles } from '../../../shared/roles/DatasetRoles';
import type { ReportInput } from '../../../shared/report/ReportInput';
import { reportFixture } from './reportFixture';

function measured(treatedRate: number, controlRate: number, customers: number): GroupComparison {
  const estimate = (rate: number) => ({ customers, events: Math.round(rate * customers), rate, low: rate - 0.03, high: rate + 0.03 });
  const difference = treatedRate - controlRate;
  return {
    status: 'measured',
    outcome: { treated: estimate(treatedRate), control: estimate(controlRate), difference, low: difference - 0.04, high: difference + 0.04, pValue: 0.01, method: 'newcombe-wilson' },
    spend: { treated: { customers, mean: 61.2 }, control: { customers, mean: 58.4 }, difference: 2.8, low: -0.5, high: 6.1, pValue: 0.1, method: 'welch' },
  };
}

function qini(auuc: number): QiniSummary {
  const curve = Array.from({ length: 11 }, (_, i) => ({ share: i / 10, gain: 12 * Math.sqrt(i / 10), random: 12 * (i / 10) }));
  return { customers: 800, treated: 400, control: 400, auuc, randomAuuc: 0.006, qini: auuc - 0.006, curve };
}

const roles: DatasetRoles = {
  id: { column: 'customerID', evidence: 'unique on every row', confidence: 'high', override: '"id": "customerID"' },
  target: { column: 'Churn', positive: 'Yes', evidence: 'two values', confidence: 'medium', override: '"target": "Churn"' },
  goal: { column: 'Churn', goal: 'churn', evidence: 'the name says churn', confidence: 'high', override: '"goal": "churn"' },
  consent: { column: 'email_opt_in', mode: 'column', polarity: 'opt-in', evidence: 'yes/no values', confidence: 'manifest', override: '"consent": "email_opt_in"' },
  value: { column: null, evidence: 'no money column', confidence: 'none', override: '"value": "<column>"' },
  dates: [{ column: 'signup_date', format: 'DD-MM-YYYY', ambiguous: true, evidence: 'days and months both at most 12', confidence: 'low', override: '"dates": {"signup_date": "DD-MM-YYYY"}' }],
  referenceDate: '2026-10-31T00:00:00.000Z',
};

/** A run that fills every section of report.html: how the data was read, k, the model, drift, campaigns, quality and the run. */
export function everySectionFixture(): ReportInput {
  const input = reportFixture();
  const names = new Map(input.segments.map((s) => [s.segment, s.name]));
  const campaign: LiftDocument = {
    runId: input.run.runId,
    goal: 'churn',
    outcome: { column: 'Churn', positive: 'Yes' },
    spendColumn: 'monthly_spend',
    measured: {
      status: 'measured',
      requests: [{ runId: '0a1b2c3d4e5f6071', requestId: 'spring-winback', messaged: 900, holdout: 100 }],
      overall: measured(0.12, 0.2, 900),
      bySegment: [{ segment: 0, ...measured(0.1, 0.22, 300) }, { segment: 1, status: 'too-little-data', treated: 20, control: 4, events: 3, reason: 'Too little data to measure.' }],
      byVariant: [{ variant: 'email-a', ...measured(0.11, 0.2, 450) }],
    },
    experiment: { column: 'campaign', control: 'control', arms: [{ arm: 'email', overall: measured(0.14, 0.19, 400), bySegment: [], byVariant: [] }] },
    uplift: {
      method: 'two-model',
      model: 'HistGradientBoosting',
      testShare: 0.3,
      arms: [{ arm: 'email', trainTreated: 700, trainControl: 700, meanUplift: -0.05, heldOut: qini(0.012) }, { arm: 'sms', trainTreated: 300, trainControl: 700, meanUplift: 0.001, heldOut: qini(0.004) }],
      skipped: [{ arm: 'letter', reason: 'fewer than 30 treated customers' }],
      segments: [{ segment: 0, name: names.get(0)!, customers: 400, meanUplift: -0.07, persuadables: 180, expectedExtra: 28.4, rank: 1 }],
    },
    effect: { source: 'uplift', assumption: false, relative: { value: 0.25, low: 0.1, high: 0.4 }, bySegment: [], description: 'Each customer’s own uplift estimate.' },
  };
  return {
    ...input,
    valueColumn: 'monthly_spend',
    kSelection: { ...input.kSelection, clusteredOn: { features: 8, flagGap: 0.5, pca: { components: 5, varianceKept: 0.9 }, algorithm: 'minibatch' } },
    churn: { ...(input.churn as Exclude<ReportInput['churn'], undefined | { heuristic: true }>), warnings: ['monthly_spend predicts Churn almost perfectly.'] },
    reading: {
      roles,
      excluded: [{ column: 'cancel_date', reason: 'recorded after the outcome' }],
      duplicateIds: [{ id: 'C-17', rows: [4, 9] }],
      warnings: ['signup_date: days and months both at most 12'],
    },
    campaign,
  };
}
