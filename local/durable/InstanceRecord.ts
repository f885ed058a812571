import { HistoryEvent } from './HistoryEvent';

export type RuntimeStatus = 'Pending' | 'Running' | 'Completed' | 'Failed' | 'Terminated';

export const terminalStatuses: readonly RuntimeStatus[] = ['Completed', 'Failed', 'Terminated'];

/** durable-functions' RetryOptions as serialized in a CallActivityWithRetry action. */
export interface RetryPolicy {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

/** Work the host owes an instance: an activity attempt to run or a timer to fire. */
export type PendingTask =
  | { kind: 'activity'; id: number; name: string; input: string; retry?: { policy: RetryPolicy; attempt: number } }
  | { kind: 'timer'; id: number; fireAt: string; retryOf?: { name: string; input: string; policy: RetryPolicy; attempt: number } };

/** One orchestration instance: its status and the history its orchestrator is replayed from. */
export interface InstanceRecord {
  instanceId: string;
  name: string;
  /** The input as a JSON string, as the client sent it. */
  input: string | null;
  runtimeStatus: RuntimeStatus;
  customStatus: unknown;
  output: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  history: HistoryEvent[];
  /** Sequence numbers handed out so far; mirrors the orchestrator's own task numbering. */
  nextId: number;
  /** How many of the orchestrator's actions have been scheduled already. */
  knownActions: number;
  pending: PendingTask[];
}

export interface InstanceStatus {
  name: string;
  instanceId: string;
  createdTime: string;
  lastUpdatedTime: string;
  input: unknown;
  output: unknown;
  runtimeStatus: RuntimeStatus;
  customStatus: unknown;
  history?: HistoryEvent[];
}

export function toInstanceStatus(rec: InstanceRecord, showHistory = false): InstanceStatus {
  return {
    name: rec.name,
    instanceId: rec.instanceId,
    createdTime: rec.createdTime,
    lastUpdatedTime: rec.lastUpdatedTime,
    input: rec.input === null || rec.input === '' ? null : JSON.parse(rec.input),
    output: rec.output ?? null,
    runtimeStatus: rec.runtimeStatus,
    customStatus: rec.customStatus ?? null,
    ...(showHistory ? { history: rec.history } : {}),
  };
}
