import { createLogger, type LogFields, type LogSink } from './createLogger';

/** The run a step works for: a RunInput, or a message job (which adds its requestId). */
export interface StepRun {
  runId?: string;
  dataset?: string;
  requestId?: string;
}

/** What a step that refused the data returns instead of throwing (a StepResult's failure). */
interface Refusal {
  ok: false;
  problem: { code: string; message: string };
}

/**
 * Runs one step of a run and writes its record, `event: "step"`: the step, its `status` (succeeded,
 * refused, failed), `durationMs` and the counts its result reports (rows, k, files, …), or the error
 * that stopped it, which is then rethrown so the orchestrator's retries still apply. The queries in
 * docs/DEPLOY.md read these fields.
 */
export async function logStep<T>(sink: LogSink, step: string, run: StepRun, work: () => Promise<T> | T, fields: LogFields = {}): Promise<T> {
  const log = createLogger(sink, {
    ...(run.runId ? { runId: run.runId } : {}),
    ...(run.dataset ? { dataset: run.dataset } : {}),
    ...(run.requestId ? { requestId: run.requestId } : {}),
    event: 'step',
    step,
    ...fields,
  });
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let result: T;
  try {
    result = await work();
  } catch (err) {
    const durationMs = elapsed();
    log.error(`${step} failed after ${durationMs} ms`, err, { status: 'failed', durationMs });
    throw err;
  }
  const durationMs = elapsed();
  if (isRefusal(result)) {
    log.warn(`${step} refused the data after ${durationMs} ms: ${result.problem.message}`, { status: 'refused', durationMs, errorCode: result.problem.code });
  } else {
    const counts = countsOf(result);
    const said = Object.entries(counts).map(([name, value]) => `${name} ${String(value)}`);
    log.info(`${step} succeeded in ${durationMs} ms${said.length ? ` (${said.join(', ')})` : ''}`, { status: 'succeeded', durationMs, ...counts });
  }
  return result;
}

/**
 * The figures a step's result reports about itself: its top-level numbers and flags (rows, k,
 * iterations, written, historical, …) and how many files it wrote. Larger values (centres, sums)
 * stay out of the record.
 */
export function countsOf(result: unknown): LogFields {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) return {};
  const counts: LogFields = {};
  for (const [name, value] of Object.entries(result)) {
    if (name === 'ok') continue;
    if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') counts[name] = value;
    else if (name === 'files' && Array.isArray(value)) counts.files = value.length;
  }
  return counts;
}

/**
 * The run an activity's payload belongs to. Payloads are a RunInput or a message job, alone or as
 * the `input` or `job` of a larger payload; a payload without one gives a record without them.
 */
export function stepRunOf(payload: unknown): StepRun {
  for (const candidate of [payload, fieldOf(payload, 'input'), fieldOf(payload, 'job')]) {
    const runId = fieldOf(candidate, 'runId');
    const dataset = fieldOf(candidate, 'dataset');
    if (typeof runId === 'string' && typeof dataset === 'string') {
      const requestId = fieldOf(candidate, 'requestId');
      return { runId, dataset, ...(typeof requestId === 'string' ? { requestId } : {}) };
    }
  }
  return {};
}

function fieldOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function isRefusal(result: unknown): result is Refusal {
  return typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === false && typeof (result as { problem?: unknown }).problem === 'object';
}
