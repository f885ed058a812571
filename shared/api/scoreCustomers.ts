import { z } from 'zod';
import type { ModelArtifact } from '../model/ModelArtifact';
import { toNumber } from '../model/FeaturePipeline';
import { score } from '../model/score';
import { BlobStore } from '../storage/BlobStore';
import { runPaths } from '../pipeline/runPaths';
import { latestRunId } from './datasetQueries';

export const scoreRequestSchema = z.strictObject({
  dataset: z.string().min(1).max(63),
  customers: z.array(z.record(z.string(), z.unknown())).min(1).max(10_000),
});

export type ScoreRequest = z.infer<typeof scoreRequestSchema>;

export class ScoreInputError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const models = new Map<string, ModelArtifact>();

async function loadModel(store: BlobStore, dataset: string, runId: string): Promise<ModelArtifact | undefined> {
  const key = `${dataset}/${runId}`;
  const cached = models.get(key);
  if (cached) return cached;
  const model = await store.readJson<ModelArtifact>(store.resultsContainer, runPaths.file(dataset, runId, 'model.json'));
  if (model) {
    models.set(key, model);
    while (models.size > 16) models.delete(models.keys().next().value!);
  }
  return model;
}

/**
 * POST /api/score: new customers (columns as uploaded) scored with the dataset's latest model, in
 * request order. A value the model cannot use is a 400 that names the row and the column.
 */
export async function scoreCustomers(store: BlobStore, request: ScoreRequest) {
  const dataset = request.dataset.toLowerCase();
  const runId = await latestRunId(store, dataset);
  if (!runId) throw new ScoreInputError(404, 'dataset_not_found', `Dataset ${dataset} has no completed run to score with.`);
  const model = await loadModel(store, dataset, runId);
  if (!model) throw new ScoreInputError(404, 'model_not_found', `Run ${runId} of ${dataset} has no model.json.`);

  const known = [...model.schema.numeric, ...model.schema.boolean, ...model.schema.categorical];
  request.customers.forEach((customer, row) => {
    if (!known.some((c) => c in customer)) {
      throw new ScoreInputError(400, 'unusable_row', `Customer ${row + 1} has none of the model's columns.`, {
        row: row + 1,
        expected: known.slice(0, 30),
      });
    }
    for (const column of model.schema.numeric) {
      const value = customer[column];
      if (value === undefined || value === null || value === '') continue;
      if (typeof value === 'object' || Number.isNaN(toNumber(value))) {
        throw new ScoreInputError(400, 'invalid_value', `Customer ${row + 1}, column "${column}": ${JSON.stringify(value).slice(0, 40)} is not a number.`, {
          row: row + 1,
          column,
        });
      }
    }
  });

  const scored = score(model, request.customers);
  const idColumn = model.schema.idColumn;
  return {
    runId,
    results: scored.map((s, i) => {
      const id = idColumn ? request.customers[i]![idColumn] : undefined;
      return {
        id: id === undefined || id === null ? String(i + 1) : String(id),
        segment: s.segment,
        segmentName: s.segmentName,
        churnProbability: s.churnProbability,
        drivers: s.drivers,
      };
    }),
  };
}
