/** An orchestration as the durable client lists it (the fields read here). */
export interface InstanceSummary {
  instanceId: string;
  runtimeStatus?: string;
  input?: unknown;
}

/** Statuses of an orchestration that may still write: it has not completed, failed or been terminated. */
const activeStatuses = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

/**
 * Ids of the orchestrations still at work, of one dataset when named (runs and message requests
 * both carry `dataset` in their input): what clean-up and deletion must leave alone or wait for.
 */
export function instancesInProgress(instances: Iterable<InstanceSummary>, dataset?: string): Set<string> {
  const out = new Set<string>();
  for (const instance of instances) {
    if (!activeStatuses.has(String(instance.runtimeStatus))) continue;
    if (dataset !== undefined && (instance.input as { dataset?: unknown } | undefined)?.dataset !== dataset) continue;
    out.add(instance.instanceId);
  }
  return out;
}
