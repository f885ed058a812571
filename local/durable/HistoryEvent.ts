/**
 * Durable Functions history events as the out-of-process protocol carries them (the shape
 * durable-functions' replay reads). Numbers are the DurableTask HistoryEventType values.
 */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  EventRaised: 15,
} as const;

/** durable-functions' ActionType values for what an orchestrator asks the host to do. */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
} as const;

export interface HistoryEvent {
  EventType: number;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  [field: string]: unknown;
}

export function historyEvent(type: number, fields: Record<string, unknown> = {}, eventId = -1): HistoryEvent {
  return { EventType: type, EventId: eventId, IsPlayed: false, Timestamp: new Date().toISOString(), ...fields };
}
