import { FunctionRegistry } from '../functionsCore';
import { HostLogger, consoleLogger, invokeFunction } from '../invokeFunction';
import { RpcTypedData, jsonData, typedDataToJson } from '../rpcTypedData';
import { ActivityQueue } from './ActivityQueue';
import { ActionType, EventType, HistoryEvent, historyEvent } from './HistoryEvent';
import { InstanceRecord, PendingTask, RetryPolicy, terminalStatuses } from './InstanceRecord';
import { InstanceConflictError, InstanceStore } from './InstanceStore';

interface OrchestratorState {
  isDone: boolean;
  actions: unknown[][];
  output?: unknown;
  error?: string;
  customStatus?: unknown;
}

interface Action {
  actionType: number;
  functionName?: string;
  input?: unknown;
  retryOptions?: RetryPolicy;
  fireAt?: string;
}

const outOfProcDataLabel = '\n\n$OutOfProcData$:';

/**
 * Runs Durable Functions orchestrations the way the Durable Task extension does for out-of-process
 * workers: the registered orchestrator (durable-functions' own replay code) is called with the
 * instance's history and returns the actions it wants; the engine records them as history events,
 * runs activities and timers, appends their outcomes and calls the orchestrator again.
 * Every step is persisted before work is dispatched, so a host that stops mid-run resumes from storage:
 * activities that had not reported back run again (at-least-once, as on Azure).
 */
export class OrchestrationEngine {
  private readonly locks = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly activities: ActivityQueue;
  /** Instances picked up from storage at start: their activities yield to fresh runs'. */
  private readonly resumed = new Set<string>();
  private stopped = false;
  private readonly idle = new Set<() => void>();
  private readonly storageRetries = new Map<string, number>();

  constructor(
    private readonly registry: FunctionRegistry,
    private readonly store: InstanceStore,
    private readonly options: {
      maxConcurrentActivities?: number;
      log?: HostLogger;
      /** Called once when an instance reaches Completed, Failed or Terminated (after it is saved). */
      onInstanceEnd?: (rec: InstanceRecord) => void;
    } = {},
  ) {
    this.activities = new ActivityQueue(options.maxConcurrentActivities ?? 4);
  }

  private get log(): HostLogger {
    return this.options.log ?? consoleLogger;
  }

  /** Whether `name` is a registered orchestrator (what startNew can start). */
  isOrchestrator(name: string): boolean {
    return this.registry.functions.get(name)?.trigger.type === 'orchestrationTrigger';
  }

  /** Starts a new instance; an instance with this id that is still running is a conflict. */
  async startNew(name: string, instanceId: string, input: string | null): Promise<void> {
    const fn = this.registry.get(name);
    if (fn.trigger.type !== 'orchestrationTrigger') throw new Error(`"${name}" is not an orchestrator function.`);
    const existing = await this.store.load(instanceId, true);
    if (existing && !terminalStatuses.includes(existing.runtimeStatus)) {
      throw new InstanceConflictError(`An orchestration with instance id "${instanceId}" is already ${existing.runtimeStatus}.`);
    }
    const now = new Date().toISOString();
    const rec: InstanceRecord = {
      instanceId,
      name,
      input,
      runtimeStatus: 'Pending',
      customStatus: null,
      output: null,
      createdTime: now,
      lastUpdatedTime: now,
      history: [
        historyEvent(EventType.OrchestratorStarted),
        historyEvent(EventType.ExecutionStarted, { Name: name, Input: input ?? undefined }),
      ],
      nextId: 0,
      knownActions: 0,
      pending: [],
    };
    await this.store.create(rec, existing ? this.store.etagOf(instanceId) : undefined);
    this.resumed.delete(instanceId);
    this.kick(instanceId);
  }

  /** Picks up every unfinished instance in storage (after a restart). */
  async resumeAll(): Promise<number> {
    let resumed = 0;
    for await (const rec of this.store.list()) {
      if (terminalStatuses.includes(rec.runtimeStatus)) continue;
      resumed++;
      this.resumed.add(rec.instanceId);
      this.log('information', 'durable', `Resuming ${rec.name} instance ${rec.instanceId} (${rec.runtimeStatus}).`);
      this.kick(rec.instanceId);
    }
    return resumed;
  }

