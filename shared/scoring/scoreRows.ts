import type { ModelArtifact } from '../model/ModelArtifact';
import type { ScoredCustomer } from '../model/scoreTables';
import { assignmentRows } from '../results/assignmentRows';
import type { CustomerResults } from '../results/customerResults';
import type { AssignmentColumns } from '../results/writeAssignmentsCsv';

/**
 * scores.csv and scores.xlsx (docs/CONTRACTS.md): the columns of assignments.csv, from the same
 * builder (each customer's `action` among them). `consent` is false throughout: a file sent to be scored is not a consent
 * record, and messages are only ever written from a run's own customers.
 */
export function scoreRows(model: ModelArtifact, scored: ScoredCustomer[]): AssignmentColumns {
  const n = scored.length;
  const cm = model.churnModel;
  const oneVsRest = cm?.type === 'oneVsRest' ? cm.classes : undefined;
  const hasProbability = scored.some((s) => s.churnProbability !== null);
  const results: CustomerResults = {
    rows: n,
    idColumn: model.schema.idColumn ?? 'row_id',
    idValues: scored.map((s) => s.id),
    ids: scored.map((s) => s.id),
    segment: Int32Array.from(scored, (s) => s.segment),
    segmentNames: new Map([...model.centroids.map((c): [number, string] => [c.segment, c.name]), ...scored.map((s): [number, string] => [s.segment, s.segmentName])]),
    action: (i) => scored[i]!.action,
    // A customer without a probability (no churn signal) keeps an empty cell, as in the assignments.
    ...(hasProbability ? { churnProbability: Float64Array.from(scored, (s) => s.churnProbability ?? Number.NaN) } : {}),
    priority: Int32Array.from(scored, (s) => s.priority),
    drivers: (i) => scored[i]!.drivers.slice(0, 3),
    consent: new Uint8Array(n),
    channelConsent: [],
    ...(scored.some((s) => s.rfmSegment !== undefined) ? { rfmSegment: scored.map((s) => s.rfmSegment ?? '') } : {}),
    ...(oneVsRest
      ? {
          classes: {
            names: oneVsRest.map((c) => c.class),
            columns: oneVsRest.map((c) => c.column),
            probabilities: Float64Array.from(scored.flatMap((s) => oneVsRest.map((c) => s.classProbabilities?.[c.class] ?? Number.NaN))),
            predicted: Int32Array.from(scored, (s) => Math.max(0, oneVsRest.findIndex((c) => c.class === s.predictedClass))),
          },
        }
      : {}),
    // A run with transactions wrote customer_value_12m and next_purchase_date: so does its scoring.
    ...(model.customerValue
      ? {
          customerValue: {
            value: Float64Array.from(scored, (s) => s.customerValue12m ?? Number.NaN),
            nextPurchase: Float64Array.from(scored, (s) => (s.nextPurchaseDate ? Date.parse(s.nextPurchaseDate) : Number.NaN)),
          },
        }
      : {}),
  };
  return assignmentRows(results);
}
