import { storageRetryAfterSeconds } from '../http/withStorageDeadline';
import { JsonResponse, errorResponse, jsonResponse } from '../http/httpErrors';
import { isStorageUnavailable } from '../storage/isStorageUnavailable';
import type { DatasetDeletion } from './deleteDataset';
import type { CustomerErasure } from './forgetCustomer';

/** The answers of DELETE /datasets/{dataset} and DELETE /datasets/{dataset}/customers/{id} (docs/CONTRACTS.md). */
export function deletionAnswer(dataset: string, outcome: DatasetDeletion | CustomerErasure): JsonResponse {
  switch (outcome.kind) {
    case 'notFound':
      return errorResponse(404, 'dataset_not_found', `No dataset named ${dataset}: nothing is stored under uploads/${dataset}/ or results/${dataset}/.`);
    case 'inProgress':
      return {
        ...errorResponse(
          409,
          'run_in_progress',
          `A run or message request of ${dataset} is in progress and would write its data again; repeat the request once it has ended (GET /api/runs/{runId}).`,
          { instances: outcome.instances },
        ),
        headers: { 'Retry-After': '60' },
      };
    case 'deleted':
      return jsonResponse(200, { dataset, removed: outcome.removed });
    case 'done': {
      const { record } = outcome;
      return jsonResponse(200, {
        dataset,
        removed: record.removed,
        workFilesRemoved: record.workFilesRemoved,
        notRewritten: record.notRewritten,
        record: outcome.recordFile,
      });
    }
  }
}

/**
 * A deletion that storage cut short: part of it may be done, and repeating it finishes the rest
 * (both deletions are idempotent), so the caller is told to repeat, as for any 503.
 */
export function interruptedDeletion(err: unknown): JsonResponse | undefined {
  if (!isStorageUnavailable(err)) return undefined;
  const response = errorResponse(
    503,
    'storage_unavailable',
    `Storage failed while the request was being carried out; part of it may be done. Repeat the request in ${storageRetryAfterSeconds} seconds: it finishes what is left.`,
  );
  return { ...response, headers: { 'Retry-After': String(storageRetryAfterSeconds) } };
}
