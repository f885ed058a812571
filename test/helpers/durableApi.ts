import type { HostProcess } from './hostProcess';

/** An orchestration instance as the durable webhook API shows it to a caller holding the host key. */
export interface DurableInstance {
  instanceId: string;
  runtimeStatus: string;
  createdTime: string;
  lastUpdatedTime: string;
  input: { dataset?: string } | null;
  history?: { EventType: number; Name?: string; EventId: number; TaskScheduledId?: number }[];
}

async function getJson<T>(host: HostProcess, path: string): Promise<T> {
  const res = await fetch(`${host.url}/runtime/webhooks/durabletask/${path}`, { headers: { 'x-functions-key': host.hostKey } });
  if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every instance the host knows (inputs included). */
export function listInstances(host: HostProcess): Promise<DurableInstance[]> {
  return getJson(host, 'instances/');
}

/** The instances whose input names this dataset. */
export async function instancesOf(host: HostProcess, dataset: string): Promise<DurableInstance[]> {
  return (await listInstances(host)).filter((i) => i.input?.dataset === dataset);
}

/** One instance with its history. */
export function instanceWithHistory(host: HostProcess, instanceId: string): Promise<DurableInstance & { history: NonNullable<DurableInstance['history']> }> {
  return getJson(host, `instances/${encodeURIComponent(instanceId)}?showHistory=true`);
}
