import type { ReportInput } from '../report/ReportInput';
import { readingWarnings } from '../report/sections/readingSection';
import type { SegmentDrift } from '../segments/matchSegments';
import type { RunOutputs } from './RunOutputs';
import { segmentsDocument } from './segmentsDocument';

/** What report.html shows, from the run's outputs (and drift.json when there was a run before). */
export function reportInput(outputs: RunOutputs, drift: SegmentDrift | undefined): ReportInput {
  const { run, facts, schema, churn, profiles, pca, quality, labels } = outputs;
  const classes = churn.model?.type === 'oneVsRest' ? churn.summary.classes : undefined;
  const segmentOf = (cluster: number) => profiles.segmentIds[cluster]!;
  // The language and RFM table exactly as segments.json states them.
  const { language, rfmCrossTable } = segmentsDocument(outputs);
  return {
    ...(language ? { language } : {}),
    ...(rfmCrossTable ? { rfmCrossTable } : {}),
    ...(run.manifest?.labels ? { labels: run.manifest.labels } : {}),
    run: {
      dataset: run.dataset,
      runId: run.runId,
      createdAt: run.startedAt,
      sourceFiles: run.files.map((f) => f.file),
      rows: outputs.table.rowCount,
      features: outputs.featurePipeline.featureNames.length,
      settings: { seed: run.options.seed, ...(run.options.k ? { k: run.options.k } : {}), clustering: facts.clustering },
      timings: facts.timings,
    },
    kSelection: {
      evaluations: facts.kSelection.evaluations.map((e) => ({ k: e.k, inertia: e.inertia, silhouette: e.silhouette })),
      chosenK: facts.kSelection.chosenK,
      reason: facts.kSelection.reason,
      clusteredOn: {
        features: outputs.featurePipeline.featureNames.length,
        flagGap: outputs.clustering.space.flagGap,
        ...(outputs.clustering.space.pca
          ? { pca: { components: outputs.clustering.space.pca.nComponents, varianceKept: outputs.clustering.space.varianceKept ?? 0 } }
          : {}),
        algorithm: outputs.clustering.algorithm,
      },
    },
    segments: profiles.segments,
    pca: {
      explainedVarianceRatio: pca.state.explainedVarianceRatio,
      points: pca.rows.map((row, i) => ({ x: pca.points[i]![0], y: pca.points[i]![1], segment: segmentOf(labels[row]!) })),
    },
    goal: schema.goal,
    valueColumn: profiles.valueColumn ?? null,
    ...(classes && schema.target
      ? { oneVsRest: { target: schema.target.column, classes: classes.map((c) => ({ class: c.class, model: c.model, rocAuc: c.rocAuc, prAuc: c.prAuc, share: c.positiveShare })), warnings: churn.summary.warnings } }
      : {}),
    ...(schema.target && !classes ? { outcome: { target: schema.target.column, positive: schema.target.positive, otherClasses: churn.summary.otherClasses ?? 1 } } : {}),
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
      ? { reading: { roles: quality.roles, excluded: quality.excluded ?? [], duplicateIds: quality.duplicateIds ?? [], warnings: readingWarnings(quality.roles, quality) } }
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
}
