import { parse } from 'csv-parse/sync';
import type { QualityReport } from '../../ingest/QualityReport';
import type { FeaturePipelineState } from '../../model/FeaturePipeline';
import { FeaturePipeline } from '../../model/FeaturePipeline';
import { buildModelArtifact, type ModelArtifact } from '../../model/ModelArtifact';
import type { PCAState } from '../../ml/PCA';
import { renderReport } from '../../report/renderReport';
import type { ReportInput } from '../../report/ReportInput';
import { assignmentsCsv, type CellValue } from '../../results/writeAssignmentsCsv';
import { assignmentsXlsx } from '../../results/writeAssignmentsXlsx';
import { segmentDrift, type RunSegments, type SegmentDrift } from '../../segments/matchSegments';
import { findRfmColumns, rfmScores } from '../../segments/rfmScores';
import { BlobStore } from '../../storage/BlobStore';
import { RunInput } from '../RunInput';
import { alignCentroid } from '../alignCentroid';
import { runPaths } from '../runPaths';
import type { CandidateK } from './chooseK';
import type { ProfilesWork } from './profileSegments';
import type { ChurnWork } from './scoreChurn';
import { numericValues } from './tableColumns';
import { WorkFiles } from './workFiles';

export interface ResultsRequest {
  input: RunInput;
  kSelection: { evaluations: CandidateK[]; chosenK: number; reason: string };
  timings: { step: string; seconds: number }[];
  clustering: { path: 'single' | 'partitioned'; partitions: number; iterations: number };
}

export interface WrittenResults {
  files: string[];
}

/**
 * Writes every result file of the run under results/<dataset>/<runId>/, then moves latest.json to
 * the run — last, so a reader never sees a run that is only half written.
 */
