import { z } from 'zod';
import type { ModelArtifact } from '../model/ModelArtifact';
import { readRequestNumber } from './readRequestNumber';
import { score } from '../model/score';
import { quoteInput } from '../http/quoteInput';
import { BlobStore } from '../storage/BlobStore';
import { runPaths } from '../pipeline/runPaths';
import { datasetNamePattern } from '../pipeline/uploadPath';
import { latestRunId } from './datasetQueries';

export const scoreRequestSchema = z.strictObject({
  // Checked here, before the name reaches a blob path: look-alikes and traversals are a 400, not a lookup.
  dataset: z
    .string()
    .max(200, 'must be a dataset folder name such as "telco-churn", at most 63 characters')
    .transform((s) => s.trim().toLowerCase())
    .pipe(
      z
        .string()
        .regex(datasetNamePattern, 'must be a dataset folder name such as "telco-churn": a-z, 0-9, ".", "_", "-" (look-alike letters from other alphabets are not accepted)'),
    ),
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
    if (!known.some((c) => Object.hasOwn(customer, c))) {
      const some = known.slice(0, 5).map((c) => `"${c}"`).join(', ');
      throw new ScoreInputError(400, 'unusable_row', `Customer ${row + 1} has none of the model's columns; send the columns as uploaded, such as ${some}.`, {
        row: row + 1,
        expected: known.slice(0, 30),
      });
    }
    for (const column of model.schema.idColumn ? [model.schema.idColumn, ...known] : known) {
      const value = customer[column];
      if (value !== null && typeof value === 'object') {
        throw new ScoreInputError(400, 'invalid_value', `Customer ${row + 1}, column "${column}": give a single value, not ${Array.isArray(value) ? 'a list' : 'an object'}.`, {
          row: row + 1,
          column,
        });
      }
    }
  });
  // Numbers are read once, strictly, and scored as read: "1,000" is 1000 in the check and in the score.
  const customers = request.customers.map((customer, row) => {
    const read: Record<string, unknown> = { ...customer };
    for (const column of model.schema.numeric) {
      const value = customer[column];
      if (value === undefined || value === null || value === '') continue;
      const number = readRequestNumber(value);
      if (!number.ok) {
        throw new ScoreInputError(400, 'invalid_value', `Customer ${row + 1}, column "${column}": ${quoteInput(value, 40)} ${number.reason}.`, {
          row: row + 1,
          column,
        });
      }
      read[column] = number.value;
    }
    return read;
  });

  const scored = score(model, customers);
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
        ...(s.classProbabilities ? { predictedClass: s.predictedClass, classProbabilities: s.classProbabilities } : {}),
      };
    }),
  };
}
