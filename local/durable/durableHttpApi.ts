import { randomUUID } from 'node:crypto';
import { OrchestrationEngine } from './OrchestrationEngine';
import { InstanceStore, InstanceConflictError } from './InstanceStore';
import { InstanceStatus, RuntimeStatus, toInstanceStatus } from './InstanceRecord';

export interface ApiResponse {
  status: number;
  body?: unknown;
}

/** The public webhook API (on Azure it needs the durabletask_extension system key). */
export const durableApiPrefix = '/runtime/webhooks/durabletask/';

/**
 * Where the host's own durable client calls: like Azure's rpcBaseUrl, which only the worker on the
 * same machine reaches. durable-functions' client sends no key and drops query strings from that
 * base, so the host key is a path segment after this prefix.
 */
export const durableClientPrefix = '/durabletask/';

/** The durable client binding's value: where `df.getClient(context)` sends its requests. */
export function durableClientData(origin: string, taskHubName: string, hostKey: string) {
  const base = `${origin}${durableApiPrefix}`;
  const clientBase = `${origin}${durableClientPrefix}${hostKey}/`;
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
    baseUrl: clientBase,
    requiredQueryStringParameters: '',
    rpcBaseUrl: clientBase,
    httpBaseUrl: clientBase,
  };
}

/**
 * Who is asking: the host itself (its durable client, or a caller holding the host key) may use the
 * whole API; anyone else may only read statuses, without inputs, outputs or history (they hold
 * customer files' names, manifests and message requests).
 */
export type DurableApiAccess = 'host' | 'public';

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
  access: DurableApiAccess,
): Promise<ApiResponse> {
  if (access === 'public' && method !== 'GET') {
    return { status: 401, body: { message: 'Changing orchestrations needs the host key (?code= or the x-functions-key header).' } };
  }
  const shown = (status: InstanceStatus): unknown => (access === 'host' ? status : withoutPayloads(status));
  let segments: string[];
  try {
    segments = path.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return { status: 400, body: { message: 'The path holds a broken percent-encoding.' } };
  }
  const statusUri = (id: string) => `${origin}${durableApiPrefix}instances/${encodeURIComponent(id)}`;
  let m: RegExpExecArray | null;
  if (method === 'POST' && /^orchestrators\/[^/]+(?:\/[^/]+)?$/.test(path)) {
    const name = segments[1]!;
    const instanceId = segments[2] ?? randomUUID().replace(/-/g, '');
    if (!engine.isOrchestrator(name)) return { status: 400, body: { message: `"${name}" is not an orchestrator function.` } };
    if (body !== '' && !isJson(body)) return { status: 400, body: { message: 'The input is not valid JSON.' } };
    try {
      await engine.startNew(name, instanceId, body === '' ? null : body);
    } catch (err) {
      if (err instanceof InstanceConflictError) return { status: 409, body: { message: err.message } };
      throw err;
    }
    return { status: 202, body: { id: instanceId, statusQueryGetUri: statusUri(instanceId) } };
  }
  if (method === 'GET' && /^instances\/?$/.test(path)) {
    const statuses = query.get('runtimeStatus')?.split(',').filter(Boolean) as RuntimeStatus[] | undefined;
    const from = query.get('createdTimeFrom');
    const to = query.get('createdTimeTo');
    if ((from && Number.isNaN(Date.parse(from))) || (to && Number.isNaN(Date.parse(to)))) {
      return { status: 400, body: { message: 'createdTimeFrom and createdTimeTo must be dates (ISO 8601).' } };
    }
    const result = [];
    for await (const rec of store.list()) {
      if (statuses?.length && !statuses.includes(rec.runtimeStatus)) continue;
      if (from && rec.createdTime < new Date(from).toISOString()) continue;
      if (to && rec.createdTime > new Date(to).toISOString()) continue;
      result.push(shown(toInstanceStatus(rec)));
    }
    return { status: 200, body: result };
  }
  if ((m = /^instances\/([^/]+)(?:\/([a-zA-Z]+)(?:\/([^/]+))?)?$/.exec(path))) {
    const instanceId = segments[1]!;
    const operation = m[2];
    if (!operation && method === 'GET') {
      const rec = await store.load(instanceId);
      if (!rec) return { status: 404, body: { message: `No instance with id ${instanceId}.` } };
      const status = rec.runtimeStatus === 'Completed' ? 200 : rec.runtimeStatus === 'Failed' ? 200 : 202;
      return { status, body: shown(toInstanceStatus(rec, query.get('showHistory') === 'true')) };
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
      if (body !== '' && !isJson(body)) return { status: 400, body: { message: 'The event data is not valid JSON.' } };
      const raised = await engine.raiseEvent(instanceId, segments[3]!, body === '' ? null : JSON.parse(body));
      return { status: raised ? 202 : 410 };
    }
  }
  return { status: 501, body: { message: `The local host does not serve ${method} ${path} of the durable API.` } };
}

function withoutPayloads(status: InstanceStatus): Omit<InstanceStatus, 'input' | 'output' | 'history'> {
  const { input: _input, output: _output, history: _history, ...rest } = status;
  return rest;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
