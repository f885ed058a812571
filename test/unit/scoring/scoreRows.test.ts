import type { ModelArtifact } from '../../../shared/model/ModelArtifact';
import type { ScoredCustomer } from '../../../shared/model/scoreTables';
import { scoreRows } from '../../../shared/scoring/scoreRows';
import { assignmentsCsv } from '../../../shared/results/writeAssignmentsCsv';

/** The parts of a model that the score files are written from; the rest is never read here. */
function model(over: Partial<ModelArtifact> = {}): ModelArtifact {
  return {
    version: 1,
    runId: 'r1',
    schema: { idColumn: 'customer_id', numeric: ['spend'], boolean: [], categorical: [], featureNames: ['spend'] },
    centroids: [{ segment: 0, name: 'Loyal', center: [0] }, { segment: 3, name: 'At risk', center: [1] }],
    churnModel: null,
    ...over,
  } as ModelArtifact;
}

const scored: ScoredCustomer[] = [
  { id: '0001', segment: 3, segmentName: 'At risk', churnProbability: 0.8123456789, priority: 1, drivers: [{ feature: 'spend', contribution: -0.5 }], action: 'Call them' },
  { id: 'C2', segment: 0, segmentName: 'Loyal', churnProbability: null, priority: 2, drivers: [], action: '=HYPERLINK("x")' },
];

test('scores have the assignments columns (action among them), with the values as the assignments write them', () => {
  const table = scoreRows(model(), scored);
  expect(table.header).toEqual(['customer_id', 'segment', 'segment_name', 'churn_probability', 'priority', 'driver_1', 'driver_2', 'driver_3', 'consent', 'action']);
  expect(table.rows[0]).toEqual(['0001', 3, 'At risk', 0.8123456789, 1, 'spend: -0.50', null, null, false, 'Call them']);
  const csv = assignmentsCsv(table).toString('utf8');
  // The same writer: BOM, rounding to 6 decimals, an empty cell for a missing probability, ids as sent, formulas neutralized.
  expect(csv.split('\n').slice(1, 3)).toEqual(['0001,3,At risk,0.812346,1,spend: -0.50,,,false,Call them', `C2,0,Loyal,,2,,,,false,"'=HYPERLINK(""x"")"`]);
  expect(csv.startsWith('\ufeffcustomer_id,')).toBe(true);
});

test('rows are numbered under row_id without an id column; rfm and one-vs-rest columns come as in the assignments', () => {
  const oneVsRest = model({
    schema: { numeric: ['spend'], boolean: [], categorical: [], featureNames: ['spend'] },
    churnModel: { type: 'oneVsRest', target: 'plan', classes: [{ class: 'Gold', column: 'probability_gold', state: {} as never }, { class: 'Basic', column: 'probability_basic', state: {} as never }] },
  });
  const table = scoreRows(oneVsRest, [
    { id: '1', segment: 0, segmentName: 'Loyal', churnProbability: null, priority: 1, drivers: [], action: 'Keep', rfmSegment: 'Champions', predictedClass: 'Basic', classProbabilities: { Gold: 0.25, Basic: 0.75 } },
  ]);
  expect(table.header).toEqual([
    'row_id', 'segment', 'segment_name', 'churn_probability', 'priority', 'driver_1', 'driver_2', 'driver_3', 'consent', 'rfm_segment', 'action', 'predicted_class', 'probability_gold', 'probability_basic',
  ]);
  expect(table.rows[0]).toEqual(['1', 0, 'Loyal', null, 1, null, null, null, false, 'Champions', 'Keep', 'Basic', 0.25, 0.75]);
});
