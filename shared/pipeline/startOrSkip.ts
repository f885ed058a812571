import { isUnknownInstanceError } from '../http/httpErrors';

/** What starting needs from the durable client; durable-functions' DurableClient fits it as is. */
export interface InstanceStarter {
  getStatus(instanceId: string): Promise<{ runtimeStatus?: string }>;
  startNew(orchestratorName: string, options: { instanceId: string; input?: unknown }): Promise<string>;
}

export type StartOutcome = { started: true } | { started: false; runtimeStatus: string };

/** An instance that ended like this produced nothing, so its id may be started afresh. */
const restartableStatuses = new Set(['Failed', 'Terminated', 'Canceled']);

async function statusOf(client: InstanceStarter, instanceId: string): Promise<string | undefined> {
  try {
    return (await client.getStatus(instanceId)).runtimeStatus ?? undefined;
  } catch (err) {
    if (isUnknownInstanceError(err)) return undefined;
    throw err;
  }
}

/**
 * The one rule for every starter (blob trigger, retrain timer, large message requests): the instance
 * id names the work, so a starter that finds its instance pending, running or completed has
 * succeeded, and so has one that loses the race to start it (Azure answers that race with 409
 * "already Running"). Only an instance that failed or was terminated is started again.
 */
export async function startOrSkip(client: InstanceStarter, orchestratorName: string, instanceId: string, input: unknown): Promise<StartOutcome> {
  const before = await statusOf(client, instanceId);
  if (before !== undefined && !restartableStatuses.has(before)) return { started: false, runtimeStatus: before };
  try {
    await client.startNew(orchestratorName, { instanceId, input });
    return { started: true };
  } catch (err) {
    const now = await statusOf(client, instanceId).catch(() => undefined);
    if (now !== undefined && !restartableStatuses.has(now)) return { started: false, runtimeStatus: now };
    throw err;
  }
}
