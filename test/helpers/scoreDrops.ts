import type { BlobServiceClient } from '@azure/storage-blob';
import { parse } from 'csv-parse/sync';
import { listBlobs, readBlobText } from './azurite';
import { waitFor } from './waitFor';

/** results/<dataset>/scores/<scoreId>/status.json as tests read it. */
export interface ScoreStatus {
  scoreId: string;
  dataset: string;
  runId: string | null;
  modelVersion: number | null;
  state: 'running' | 'completed' | 'failed';
  inputs: string[];
  customers?: number;
  completedAt?: string;
  results?: { folder: string; files: string[] };
  percent: number;
}

/** The score folders of a dataset (their scoreIds), sorted. */
export async function scoreIdsOf(service: BlobServiceClient, dataset: string): Promise<string[]> {
  const names = await listBlobs(service, 'results', `${dataset}/scores/`);
  return [...new Set(names.map((n) => n.slice(`${dataset}/scores/`.length).split('/')[0]!))].sort();
}

/** Waits for a score of the dataset, other than those in `known`, to end (completed or failed). */
export async function waitForScoreEnd(service: BlobServiceClient, dataset: string, known: string[] = [], limitMs = 60_000): Promise<ScoreStatus> {
  return waitFor(
    async () => {
      for (const id of await scoreIdsOf(service, dataset)) {
        if (known.includes(id)) continue;
        const text = await readBlobText(service, 'results', `${dataset}/scores/${id}/status.json`);
        const status = text ? (JSON.parse(text) as ScoreStatus) : undefined;
        if (status && status.state !== 'running') return status;
      }
      return undefined;
    },
    limitMs,
    `a score of ${dataset} to end`,
  );
}

/** Waits for a new score of the dataset to complete; one that fails ends the wait with its error.json. */
export async function waitForScoreCompleted(service: BlobServiceClient, dataset: string, known: string[] = [], limitMs = 60_000): Promise<ScoreStatus> {
  const status = await waitForScoreEnd(service, dataset, known, limitMs);
  if (status.state !== 'completed') {
    throw new Error(`score ${status.scoreId} of ${dataset} ${status.state}: ${await readBlobText(service, 'results', `${dataset}/scores/${status.scoreId}/error.json`)}`);
  }
  return status;
}

export interface DropParityInput {
  service: BlobServiceClient;
  dataset: string;
  runId: string;
  /** The files as uploaded for the run (manifest names), and its manifest, if any. */
  files: { name: string; bytes: Buffer }[];
  manifest?: unknown;
  limitMs?: number;
}

/**
 * Drops the run's own files into scoring/<dataset>/ and expects scores.csv to give every customer
 * of the run's assignments.csv the same segment, churn probability (as written, 6 decimals) and
 * priority and action (assignments' and customers.jsonl's); the header is the assignments'.
 */
export async function expectDropReproducesRun(input: DropParityInput): Promise<{ scoreId: string; customers: number }> {
  const { service, dataset, runId } = input;
  const known = await scoreIdsOf(service, dataset);
  const scoring = service.getContainerClient('scoring');
  // The manifest first, as for uploads: the score waits until every file it names is there.
  if (input.manifest) {
    const text = JSON.stringify(input.manifest);
    await scoring.getBlockBlobClient(`${dataset}/manifest.json`).upload(text, Buffer.byteLength(text));
  }
  for (const f of input.files) await scoring.getBlockBlobClient(`${dataset}/${f.name}`).upload(f.bytes, f.bytes.length);
  const status = await waitForScoreCompleted(service, dataset, known, input.limitMs ?? 120_000);
  expect({ runId: status.runId, inputs: [...status.inputs].sort() }).toEqual({ runId, inputs: input.files.map((f) => f.name).sort() });

  const csv = (name: string) => readBlobText(service, 'results', name).then((t) => parse(t!, { bom: true, columns: false }) as string[][]);
  const [scoresHeader, ...scores] = await csv(`${dataset}/scores/${status.scoreId}/scores.csv`);
  const [runHeader, ...assigned] = await csv(`${dataset}/${runId}/assignments.csv`);
  expect(scoresHeader).toEqual(runHeader);
  const actions = (await readBlobText(service, 'results', `${dataset}/${runId}/customers.jsonl`))!
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { action?: string }).action);

  const at = (name: string) => runHeader!.indexOf(name);
  const [segment, churn, priority, action] = [at('segment'), at('churn_probability'), at('priority'), at('action')];
  const byId = new Map<string, string[][]>();
  for (const row of scores) byId.set(row[0]!, [...(byId.get(row[0]!) ?? []), row]);
  const misses: unknown[] = [];
  assigned.forEach((row, i) => {
    // The run collapses exact duplicate rows; rows sharing an id but differing are each scored.
    const match = (byId.get(row[0]!) ?? []).find((s) => s[segment] === row[segment] && s[churn] === row[churn]);
    if (!match) misses.push({ id: row[0], run: [row[segment], row[churn]], scored: (byId.get(row[0]!) ?? []).map((s) => [s[segment], s[churn]]) });
    else if (Number(match[priority]) > Number(row[priority])) misses.push({ id: row[0], runPriority: row[priority], priority: match[priority] });
    else if (actions[i] !== undefined && (match[action] !== actions[i] || row[action] !== actions[i])) misses.push({ id: row[0], runAction: actions[i], assigned: row[action], action: match[action] });
  });
  expect({ dataset, customers: assigned.length, misses: misses.slice(0, 5), missed: misses.length }).toEqual({ dataset, customers: assigned.length, misses: [], missed: 0 });
  return { scoreId: status.scoreId, customers: scores.length };
}
