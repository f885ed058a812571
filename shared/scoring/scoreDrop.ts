import { createHash } from 'node:crypto';
import { latestRunId } from '../api/datasetQueries';
import { readDatasetFiles } from '../ingest/readDatasetFiles';
import type { ModelArtifact } from '../model/ModelArtifact';
import { scoreTables } from '../model/scoreTables';
import { collectDropFiles, type DroppedBlob } from '../pipeline/collectDropFiles';
import { runPaths } from '../pipeline/runPaths';
import { screenUpload } from '../pipeline/screenUpload';
import { UploadPathError, parseUploadPath } from '../pipeline/uploadPath';
import { assignmentsCsv } from '../results/writeAssignmentsCsv';
import { assignmentsXlsx } from '../results/writeAssignmentsXlsx';
import { BlobStore } from '../storage/BlobStore';
import { blobTableSource } from '../storage/blobTableSource';
import { scoreFiles, scorePaths } from './scorePaths';
import { computeScoreId } from './scoreIdentity';
import { scoreProblemOf, type ScoreProblem } from './scoreProblem';
import { scoreRows } from './scoreRows';
import { statusAt, type ScoreStatus, type ScoreStep } from './ScoreStatus';

export interface ScoreDropLimits {
  maxFileBytes: number;
  maxColumns: number;
}

export type ScoreDropOutcome =
  | { kind: 'scored'; dataset: string; scoreId: string; runId: string; customers: number }
  | { kind: 'exists'; dataset: string; scoreId: string; state: ScoreStatus['state'] }
  | { kind: 'failed'; dataset: string; scoreId: string; errorBlob: string; problem: ScoreProblem }
  | { kind: 'refused'; errorBlob: string; message: string }
  | { kind: 'wait' | 'ignore' | 'gone'; reason: string };

/**
 * A file (or a manifest and its files) dropped into `<scoring container>/<dataset>/`, scored with the
 * dataset's latest model without retraining, into `results/<dataset>/scores/<scoreId>/scores.csv`
 * and `scores.xlsx`. The scoreId comes from the files' bytes and the model's runId, so a delivery of
 * the same drop again finds the folder done and writes nothing. Progress goes to status.json; a
 * problem the sender can fix (no model yet, an unreadable file, a column the model needs) to
 * error.json beside it. The dropped files stay where they are.
 */