  async terminate(instanceId: string, reason: string): Promise<boolean> {
    let found = false;
    await this.withLock(instanceId, async () => {
      const rec = await this.store.load(instanceId, true);
      if (!rec || terminalStatuses.includes(rec.runtimeStatus)) return;
      found = true;
      rec.history.push(historyEvent(EventType.ExecutionTerminated, { Input: reason }));
      rec.runtimeStatus = 'Terminated';
      rec.output = reason;
      rec.pending = [];
      rec.lastUpdatedTime = new Date().toISOString();
      await this.store.save(rec);
      this.resumed.delete(instanceId);
      this.options.onInstanceEnd?.(rec);
    });
    return found;
  }

  async raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<boolean> {
    let found = false;
    await this.withLock(instanceId, async () => {
      const rec = await this.store.load(instanceId, true);
      if (!rec || terminalStatuses.includes(rec.runtimeStatus)) return;
      found = true;
      rec.history.push(historyEvent(EventType.OrchestratorStarted));
      rec.history.push(historyEvent(EventType.EventRaised, { Name: eventName, Input: JSON.stringify(data ?? null) }));
      await this.step(rec);
    });
    return found;
  }

  /** Resolves when no instance has work in progress in this host. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.activities.close();
  }

  private isIdle(): boolean {
    return this.locks.size === 0 && this.inFlight.size === 0 && this.timers.size === 0;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idle) resolve();
    this.idle.clear();
  }

  /** Runs the orchestrator (if it has not run since its last event) and dispatches outstanding work. */
  private kick(instanceId: string): void {
    void this.withLock(instanceId, async () => {
      const rec = await this.store.load(instanceId, true);
      if (!rec || terminalStatuses.includes(rec.runtimeStatus)) return;
      if (rec.pending.length === 0 || rec.runtimeStatus === 'Pending') await this.step(rec);
      else this.dispatch(rec);
    });
  }

  private withLock(instanceId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.locks.get(instanceId) ?? Promise.resolve();
    const next = previous
      .then(() => (this.stopped ? undefined : work()))
      .then(() => {
        this.storageRetries.delete(instanceId);
      })
      .catch((err: unknown) => {
        this.log('error', 'durable', `Instance ${instanceId}: ${errorMessage(err)}`);
        if (isTransientStorageError(err)) this.retryLater(instanceId);
      });
    this.locks.set(instanceId, next);
    void next.finally(() => {
      if (this.locks.get(instanceId) === next) this.locks.delete(instanceId);
      this.checkIdle();
    });
    return next;
  }

