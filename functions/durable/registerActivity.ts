import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { Activity } from '../../shared/pipeline/activities';
import { logStep, stepRunOf } from '../../shared/telemetry/logStep';

/** Registers an activity under its name in the table, with a handler held to the table's types. */
export function registerActivity<I, O>(activity: Activity<I, O>, handler: (input: I, context: InvocationContext) => O | Promise<O>): void {
  // Every activity writes its step record (status, durationMs, counts) through the one logger.
  df.app.activity(activity.name, {
    handler: (input: I, context: InvocationContext) => logStep(context, activity.name, stepRunOf(input), () => handler(input, context)),
  });
}