export async function writeResults(store: BlobStore, request: ResultsRequest): Promise<WrittenResults> {
  const { input } = request;
  const work = new WorkFiles(store, input);
  const [{ table, schema }, labels, clustering, churn, profiles, pipelineState, pca] = await Promise.all([
    work.readTable(),
    work.readLabels(),
    work.readJson<{ centers: number[]; k: number; silhouette: number }>('clustering.json'),
    work.readJson<ChurnWork>('churn.json'),
    work.readJson<ProfilesWork>('profiles.json'),
    work.readJson<FeaturePipelineState>('pipeline.json'),
    work.readJson<{ state: PCAState; rows: number[]; points: [number, number][] }>('pca.json'),
  ]);
  const n = table.rowCount;
  const risk = churn.model ? await work.readFloat64('churn.bin') : undefined;
  const drivers = churn.model?.type === 'classifier' ? await work.readMatrix<null>('drivers.bin') : undefined;
  const featureNames = pipelineState.featureNames;
  const segmentOf = (cluster: number) => profiles.segmentIds[cluster]!;
  const profileBy = new Map(profiles.segments.map((s) => [s.segment, s]));

  // Priority 1 = act first: expected loss, risk × value (risk alone without a value column).
  const value = numericValues(table, profiles.valueColumn);
  const order = Array.from({ length: n }, (_, i) => i);
  if (risk) {
    const loss = (i: number) => risk[i]! * (value && Number.isFinite(value[i]) ? Math.max(0, value[i]!) : 1);
    order.sort((a, b) => loss(b) - loss(a) || a - b);
  }
  const priority = new Int32Array(n);
  order.forEach((row, rank) => (priority[row] = rank + 1));

  const idColumn = schema.id ? table.columns.find((c) => c.name === schema.id) : undefined;
  const consentColumn = schema.consent ? table.columns.find((c) => c.name === schema.consent!.column) : undefined;
  const rfmColumns = findRfmColumns(schema.numeric);
  const rfm = rfmColumns
    ? rfmScores(numericValues(table, rfmColumns.recency)!, numericValues(table, rfmColumns.frequency)!, numericValues(table, rfmColumns.monetary)!)
    : undefined;

  const header = [idColumn?.name ?? 'row_id', 'segment', 'segment_name', 'churn_probability', 'priority', 'driver_1', 'driver_2', 'driver_3', 'consent'];
  if (rfm) header.push('rfm_segment');
  const rows: CellValue[][] = new Array(n);
  const assignmentsById = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const rawId = idColumn ? idColumn.values[i] : i + 1;
    const id: CellValue = typeof rawId === 'number' && Number.isNaN(rawId) ? null : (rawId as CellValue);
    const segment = segmentOf(labels[i]!);
    assignmentsById.set(String(id), segment);
    const driverCells: CellValue[] = [null, null, null];
    if (drivers) {
      for (let t = 0; t < 3; t++) {
        const j = drivers.data[i * drivers.cols + 2 * t]!;
        if (Number.isNaN(j)) break;
        const c = drivers.data[i * drivers.cols + 2 * t + 1]!;
        driverCells[t] = `${featureNames[j]}: ${c >= 0 ? '+' : '-'}${Math.abs(c).toFixed(2)}`;
      }
    }
    const consent = consentColumn ? String(consentColumn.values[i]) === schema.consent!.positive : true;
    const row: CellValue[] = [id, segment, profileBy.get(segment)?.name ?? '', risk ? risk[i]! : null, priority[i]!, ...driverCells, consent];
    if (rfm) row.push(rfm[i]!.segment);
    rows[i] = row;
  }

  const file = (name: string) => runPaths.file(input.dataset, input.runId, name);
  const container = store.resultsContainer;
  // Uploads overlap with building the next file; only latest.json waits for all of them.
  const uploads: Promise<unknown>[] = [];
  // Marked handled at once: a failed upload must fail this step, not the process (unhandled rejection).
  const upload = (pending: Promise<unknown>) => {
    pending.catch(() => undefined);
    uploads.push(pending);
  };
  upload(store.write(container, file('assignments.csv'), assignmentsCsv({ header, rows }), 'text/csv; charset=utf-8'));
  const xlsx = await assignmentsXlsx({ header, rows });
  upload(store.write(container, file('assignments.xlsx'), xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));

  const segmentsJson = { runId: input.runId, k: clustering.k, silhouette: clustering.silhouette, segments: profiles.segments };
  upload(store.writeJson(container, file('segments.json'), segmentsJson));

  const d = featureNames.length;
  const model: ModelArtifact = buildModelArtifact({
    runId: input.runId,
    pipeline: FeaturePipeline.fromJSON(pipelineState),
    idColumn: schema.id ?? undefined,
    pca: pca.state,
    centers: Float64Array.from(clustering.centers),
    segments: Array.from({ length: clustering.k }, (_, c) => ({ segment: segmentOf(c), name: profileBy.get(segmentOf(c))?.name ?? `Segment ${segmentOf(c)}` })),
    churnModel: churn.model,
    metrics: {
      silhouette: clustering.silhouette,
      k: clustering.k,
      ...(churn.metrics ? { churn: churn.metrics } : {}),
      ...(churn.summary.rocAuc !== undefined ? { rocAuc: churn.summary.rocAuc } : {}),
    },
  });
  upload(store.writeJson(container, file('model.json'), model));
  const files = ['assignments.csv', 'assignments.xlsx', 'segments.json', 'model.json', 'quality.json'];

  let drift: SegmentDrift | undefined;
  if (input.previousRunId) {
    drift = await compareWithPrevious(store, input, {
      runId: input.runId,
      segments: model.centroids.map((c) => ({ segment: c.segment, centroid: c.center, size: profileBy.get(c.segment)?.size ?? 0 })),
      assignments: assignmentsById,
      rocAuc: churn.summary.rocAuc,
    }, featureNames);
    if (drift) {
      await store.writeJson(container, file('drift.json'), drift);
      files.push('drift.json');
    }
  }

  const quality = (await store.readJson<QualityReport>(container, file('quality.json')))!;
  const report: ReportInput = {
    run: {
      dataset: input.dataset,
      runId: input.runId,
      createdAt: input.startedAt,
      sourceFiles: input.files.map((f) => f.file),
      rows: n,
      features: d,
      settings: { seed: input.options.seed, ...(input.options.k ? { k: input.options.k } : {}), clustering: request.clustering },
      timings: request.timings,
    },
    kSelection: {
      evaluations: request.kSelection.evaluations.map((e) => ({ k: e.k, inertia: e.inertia, silhouette: e.silhouette })),
      chosenK: request.kSelection.chosenK,
      reason: request.kSelection.reason,
    },
    segments: profiles.segments,
    pca: {
      explainedVarianceRatio: pca.state.explainedVarianceRatio,
      points: pca.rows.map((row, i) => ({ x: pca.points[i]![0], y: pca.points[i]![1], segment: segmentOf(labels[row]!) })),
    },
    ...(churn.model?.type === 'classifier' && churn.metrics
      ? {
          churn: {
            model: churn.summary.model ?? 'classifier',
            target: schema.target?.column,
            metrics: { rocAuc: churn.metrics.rocAuc, prAuc: churn.metrics.prAuc, ...(churn.metrics.cvRocAuc !== null ? { cvRocAuc: churn.metrics.cvRocAuc } : {}), brier: churn.metrics.brier },
            roc: churn.metrics.roc,
            calibration: churn.metrics.calibration.map((b) => ({ meanPredicted: b.meanPredicted, observed: b.observedRate, count: b.count })),
            importance: (churn.importance ?? []).slice(0, 15),
          },
        }
      : churn.model?.type === 'heuristic'
        ? { churn: { heuristic: true as const, description: churn.heuristicDescription ?? '' } }
        : {}),
    quality: {
      rows: quality.rows.output,
      columns: quality.columns.map((c) => ({
        name: c.name,
        type: c.role,
        missingShare: c.missingShare,
        distinct: c.distinct,
        ...(c.outliers !== undefined ? { outliers: c.outliers } : {}),
        ...(c.imputed ? { note: `${c.imputed.count} missing filled with the ${c.imputed.strategy === 'median' ? 'median' : 'most frequent value'} (${String(c.imputed.value)})` } : {}),
      })),
      duplicatesRemoved: quality.rows.duplicateRowsRemoved + quality.rows.duplicateIdsRemoved,
      droppedColumns: quality.dropped.map((x) => ({ name: x.column, reason: x.detail || x.reason })),
      findings: [
        ...quality.implausible.slice(0, 10).map((x) => `${x.column}: ${x.value} (row ${x.row}${x.id ? `, id ${x.id}` : ''}) is far outside the usual values (median ${x.median}).`),
        ...quality.notes,
      ],
    },
    ...(drift ? { drift: { ...drift, metricChange: drift.metricChange as Record<string, [number, number]> } } : {}),
  };
  upload(store.write(container, file('report.html'), await renderReport(report), 'text/html; charset=utf-8'));
  files.push('report.html');
  await Promise.all(uploads);

  await store.writeJson(container, runPaths.latest(input.dataset), { runId: input.runId, completedAt: new Date().toISOString() });
  return { files };
}

