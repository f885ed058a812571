import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { bufferSource } from '../../../shared/ingest/fileSource';
import { readTable } from '../../../shared/ingest/readTable';
import type { Table } from '../../../shared/ingest/Table';
import { fitKMeans, nearestCenters } from '../../../shared/ml/fitKMeans';
import { FeaturePipeline } from '../../../shared/model/FeaturePipeline';
import { buildModelArtifact } from '../../../shared/model/ModelArtifact';
import { priorityScale } from '../../../shared/model/populationRanks';
import { ScoreInputError } from '../../../shared/model/ScoreInputError';
import { scoreTables } from '../../../shared/model/scoreTables';
import { heuristicColumns, heuristicSignals } from '../../../shared/pipeline/heuristicColumns';
import { tableColumns } from '../../../shared/features/tableColumns';
import { customerPriority } from '../../../shared/segments/customerPriority';
import { fitHeuristicChurnRisk, heuristicChurnRisk } from '../../../shared/segments/heuristicChurnRisk';
import { generatedEventsJsonl } from '../../fixtures/scoringDatasets';

/**
 * A model fitted in-process the way the run's steps fit it (table, pipeline, k-means, heuristic risk),
 * then scoreTables on the raw event stream: each customer gets the run's segment, risk and priority.
 */
async function fittedRun() {
  const bytes = generatedEventsJsonl(120);
  const built = await buildCustomerTable([bufferSource('events.jsonl', bytes)]);
  const { schema, table } = built;
  const pipeline = new FeaturePipeline({ numeric: schema.numeric, boolean: schema.boolean, categorical: schema.categorical });
  const { X } = pipeline.fitTransform(tableColumns(table));
  const { centers } = await fitKMeans(X, { k: 3, seed: 1 });
  const labels = nearestCenters(X, centers);
  const columns = heuristicColumns(schema.numeric);
  const signals = heuristicSignals(table, columns);
  const state = fitHeuristicChurnRisk(signals);
  const risk = heuristicChurnRisk(state, signals, table.rowCount);
  const model = buildModelArtifact({
    runId: 'r1',
    pipeline,
    idColumn: schema.id ?? undefined,
    centers,
    segments: [0, 1, 2].map((c) => ({ segment: c + 10, name: `S${c}`, action: `act ${c}` })),
    churnModel: { type: 'heuristic', state, columns },
    recipe: built.recipe,
    population: { priority: priorityScale(table.rowCount, risk, undefined, null) },
  });
  return { bytes, table, labels, risk, model: JSON.parse(JSON.stringify(model)) as typeof model };
}

const ids = (t: Table) => Array.from(t.columns.find((c) => c.name === 'customer_id')!.values as ArrayLike<unknown>);

describe('scoreTables', () => {
  test('the raw events score every customer as the run: segment, risk, priority, action, in the order of the rows', async () => {
    const run = await fittedRun();
    const events = await readTable(bufferSource('events.jsonl', run.bytes));
    const scored = await scoreTables(run.model, [{ name: 'events.jsonl', table: events }]);
    expect(scored.map((s) => s.id)).toEqual(ids(run.table));
    const priority = customerPriority(run.table.rowCount, run.risk);
    scored.forEach((s, i) => {
      expect([i, s.segment, s.segmentName, s.action]).toEqual([i, run.labels[i]! + 10, `S${run.labels[i]}`, `act ${run.labels[i]}`]);
      expect(Math.abs(s.churnProbability! - run.risk[i]!)).toBeLessThanOrEqual(1e-12);
      expect(s.priority).toBeLessThanOrEqual(priority[i]!);
    });
  });

  test('one customer\'s events alone score as in the run: no new reference time or event types', async () => {
    const run = await fittedRun();
    const lines = run.bytes.toString('utf8').trimEnd().split('\n').filter((l) => l.includes('"U1007"'));
    const scored = await scoreTables(run.model, [{ name: 'events.jsonl', table: await readTable(bufferSource('events.jsonl', Buffer.from(lines.join('\n') + '\n'))) }]);
    const i = ids(run.table).indexOf('U1007');
    expect(scored).toHaveLength(1);
    expect([scored[0]!.id, scored[0]!.segment]).toEqual(['U1007', run.labels[i]! + 10]);
    expect(Math.abs(scored[0]!.churnProbability! - run.risk[i]!)).toBeLessThanOrEqual(1e-12);
  });

  test('a field the model needs, absent from the events, is a 400 naming it', async () => {
    const run = await fittedRun();
    const events = await readTable(bufferSource('events.jsonl', run.bytes));
    const withoutTime = { ...events, columns: events.columns.filter((c) => c.name !== 'ts') };
    await expect(scoreTables(run.model, [{ name: 'events.jsonl', table: withoutTime }])).rejects.toMatchObject({ status: 400, code: 'missing_column' });
    await expect(scoreTables(run.model, [{ name: 'events.jsonl', table: withoutTime }])).rejects.toBeInstanceOf(ScoreInputError);
  });
});