export async function scoreDrop(store: BlobStore, container: string, blobName: string, limits: ScoreDropLimits, now = () => new Date()): Promise<ScoreDropOutcome> {
  let upload;
  try {
    upload = parseUploadPath(blobName);
  } catch (err) {
    if (!(err instanceof UploadPathError)) throw err;
    const errorBlob = runPaths.rejected(createHash('sha256').update(`${container}/${blobName}`).digest('hex').slice(0, 16));
    await store.writeJson(store.resultsContainer, errorBlob, {
      dataset: '_rejected', file: blobName, code: 'INVALID_PATH', message: err.message,
      hint: err.hint.replace(/\buploads\//g, `${container}/`), at: now().toISOString(),
    });
    return { kind: 'refused', errorBlob, message: err.message };
  }
  const arrived = await store.info(container, blobName);
  if (!arrived) return { kind: 'gone', reason: `${container}/${blobName} is no longer there.` };
  // Sizes first, from metadata: an oversized file costs one call, never a download.
  const manifestInfo = await store.info(container, `${upload.blobName.slice(0, upload.blobName.indexOf('/') + 1)}manifest.json`);
  const refusal = screenUpload(blobName, arrived.size, limits.maxFileBytes) ?? (manifestInfo && screenUpload(manifestInfo.name, manifestInfo.size, limits.maxFileBytes));
  if (refusal) {
    await store.writeJson(store.resultsContainer, refusal.errorBlob, refusal.error);
    return { kind: 'refused', errorBlob: refusal.errorBlob, message: String(refusal.error.message) };
  }

  const drop = await collectDropFiles(store, container, upload);
  if (drop.kind === 'wait' || drop.kind === 'ignore') return { kind: drop.kind, reason: drop.reason };
  const dataset = drop.dataset;
  const startedAt = now().toISOString();
  if (drop.kind === 'invalidManifest') {
    const scoreId = createHash('sha256').update(`score:manifest.json\n${drop.text}\n`).digest('hex').slice(0, 16);
    const base = { scoreId, dataset, runId: null, modelVersion: null, inputs: ['manifest.json'], state: 'running' as const, startedAt };
    return fail(store, base, 'readFiles', { ...scoreProblemOf(drop.error, 'manifest.json')! }, now);
  }

  const runId = (await latestRunId(store, dataset)) ?? null;
  const model = runId ? await store.readJson<ModelArtifact>(store.resultsContainer, runPaths.file(dataset, runId, 'model.json')) : undefined;
  const modelRunId = model ? runId : null;
  const scoreId = await computeScoreId(
    drop.files.map((f) => ({ name: f.file, open: () => store.openRead(container, f.blobName, f.etag) })),
    { dataset, modelRunId, manifest: drop.manifest },
  );
  const previous = await store.readJson<ScoreStatus>(store.resultsContainer, scorePaths.file(dataset, scoreId, 'status.json'));
  // A score that ended (either way) is final for these bytes and this model; one left running by a
  // host that stopped is done again, and gives the same files.
  if (previous && previous.state !== 'running') return { kind: 'exists', dataset, scoreId, state: previous.state };

  const inputs = drop.files.map((f) => f.file);
  const base = { scoreId, dataset, runId: modelRunId, modelVersion: model?.version ?? null, inputs, state: 'running' as const, startedAt };
  if (!model) {
    return fail(store, base, 'readFiles', {
      code: 'NO_MODEL',
      file: inputs.join(', '),
      message: `Dataset ${dataset} has no trained model yet, so ${inputs.join(', ')} cannot be scored.`,
      hint: `Upload training data to ${store.uploadsContainer}/${dataset}/ first; once its run has completed (${store.resultsContainer}/${dataset}/latest.json appears), drop the file into ${container}/${dataset}/ again.`,
    }, now);
  }

  const setStatus = (step: ScoreStep) => store.writeJson(store.resultsContainer, scorePaths.file(dataset, scoreId, 'status.json'), statusAt(base, step, now()));
  await setStatus('readFiles');
  let step: ScoreStep = 'readFiles';
  try {
    const read = await readDatasetFiles(
      drop.files.map((f: DroppedBlob) => blobTableSource(store, f, container)),
      drop.manifest,
      { maxFileBytes: limits.maxFileBytes, maxColumns: limits.maxColumns },
    );
    step = 'scoreCustomers';
    await setStatus(step);
    const scored = await scoreTables(model, read.map((f) => ({ name: f.entry.name, table: f.table })));
    step = 'writeScores';
    await setStatus(step);
    const table = scoreRows(model, scored);
    await store.write(store.resultsContainer, scorePaths.file(dataset, scoreId, 'scores.csv'), assignmentsCsv(table), 'text/csv; charset=utf-8');
    await store.write(
      store.resultsContainer,
      scorePaths.file(dataset, scoreId, 'scores.xlsx'),
      await assignmentsXlsx(table),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const completedAt = now().toISOString();
    // Written last: a completed status means every score file is there.
    await store.writeJson(store.resultsContainer, scorePaths.file(dataset, scoreId, 'status.json'), {
      ...statusAt({ ...base, state: 'completed' }, 'writeScores', now()),
      completedAt,
      customers: scored.length,
      results: { folder: `${store.resultsContainer}/${scorePaths.folder(dataset, scoreId)}`, files: [...scoreFiles] },
    } satisfies ScoreStatus);
    return { kind: 'scored', dataset, scoreId, runId: model.runId, customers: scored.length };
  } catch (err) {
    const problem = scoreProblemOf(err, inputs.join(', '));
    if (!problem) throw err;
    // A lone file is read as the model's customer file whatever its name: name the file that was dropped.
    if (inputs.length === 1 && problem.file !== undefined && !inputs.includes(problem.file)) problem.file = inputs[0];
    return fail(store, base, step, problem, now);
  }
}

/** error.json, then status.json marked failed (the status a poller reads last says where to look). */
async function fail(
  store: BlobStore,
  base: Omit<ScoreStatus, 'step' | 'stepIndex' | 'steps' | 'percent' | 'lastUpdatedAt'>,
  step: ScoreStep,
  problem: ScoreProblem,
  now: () => Date,
): Promise<ScoreDropOutcome> {
  const { dataset, scoreId } = base;
  const errorBlob = scorePaths.file(dataset, scoreId, 'error.json');
  await store.writeJson(store.resultsContainer, errorBlob, { dataset, ...problem, at: now().toISOString() });
  await store.writeJson(store.resultsContainer, scorePaths.file(dataset, scoreId, 'status.json'), statusAt({ ...base, state: 'failed' }, step, now()));
  return { kind: 'failed', dataset, scoreId, errorBlob, problem };
}