/** drift.json against the run latest.json pointed to when this run started. */
async function compareWithPrevious(store: BlobStore, input: RunInput, next: RunSegments, featureNames: string[]): Promise<SegmentDrift | undefined> {
  const previousId = input.previousRunId!;
  const container = store.resultsContainer;
  const previousModel = await store.readJson<ModelArtifact>(container, runPaths.file(input.dataset, previousId, 'model.json'));
  if (!previousModel) return undefined;
  const previousSegments = await store.readJson<{ segments: { segment: number; size: number }[] }>(container, runPaths.file(input.dataset, previousId, 'segments.json'));
  const sizeOf = new Map((previousSegments?.segments ?? []).map((s) => [s.segment, s.size]));
  const previousAssignments = new Map<string, number>();
  const csv = await store.readBuffer(container, runPaths.file(input.dataset, previousId, 'assignments.csv')).catch(() => undefined);
  if (csv) {
    const records = parse(csv, { bom: true, from_line: 2, relax_column_count: true }) as string[][];
    for (const r of records) previousAssignments.set(r[0]!, Number(r[1]));
  }
  const previousRoc = (previousModel.metrics as { rocAuc?: number }).rocAuc;
  return segmentDrift(
    {
      runId: previousId,
      segments: previousModel.centroids.map((c) => ({
        segment: c.segment,
        centroid: alignCentroid(c.center, previousModel.schema.featureNames, featureNames),
        size: sizeOf.get(c.segment) ?? 0,
      })),
      assignments: previousAssignments,
      ...(previousRoc !== undefined ? { rocAuc: previousRoc } : {}),
    },
    next,
  );
}