  /**
   * Storage failed even after the SDK's own retries: pick the instance up again from what was saved.
   * An outcome that had not been saved is lost, so its activity runs again (at-least-once).
   */
  private retryLater(instanceId: string): void {
    const attempt = (this.storageRetries.get(instanceId) ?? 0) + 1;
    this.storageRetries.set(instanceId, attempt);
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      for (const key of [...this.inFlight]) if (key.startsWith(`${instanceId}#`)) this.inFlight.delete(key);
      this.kick(instanceId);
    }, Math.min(30_000, 500 * 2 ** Math.min(attempt, 6)));
    this.timers.add(handle);
  }

  /** One orchestrator episode: replay the history, record the new actions, persist, dispatch. */
  private async step(rec: InstanceRecord): Promise<void> {
    const fn = this.registry.get(rec.name);
    const trigger = {
      history: rec.history,
      input: rec.input === null || rec.input === '' ? undefined : JSON.parse(rec.input),
      instanceId: rec.instanceId,
      isReplaying: false,
      parentInstanceId: '',
      upperSchemaVersion: 0,
    };
    let state: OrchestratorState;
    let failure: string | undefined;
    try {
      const res = await invokeFunction(this.registry, fn, { inputData: { [fn.trigger.name]: jsonData(trigger) } }, this.log);
      state = JSON.parse(typedDataToJson(res.returnValue as RpcTypedData)) as OrchestratorState;
    } catch (err) {
      const message = errorMessage(err);
      const at = message.indexOf(outOfProcDataLabel);
      if (at < 0) throw err;
      state = JSON.parse(message.slice(at + outOfProcDataLabel.length)) as OrchestratorState;
      // durable-functions puts whether the orchestrator returned ("false") before the label; the
      // orchestrator's own error is in the state it attaches.
      failure = state.error || message.slice(0, at);
    }
    const now = new Date().toISOString();
    rec.lastUpdatedTime = now;
    if (state.customStatus !== undefined) rec.customStatus = state.customStatus;
    if (failure !== undefined) {
      rec.runtimeStatus = 'Failed';
      rec.output = failure;
      rec.pending = [];
      rec.history.push(historyEvent(EventType.ExecutionFailed, { Reason: failure }));
      this.log('error', rec.name, `Instance ${rec.instanceId} failed: ${failure}`);
    } else if (state.isDone) {
      rec.runtimeStatus = 'Completed';
      rec.output = state.output ?? null;
      rec.pending = [];
      rec.history.push(historyEvent(EventType.ExecutionCompleted, { Result: JSON.stringify(state.output ?? null) }));
    } else {
      rec.runtimeStatus = 'Running';
      const actions = (state.actions ?? []).flat() as Action[];
      try {
        for (const action of actions.slice(rec.knownActions)) this.schedule(rec, action);
        rec.knownActions = Math.max(rec.knownActions, actions.length);
      } catch (err) {
        rec.runtimeStatus = 'Failed';
        rec.output = errorMessage(err);
        rec.pending = [];
      }
    }
    await this.store.save(rec);
    if (rec.runtimeStatus === 'Running') this.dispatch(rec);
    else if (terminalStatuses.includes(rec.runtimeStatus)) {
      this.resumed.delete(rec.instanceId);
      this.options.onInstanceEnd?.(rec);
    }
  }

  /** Records one new orchestrator action in history, numbered as the orchestrator numbers its tasks. */
  private schedule(rec: InstanceRecord, action: Action): void {
    const input = typeof action.input === 'string' ? action.input : JSON.stringify(action.input ?? null);
    switch (action.actionType) {
      case ActionType.CallActivity:
      case ActionType.CallActivityWithRetry: {
        const id = rec.nextId++;
        const name = String(action.functionName);
        rec.history.push(historyEvent(EventType.TaskScheduled, { Name: name, Input: input }, id));
        rec.pending.push({
          kind: 'activity',
          id,
          name,
          input,
          retry: action.actionType === ActionType.CallActivityWithRetry && action.retryOptions
            ? { policy: action.retryOptions, attempt: 1 }
            : undefined,
        });
        return;
      }
      case ActionType.CreateTimer: {
        const id = rec.nextId++;
        const fireAt = new Date(String(action.fireAt)).toISOString();
        rec.history.push(historyEvent(EventType.TimerCreated, { FireAt: fireAt }, id));
        rec.pending.push({ kind: 'timer', id, fireAt });
        return;
      }
      case ActionType.WaitForExternalEvent:
        return; // waits for raiseEvent; takes no sequence number
      default:
        throw new Error(`Orchestration action type ${action.actionType} is not supported by the local host.`);
    }
  }

  private dispatch(rec: InstanceRecord): void {
    for (const task of rec.pending) {
      const key = `${rec.instanceId}#${task.id}`;
      if (this.inFlight.has(key)) continue;
      this.inFlight.add(key);
      if (task.kind === 'activity') this.enqueueActivity(rec.instanceId, task, key);
      else this.armTimer(rec.instanceId, task, key);
    }
  }

  private enqueueActivity(instanceId: string, task: Extract<PendingTask, { kind: 'activity' }>, key: string): void {
    const run = async () => {
      let outcome: { ok: true; result: string } | { ok: false; reason: string; details: string };
      try {
        const fn = this.registry.get(task.name);
        if (fn.trigger.type !== 'activityTrigger') throw new Error(`"${task.name}" is not an activity function.`);
        const res = await invokeFunction(
          this.registry,
          fn,
          { inputData: { [fn.trigger.name]: { json: task.input } } },
          this.log,
        );
        outcome = { ok: true, result: typedDataToJson(res.returnValue as RpcTypedData) };
      } catch (err) {
        outcome = { ok: false, reason: errorMessage(err), details: err instanceof Error ? (err.stack ?? '') : '' };
        this.log('warning', task.name, `Activity failed for ${instanceId}: ${outcome.reason}`);
      }
      if (this.stopped) return;
      await this.completePending(instanceId, task, key, (rec) => {
        if (outcome.ok) {
          rec.history.push(historyEvent(EventType.TaskCompleted, { TaskScheduledId: task.id, Result: outcome.result }));
        } else {
          rec.history.push(
            historyEvent(EventType.TaskFailed, { TaskScheduledId: task.id, Reason: outcome.reason, Details: outcome.details }),
          );
          // As the Durable Task retry interceptor does: after every failed attempt, a back-off timer.
          if (task.retry) this.scheduleRetryTimer(rec, task.name, task.input, task.retry.policy, task.retry.attempt);
        }
      });
    };
    this.activities.push(this.resumed.has(instanceId) ? 'resumed' : 'fresh', () =>
      run().finally(() => {
        this.inFlight.delete(key);
        this.checkIdle();
      }),
    );
  }

  private scheduleRetryTimer(rec: InstanceRecord, name: string, input: string, policy: RetryPolicy, attempt: number): void {
    const coefficient = policy.backoffCoefficient ?? 1;
    let delay = policy.firstRetryIntervalInMilliseconds * Math.pow(coefficient, attempt - 1);
    if (policy.maxRetryIntervalInMilliseconds && policy.maxRetryIntervalInMilliseconds > 0) {
      delay = Math.min(delay, policy.maxRetryIntervalInMilliseconds);
    }
    const id = rec.nextId++;
    const fireAt = new Date(Date.now() + delay).toISOString();
    rec.history.push(historyEvent(EventType.TimerCreated, { FireAt: fireAt }, id));
    rec.pending.push({ kind: 'timer', id, fireAt, retryOf: { name, input, policy, attempt } });
  }

  private armTimer(instanceId: string, task: Extract<PendingTask, { kind: 'timer' }>, key: string): void {
    const delay = Math.max(0, Date.parse(task.fireAt) - Date.now());
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      void this.completePending(instanceId, task, key, (rec) => {
        rec.history.push(historyEvent(EventType.TimerFired, { TimerId: task.id, FireAt: task.fireAt }));
        const retry = task.retryOf;
        if (retry && retry.attempt < retry.policy.maxNumberOfAttempts) {
          const id = rec.nextId++;
          rec.history.push(historyEvent(EventType.TaskScheduled, { Name: retry.name, Input: retry.input }, id));
          rec.pending.push({
            kind: 'activity',
            id,
            name: retry.name,
            input: retry.input,
            retry: { policy: retry.policy, attempt: retry.attempt + 1 },
          });
        }
      });
    }, Math.min(delay, 2_147_000_000));
    this.timers.add(handle);
  }

  /**
   * A pending task is done (its activity returned or its timer fired). Under the instance's lock it
   * leaves the pending list and a new orchestrator episode starts; `record` adds the task's events and
   * the orchestrator replays. Nothing happens if the instance ended meanwhile or the task was taken.
   */
  private completePending(instanceId: string, task: PendingTask, key: string, record: (rec: InstanceRecord) => void): Promise<void> {
    return this.withLock(instanceId, async () => {
      this.inFlight.delete(key);
      const rec = await this.store.load(instanceId, true);
      if (!rec || terminalStatuses.includes(rec.runtimeStatus)) return;
      if (!rec.pending.some((p) => p.kind === task.kind && p.id === task.id)) return;
      rec.pending = rec.pending.filter((p) => p.id !== task.id);
      rec.history.push(historyEvent(EventType.OrchestratorStarted));
      record(rec);
      await this.step(rec);
    });
  }
}

/** Storage errors worth another try: throttling, server errors, timeouts, dropped connections. */
function isTransientStorageError(err: unknown): boolean {
  if (err instanceof InstanceConflictError) return false;
  const e = err as { statusCode?: number; code?: string; name?: string };
  if (typeof e?.statusCode === 'number') return e.statusCode === 408 || e.statusCode === 429 || e.statusCode >= 500;
  return e?.name === 'RestError' || /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|REQUEST_SEND_ERROR)$/.test(String(e?.code ?? ''));
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export type { HistoryEvent };
