import { createLogger, type LogSink } from './createLogger';

export interface RunEnd {
  runId: string;
  dataset: string;
  status: 'Completed' | 'Failed';
  durationMs: number;
  /** Completed runs: customers, segments and result files. */
  rows?: number;
  k?: number;
  files?: number;
  /** Failed runs: the step it stopped at, the problem's code and what was wrong. */
  step?: string;
  errorCode?: string;
  reason?: string;
}

/**
 * The record that closes a run, `event: "run"`: its status and how long it took from the start of
 * the orchestration, with what it produced or where and why it stopped. One per run: the
 * orchestrator writes it only when it is not replaying.
 */
export function logRunEnd(sink: LogSink, end: RunEnd): void {
  const { runId, dataset, status, durationMs, reason, ...rest } = end;
  const log = createLogger(sink, { runId, dataset, event: 'run', status, durationMs });
  const seconds = (durationMs / 1000).toFixed(1);
  if (status === 'Completed') {
    log.info(`Run ${runId} of ${dataset} completed in ${seconds} s`, rest);
  } else {
    log.error(`Run ${runId} of ${dataset} failed after ${seconds} s${rest.step ? ` at ${rest.step}` : ''}: ${reason ?? 'no reason given'}`, rest);
  }
}
