import type { Schema } from '../ingest/Schema';
import type { Table } from '../ingest/Table';
import type { DenseMatrix } from '../ml/DenseMatrix';
import { fitUplift, type UpliftFit } from './fitUplift';
import { treatmentArms, type TreatmentArms } from './treatmentArms';

/** uplift.json (a work file): the run's uplift model in figures, or why there is none. */
export interface UpliftWork {
  column: string;
  control?: string;
  arms?: string[];
  fit?: Omit<UpliftFit, 'perArm' | 'best' | 'bestArm'>;
  /** Why no uplift was estimated (no control value, no target, an arm too small …). */
  problem?: string;
}

/** The treatment column of a run, when the manifest names one. */
export function treatmentColumnOf(table: Table, schema: Schema): Table['columns'][number] | undefined {
  const name = schema.columns.find((c) => c.role === 'treatment')?.name;
  return name ? table.columns.find((c) => c.name === name) : undefined;
}

/** The run's treatment column read as arms, when it has one and its control value can be told. */
export function runTreatmentArms(table: Table, schema: Schema, control: string | undefined): TreatmentArms | undefined {
  const column = treatmentColumnOf(table, schema);
  return column ? treatmentArms(column, control) : undefined;
}

/**
 * Uplift of a run whose manifest names a treatment: the two-model estimate on the run's features
 * (which never include the treatment column) against the 0/1 target. `matrix` is customers ×
 * (1 + arms): the best arm's estimate, then each arm's.
 */
export function treatmentUplift(
  table: Table,
  schema: Schema,
  control: string | undefined,
  X: DenseMatrix,
  labels: ArrayLike<0 | 1 | null>,
  seed = 0,
): { work: UpliftWork; matrix?: { rows: number; cols: number; data: Float64Array } } | undefined {
  const column = treatmentColumnOf(table, schema);
  if (!column) return undefined;
  const arms = treatmentArms(column, control);
  if (!arms) {
    return { work: { column: column.name, problem: `The control value of "${column.name}" is not known: name it in manifest.json ("control": "<value meaning not treated>").` } };
  }
  if (!arms.arms.length) return { work: { column: column.name, control: arms.control, arms: [], problem: `Every customer has "${column.name}" = "${arms.control}": there is no treated arm.` } };
  const y = Float64Array.from({ length: X.rows }, (_, i) => (labels[i] === null || labels[i] === undefined ? NaN : labels[i]!));
  const direction = schema.goal === 'churn' ? -1 : 1;
  const fit = fitUplift(X, y, arms.armOf, arms.arms, direction, { seed });
  const { perArm, best } = fit;
  const summary: UpliftWork['fit'] = { method: fit.method, model: fit.model, arms: fit.arms, skipped: fit.skipped, testShare: fit.testShare };
  const m = fit.arms.length;
  const cols = 1 + m;
  const data = new Float64Array(X.rows * cols);
  for (let i = 0; i < X.rows; i++) {
    data[i * cols] = best[i]!;
    for (let a = 0; a < m; a++) data[i * cols + 1 + a] = perArm[i * m + a]!;
  }
  const work: UpliftWork = { column: column.name, control: arms.control, arms: arms.arms, fit: summary };
  if (!m) work.problem = `No arm could be modelled: ${fit.skipped.map((s) => `${s.arm}: ${s.reason}`).join('; ')}.`;
  return { work, ...(m ? { matrix: { rows: X.rows, cols, data } } : {}) };
}

/** Each customer's best-arm uplift: the first column of uplift.bin. */
export function bestUplift(matrix: { rows: number; cols: number; data: Float64Array }): Float64Array {
  return Float64Array.from({ length: matrix.rows }, (_, i) => matrix.data[i * matrix.cols]!);
}
