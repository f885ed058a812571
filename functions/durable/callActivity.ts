import * as df from 'durable-functions';
import type { OrchestrationContext, Task } from 'durable-functions';
import type { Activity } from '../../shared/pipeline/activities';

/** Transient failures (storage hiccups, a recycled worker) are retried: 3 attempts, 2 s then 4 s apart. */
const retry = new df.RetryOptions(2000, 3);
retry.backoffCoefficient = 2;

/** Calls one activity with retries; `yield*` it from an orchestrator to get the activity's typed result. */
export function* callActivity<I, O>(context: OrchestrationContext, activity: Activity<I, O>, input: I): Generator<Task, O, O> {
  return yield context.df.callActivityWithRetry(activity.name, retry, input);
}

/** The same activity once per input, in parallel (fan-out / fan-in); results in input order. */
export function* callActivities<I, O>(context: OrchestrationContext, activity: Activity<I, O>, inputs: I[]): Generator<Task, O[], O[]> {
  return yield context.df.Task.all(inputs.map((input) => context.df.callActivityWithRetry(activity.name, retry, input)));
}
