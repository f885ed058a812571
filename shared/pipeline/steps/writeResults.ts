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
import { customerPriority } from '../../segments/customerPriority';
import { segmentDrift, type RunSegments, type SegmentDrift } from '../../segments/matchSegments';
import { findRfmColumns, rfmScores } from '../../segments/rfmScores';
import { BlobStore } from '../../storage/BlobStore';
import { publishLatest } from '../publishLatest';
import { RunInput } from '../RunInput';
import { alignCentroid } from '../alignCentroid';
import { customerConsent } from '../../roles/customerConsent';
import { readingWarnings } from '../../report/sections/readingSection';
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
  /** Set when a run of newer data was published first: this run's results stay, latest.json does not move. */
  historical?: true;
  newerRunId?: string;
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
  // One model per class has no single probability: churn_probability stays empty, priority follows value.
  const oneVsRest = churn.model?.type === 'oneVsRest' ? churn.summary.classes : undefined;
  const risk = churn.model && !oneVsRest ? await work.readFloat64('churn.bin') : undefined;
  const drivers = churn.model?.type === 'classifier' || oneVsRest ? await work.readMatrix<null>('drivers.bin') : undefined;
  const classProbabilities = oneVsRest ? await work.readMatrix<null>('classes.bin') : undefined;
  const featureNames = pipelineState.featureNames;
  const segmentOf = (cluster: number) => profiles.segmentIds[cluster]!;
  const profileBy = new Map(profiles.segments.map((s) => [s.segment, s]));

  // Priority 1 = act first: risk × value; by value alone when the data carries no churn signal.
  const priority = customerPriority(n, risk, numericValues(table, profiles.valueColumn));

  const idColumn = schema.id ? table.columns.find((c) => c.name === schema.id) : undefined;
  const consentOf = customerConsent(table, schema);
  const rfmColumns = findRfmColumns(schema.numeric);
  const rfm = rfmColumns
    ? rfmScores(numericValues(table, rfmColumns.recency)!, numericValues(table, rfmColumns.frequency)!, numericValues(table, rfmColumns.monetary)!)
    : undefined;

  const header = [idColumn?.name ?? 'row_id', 'segment', 'segment_name', 'churn_probability', 'priority', 'driver_1', 'driver_2', 'driver_3', 'consent'];
  if (rfm) header.push('rfm_segment');
  if (oneVsRest) header.push('predicted_class', ...oneVsRest.map((c) => c.column));
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
    const consent = consentOf[i] === 1;
    const row: CellValue[] = [id, segment, profileBy.get(segment)?.name ?? '', risk ? risk[i]! : null, priority[i]!, ...driverCells, consent];
    if (rfm) row.push(rfm[i]!.segment);
    if (oneVsRest && classProbabilities) {
      const k = classProbabilities.cols;
      const p = classProbabilities.data.subarray(i * k, (i + 1) * k);
      let best = 0;
      for (let c = 1; c < k; c++) if (p[c]! > p[best]!) best = c;
      row.push(oneVsRest[best]!.class, ...p);
    }
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

  const segmentsJson = {
    runId: input.runId, k: clustering.k, silhouette: clustering.silhouette, segments: profiles.segments,
    valueColumn: profiles.valueColumn ?? null, goal: schema.goal,
  };
  upload(store.writeJson(container, file('segments.json'), segmentsJson));

  const d = featureNames.length;
  const model: ModelArtifact = buildModelArtifact({
    runId: input.runId,
    roles: {
      goal: schema.goal,
      valueColumn: schema.value,
      ...(schema.roles.referenceDate ? { referenceDate: schema.roles.referenceDate } : {}),
      dates: schema.roles.dates.map((d) => ({ column: d.column, format: d.format })),
    },
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
      ...(oneVsRest ? { classes: oneVsRest } : {}),
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
    // NaN is the report's "no figure" (shown as –): without a churn signal there is no mean to show.
    segments: profiles.segments.map((s) => ({ ...s, meanChurnProbability: s.meanChurnProbability ?? NaN })),
    pca: {
      explainedVarianceRatio: pca.state.explainedVarianceRatio,
      points: pca.rows.map((row, i) => ({ x: pca.points[i]![0], y: pca.points[i]![1], segment: segmentOf(labels[row]!) })),
    },
    goal: schema.goal,
    valueColumn: profiles.valueColumn ?? null,
    ...(oneVsRest && schema.target
      ? { oneVsRest: { target: schema.target.column, classes: oneVsRest.map((c) => ({ class: c.class, model: c.model, rocAuc: c.rocAuc, prAuc: c.prAuc, share: c.positiveShare })), warnings: churn.summary.warnings } }
      : {}),
    ...(schema.target && !oneVsRest ? { outcome: { target: schema.target.column, positive: schema.target.positive, otherClasses: churn.summary.otherClasses ?? 1 } } : {}),
    ...(churn.model?.type === 'classifier' && churn.metrics
      ? {
          churn: {
            model: churn.summary.model ?? 'classifier',
            target: schema.target?.column,
            warnings: churn.summary.warnings ?? [],
            metrics: { rocAuc: churn.metrics.rocAuc, prAuc: churn.metrics.prAuc, ...(churn.metrics.cvRocAuc !== null ? { cvRocAuc: churn.metrics.cvRocAuc } : {}), brier: churn.metrics.brier },
            roc: churn.metrics.roc,
            calibration: churn.metrics.calibration.map((b) => ({ meanPredicted: b.meanPredicted, observed: b.observedRate, count: b.count })),
            importance: (churn.importance ?? []).slice(0, 15),
          },
        }
      : churn.model?.type === 'heuristic'
        ? { churn: { heuristic: true as const, description: churn.heuristicDescription ?? '' } }
        : {}),
    ...(quality.roles
      ? {
          reading: {
            roles: quality.roles,
            excluded: quality.excluded ?? [],
            duplicateIds: quality.duplicateIds ?? [],
            warnings: readingWarnings(quality.roles, quality),
          },
        }
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
  // What to check before acting, where a reader of quality.json (and the upload command) finds it.
  quality.warnings = [...(report.reading?.warnings ?? []), ...(churn.summary.warnings ?? [])];
  upload(store.writeJson(container, file('quality.json'), quality));
  files.push('report.html');
  await Promise.all(uploads);

  const publication = await publishLatest(store, input);
  return publication.historical ? { files: [...files, publication.file], historical: true, newerRunId: publication.newerRunId } : { files };
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
