import { BlobStore } from '../storage/BlobStore';
import { HistoricalRun, historicalRunFile } from './publishLatest';
import type { RunInput } from './RunInput';
import { runPaths } from './runPaths';

/** What durable status reports about an instance (a structural subset of DurableOrchestrationStatus). */
export interface OrchestrationStatusLike {
  instanceId: string;
  runtimeStatus: string;
  customStatus?: unknown;
  createdTime: Date | string;
  lastUpdatedTime: Date | string;
  input?: unknown;
  output?: unknown;
}

export interface RunDescription {
  runId: string;
  dataset: string;
  runtimeStatus: string;
  customStatus: unknown;
  createdAt: string;
  lastUpdatedAt: string;
  /** `historical` and `newerRunId` when a run of newer data was published first (historical.json). */
  results?: { folder: string; files: string[]; historical?: true; newerRunId?: string };
  error?: unknown;
}

/** The body of GET /api/runs/{runId} (docs/CONTRACTS.md). */
export async function describeRun(store: BlobStore, status: OrchestrationStatusLike): Promise<RunDescription> {
  const input = (status.input ?? {}) as Partial<RunInput>;
  const dataset = input.dataset ?? '';
  const out: RunDescription = {
    runId: status.instanceId,
    dataset,
    runtimeStatus: status.runtimeStatus,
    customStatus: status.customStatus ?? null,
    createdAt: new Date(status.createdTime).toISOString(),
    lastUpdatedAt: new Date(status.lastUpdatedTime).toISOString(),
  };
  if (status.runtimeStatus === 'Completed') {
    // Message requests run as their own instances; their files live in the folder of the run they used.
    const output = (status.output ?? {}) as { files?: string[]; runId?: string };
    const runId = output.runId ?? status.instanceId;
    out.results = { folder: `${store.resultsContainer}/${runPaths.folder(dataset, runId)}`, files: output.files ?? [] };
    if (out.results.files.includes(historicalRunFile)) {
      const historical = await store.readJson<HistoricalRun>(store.resultsContainer, runPaths.file(dataset, runId, historicalRunFile));
      if (historical) Object.assign(out.results, { historical: true, newerRunId: historical.newerRunId });
    }
  } else if (status.runtimeStatus === 'Failed') {
    out.error =
      (await store.readJson(store.resultsContainer, runPaths.file(dataset, status.instanceId, 'error.json'))) ??
      { code: 'RUN_FAILED', message: String(status.output ?? 'The run failed.') };
  }
  return out;
}
