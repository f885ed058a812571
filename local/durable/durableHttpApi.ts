import { randomUUID } from 'node:crypto';
import { OrchestrationEngine } from './OrchestrationEngine';
import { InstanceStore, InstanceConflictError } from './InstanceStore';
import { RuntimeStatus, toInstanceStatus } from './InstanceRecord';

export interface ApiResponse {
  status: number;
  body?: unknown;
}

export const durableApiPrefix = '/runtime/webhooks/durabletask/';

/** The durable client binding's value: where `df.getClient(context)` sends its requests. */
export function durableClientData(origin: string, taskHubName: string) {
  const base = `${origin}${durableApiPrefix}`;
  const instance = `${base}instances/INSTANCEID`;
  return {
    taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${base}orchestrators/{functionName}[/{instanceId}]`,
      createAndWaitOnNewInstancePostUri: `${base}orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}`,
    },
    managementUrls: {
      id: 'INSTANCEID',
      statusQueryGetUri: instance,
      sendEventPostUri: `${instance}/raiseEvent/{eventName}`,
      terminatePostUri: `${instance}/terminate?reason={text}`,
      rewindPostUri: `${instance}/rewind?reason={text}`,
      purgeHistoryDeleteUri: instance,
      restartPostUri: `${instance}/restart`,
      suspendPostUri: `${instance}/suspend?reason={text}`,
      resumePostUri: `${instance}/resume?reason={text}`,
    },
    baseUrl: base,
    requiredQueryStringParameters: '',
    rpcBaseUrl: base,
    httpBaseUrl: base,
  };
}

/**
 * The subset of the Durable Functions HTTP API that durable-functions' DurableClient uses:
 * start, status (one or many), terminate, raise event, purge.
 */
export async function handleDurableApi(
  engine: OrchestrationEngine,
  store: InstanceStore,
  method: string,
  path: string,
  query: URLSearchParams,
  body: string,
  origin: string,
): Promise<ApiResponse> {
  const statusUri = (id: string) => `${origin}${durableApiPrefix}instances/${encodeURIComponent(id)}`;
  let m: RegExpExecArray | null;
  if (method === 'POST' && (m = /^orchestrators\/([^/]+)(?:\/([^/]+))?$/.exec(path))) {
    const name = decodeURIComponent(m[1]!);
    const instanceId = m[2] ? decodeURIComponent(m[2]) : randomUUID().replace(/-/g, '');
    try {
      await engine.startNew(name, instanceId, body === '' ? null : body);
    } catch (err) {
      if (err instanceof InstanceConflictError) return { status: 409, body: { message: err.message } };
      return { status: 400, body: { message: err instanceof Error ? err.message : String(err) } };
    }
    return { status: 202, body: { id: instanceId, statusQueryGetUri: statusUri(instanceId) } };
  }
  if (method === 'GET' && /^instances\/?$/.test(path)) {
    const statuses = query.get('runtimeStatus')?.split(',').filter(Boolean) as RuntimeStatus[] | undefined;
    const from = query.get('createdTimeFrom');
    const to = query.get('createdTimeTo');
    const result = [];
    for await (const rec of store.list()) {
      if (statuses?.length && !statuses.includes(rec.runtimeStatus)) continue;
      if (from && rec.createdTime < new Date(from).toISOString()) continue;
      if (to && rec.createdTime > new Date(to).toISOString()) continue;
      result.push(toInstanceStatus(rec));
    }
    return { status: 200, body: result };
  }
  if ((m = /^instances\/([^/]+)(?:\/([a-zA-Z]+)(?:\/([^/]+))?)?$/.exec(path))) {
    const instanceId = decodeURIComponent(m[1]!);
    const operation = m[2];
    if (!operation && method === 'GET') {
      const rec = await store.load(instanceId);
      if (!rec) return { status: 404, body: { message: `No instance with id ${instanceId}.` } };
      const status = rec.runtimeStatus === 'Completed' ? 200 : rec.runtimeStatus === 'Failed' ? 200 : 202;
      return { status, body: toInstanceStatus(rec, query.get('showHistory') === 'true') };
    }
    if (!operation && method === 'DELETE') {
      const deleted = await store.delete(instanceId);
      return deleted ? { status: 200, body: { instancesDeleted: 1 } } : { status: 404 };
    }
    if (operation === 'terminate' && method === 'POST') {
      const rec = await store.load(instanceId);
      if (!rec) return { status: 404 };
      const done = await engine.terminate(instanceId, query.get('reason') ?? '');
      return { status: done ? 202 : 410 };
    }
    if (operation === 'raiseEvent' && method === 'POST' && m[3]) {
      const rec = await store.load(instanceId);
      if (!rec) return { status: 404 };
      const raised = await engine.raiseEvent(instanceId, decodeURIComponent(m[3]), body === '' ? null : JSON.parse(body));
      return { status: raised ? 202 : 410 };
    }
  }
  return { status: 501, body: { message: `The local host does not serve ${method} ${path} of the durable API.` } };
}
