import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { BlobServiceClient, RestError } from '@azure/storage-blob';
import { maxJsonBodyBytes } from '../shared/http/readJsonBody';
import { storageRetryAfterSeconds } from '../shared/http/withStorageDeadline';
import { isStorageUnavailable } from '../shared/storage/isStorageUnavailable';
import type { Cron } from 'croner';
import { getSettings } from '../shared/config/settings';
import { BlobWatcher, BlobEvent } from './blobWatcher';
import { blobReferenceData, supportsDeferredBinding } from './blobTriggerData';
import { describeInstanceEnd } from './describeInstanceEnd';
import { DurableApiAccess, durableApiPrefix, durableClientData, durableClientPrefix, handleDurableApi } from './durable/durableHttpApi';
import { InstanceStore } from './durable/InstanceStore';
import { OrchestrationEngine } from './durable/OrchestrationEngine';
import { FunctionRegistry, RegisteredFunction, functionRegistry, installFunctionsCore } from './functionsCore';
import { HostLogger, InvocationInput, consoleLogger, invokeFunction } from './invokeFunction';
import { isLocalHostHeader } from './isLocalHostHeader';
import { readRequestBody } from './readRequestBody';
import { MalformedRouteError, RouteMatcher, compileRoute } from './routeTemplate';
import { RpcHttpData, RpcTypedData, jsonData, typedDataToBuffer } from './rpcTypedData';
import { resolveAppSettings, scheduleTimer } from './timerScheduler';

export interface LocalHostOptions {
  /** Folder of compiled function files (every .js file is loaded, like `main: dist/functions/*.js`). */
  functionsDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Storage connection string (Azurite); also given to the functions as AzureWebJobsStorage. */
  storageConnection: string;
  /** host.json, for the durable task hub name. */
  hostJsonPath?: string;
  blobPollIntervalMs?: number;
  maxConcurrentActivities?: number;
  /** Start timers from their schedules (tests fire them through the admin endpoint instead). */
  enableTimers?: boolean;
  /** Time a client has to send a request's headers and body (default 30 s); then 408 and the connection is closed. */
  requestTimeoutMs?: number;
  log?: HostLogger;
}

interface HttpRoute {
  fn: RegisteredFunction;
  matcher: RouteMatcher;
  methods: string[];
}

/** The largest body any function accepts (their JSON limit): larger ones are refused while arriving. */
const maxRequestBytes = maxJsonBodyBytes;

/**
 * Runs the app's function registrations without the Functions host: HTTP functions on
 * http://127.0.0.1:<port>/api/<route>, blob triggers from storage receipts, timers from their
 * NCRONTAB schedules, and durable orchestrations with their state in storage. The functions are the
 * same files that deploy to Azure; only the host around them differs.
 */
export class LocalHost {
  readonly registry: FunctionRegistry = functionRegistry;
  private server: http.Server | undefined;
  private engine: OrchestrationEngine | undefined;
  private store: InstanceStore | undefined;
  private readonly watchers: BlobWatcher[] = [];
  private readonly crons: Cron[] = [];
  private routes: HttpRoute[] = [];
  private origin = '';
  private port = 0;
  private taskHub = 'segmentwise';
  /**
   * This host's key, new at every start, like the system key the Functions host keeps for its
   * durable webhooks: the host's own durable client and callers that were given it may use the whole
   * durable API.
   */
  readonly hostKey = randomBytes(24).toString('base64url');

  constructor(private readonly options: LocalHostOptions) {}

  private get log(): HostLogger {
    return this.options.log ?? consoleLogger;
  }

  get url(): string {
    return this.origin;
  }

  async start(): Promise<void> {
    process.env.AzureWebJobsStorage = this.options.storageConnection;
    this.taskHub = readTaskHubName(this.options.hostJsonPath);

    const requestTimeout = this.options.requestTimeoutMs ?? 30_000;
    this.server = http.createServer(
      {
        // A client that declares more body than it sends, or sends headers slowly, is cut off.
        requestTimeout,
        headersTimeout: requestTimeout,
        connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(requestTimeout / 4))),
      },
      (req, res) => void this.handleRequest(req, res),
    );
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address() as { port: number };
    this.port = address.port;
    this.origin = `http://127.0.0.1:${address.port}`;
    // The durable client rewrites its URLs to localhost:7071 unless it knows the site's host name.
    process.env.WEBSITE_HOSTNAME = `127.0.0.1:${address.port}`;

    installFunctionsCore(this.registry);
    this.loadFunctions();

    const service = BlobServiceClient.fromConnectionString(this.options.storageConnection);
    const hubContainer = service.getContainerClient(`${this.taskHub}-durable`);
    this.store = new InstanceStore(hubContainer);
    await this.store.init();
    const resultsContainer = getSettings().SEGMENTWISE_RESULTS_CONTAINER;
    this.engine = new OrchestrationEngine(this.registry, this.store, {
      maxConcurrentActivities: this.options.maxConcurrentActivities,
      log: this.log,
      onInstanceEnd: (rec) => {
        const line = describeInstanceEnd(rec, resultsContainer, this.origin);
        this.log(line.level, 'host', line.message);
      },
    });

    this.routes = this.registry.byTriggerType('httpTrigger').map((fn) => ({
      fn,
      matcher: compileRoute(String(fn.trigger.route ?? fn.metadata.name)),
      methods: ((fn.trigger.methods as string[] | undefined) ?? ['GET', 'POST']).map((m) => m.toUpperCase()),
    }));

    const resumed = await this.engine.resumeAll();
    if (resumed > 0) this.log('information', 'host', `Resumed ${resumed} unfinished orchestration(s).`);

    for (const fn of this.registry.byTriggerType('blobTrigger')) {
      const watcher = new BlobWatcher(
        fn.metadata.name,
        resolveAppSettings(String(fn.trigger.path)),
        service,
        hubContainer,
        (event) => this.fireBlob(fn, event),
        this.log,
        this.options.blobPollIntervalMs ?? 1000,
      );
      await watcher.start();
      this.watchers.push(watcher);
    }

    if (this.options.enableTimers !== false) {
      for (const fn of this.registry.byTriggerType('timerTrigger')) {
        const schedule = resolveAppSettings(String(fn.trigger.schedule));
        this.crons.push(scheduleTimer(schedule, () => void this.fireTimer(fn).catch(() => undefined)));
        if (fn.trigger.runOnStartup) void this.fireTimer(fn).catch(() => undefined);
      }
    }
  }

  async stop(): Promise<void> {
    for (const cron of this.crons) cron.stop();
    this.engine?.stop();
    await Promise.all(this.watchers.map((w) => w.stop()));
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Polls every blob trigger once and waits for what it fired. */
  async pollBlobs(): Promise<void> {
    await Promise.all(this.watchers.map((w) => w.pollNow()));
  }

  whenIdle(): Promise<void> {
    return this.engine?.whenIdle() ?? Promise.resolve();
  }

  private loadFunctions(): void {
    const dir = this.options.functionsDir;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
    for (const file of files) require(path.join(dir, file));
    if (this.registry.functions.size === 0) throw new Error(`No functions were registered by the files in ${dir}.`);
  }

  /** Extra input bindings the host provides (the durable client). */
  private extraInputs(fn: RegisteredFunction): Record<string, RpcTypedData> {
    const inputs: Record<string, RpcTypedData> = {};
    for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
      if (binding.direction !== 'in' || name === fn.trigger.name) continue;
      if (binding.type === 'durableClient' || binding.type === 'orchestrationClient') {
        inputs[name] = jsonData(durableClientData(this.origin, this.taskHub, this.hostKey));
      } else {
        throw new Error(`Function ${fn.metadata.name}: input binding type "${binding.type}" is not supported by the local host.`);
      }
    }
    return inputs;
  }

  private async invoke(fn: RegisteredFunction, input: InvocationInput) {
    return invokeFunction(this.registry, fn, { ...input, inputData: { ...this.extraInputs(fn), ...input.inputData } }, this.log);
  }

  private async fireBlob(fn: RegisteredFunction, event: BlobEvent): Promise<void> {
    const service = BlobServiceClient.fromConnectionString(this.options.storageConnection);
    const blob = service.getContainerClient(event.container).getBlobClient(event.name);
    const props = await blob.getProperties();
    const pattern = resolveAppSettings(String(fn.trigger.path)).split('/').slice(1).join('/');
    // As on Azure: a trigger registered with sdkBinding gets a reference and the blob is never read;
    // any other blob trigger gets the content, which the Functions host reads whole too.
    const triggerData: RpcTypedData = supportsDeferredBinding(fn)
      ? { modelBindingData: blobReferenceData(String(fn.trigger.connection ?? 'AzureWebJobsStorage'), event.container, event.name) }
      : { bytes: await blob.downloadToBuffer() };
    await this.invoke(fn, {
      inputData: { [fn.trigger.name]: triggerData },
      triggerMetadata: {
        BlobTrigger: { string: `${event.container}/${event.name}` },
        Uri: { string: event.url },
        Properties: jsonData({ ETag: props.etag, Length: props.contentLength, LastModified: props.lastModified }),
        Metadata: jsonData(props.metadata ?? {}),
        ...bindPathParameters(pattern, event.name),
      },
    });
  }

  private async fireTimer(fn: RegisteredFunction): Promise<void> {
    try {
      await this.invoke(fn, {
        inputData: { [fn.trigger.name]: jsonData({ Schedule: { AdjustForDST: true }, ScheduleStatus: null, IsPastDue: false }) },
      });
    } catch (err) {
      this.log('error', fn.metadata.name, `Timer invocation failed: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  }

  private async handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      // Served to this machine only: a page that points its own domain at 127.0.0.1 still sends that domain as Host.
      if (!isLoopback(req.socket.remoteAddress) || !isLocalHostHeader(req.headers.host, this.port)) {
        return refuse(req, res, 403, 'host_not_allowed', `The local host answers requests for 127.0.0.1:${this.port} or localhost:${this.port} only.`);
      }
      // URL parsing would resolve `/api/../admin` to `/admin`; a path that climbs is refused instead.
      const rawPath = (req.url ?? '/').split('?')[0]!;
      if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(rawPath)) {
        return send(res, 400, { error: { code: 'bad_request', message: 'Paths with "." or ".." segments are not accepted.' } });
      }
      const url = new URL(req.url ?? '/', this.origin);
      const method = (req.method ?? 'GET').toUpperCase();
      // No GET or HEAD route reads a body: one sent anyway is dropped as it arrives, never kept.
      const takesBody = method !== 'GET' && method !== 'HEAD';
      if (!takesBody) req.resume();
      const read = takesBody ? await readRequestBody(req, maxRequestBytes) : ({ kind: 'complete', body: Buffer.alloc(0) } as const);
      if (read.kind === 'aborted') return;
      if (read.kind === 'tooLarge') {
        return refuse(req, res, 413, 'body_too_large', `Request bodies are limited to ${maxRequestBytes} bytes.`);
      }
      const body = read.body;

      const durable = this.durableRoute(req, url);
      if (durable) {
        const result = await handleDurableApi(this.engine!, this.store!, method, durable.path, url.searchParams, body.toString('utf8'), this.origin, durable.access);
        return send(res, result.status, result.body);
      }
      const admin = /^\/admin\/functions\/([^/]+)$/.exec(url.pathname);
      if (admin && method === 'POST') return await this.handleAdminInvoke(decodeURIComponent(admin[1]!), body, res);
      if (url.pathname === '/admin/host/status') return send(res, 200, { state: 'Running', functions: [...this.registry.functions.keys()] });

      if (url.pathname.startsWith('/api/')) {
        const routePath = url.pathname.slice('/api'.length);
        for (const route of this.routes) {
          const params = route.matcher.match(routePath);
          if (!params || !route.methods.includes(method)) continue;
          return await this.handleHttpFunction(route.fn, req, url, method, params, body, res);
        }
      }
      send(res, 404, { error: { code: 'not_found', message: `No function serves ${method} ${url.pathname}.` } });
    } catch (err) {
      if (err instanceof MalformedRouteError) return send(res, 400, { error: { code: 'bad_request', message: err.message } });
      if (isStorageUnavailable(err)) {
        this.log('warning', 'host', `Storage unavailable: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) {
          res.setHeader('Retry-After', String(storageRetryAfterSeconds));
          send(res, 503, { error: { code: 'storage_unavailable', message: `Storage is not available right now; try again in ${storageRetryAfterSeconds} seconds.` } });
        } else res.end();
        return;
      }
      this.log('error', 'host', `Request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: 'The function failed; see the host log.' } });
      else res.end();
    }
  }

  /**
   * The durable API's path and who is asking: the host's own client under /durabletask/<host key>/,
   * anyone with the host key (?code= or x-functions-key) on the public webhook, everyone else read-only.
   */
  private durableRoute(req: http.IncomingMessage, url: URL): { path: string; access: DurableApiAccess } | undefined {
    const own = `${durableClientPrefix}${this.hostKey}/`;
    if (url.pathname.startsWith(own)) return { path: url.pathname.slice(own.length), access: 'host' };
    if (!url.pathname.startsWith(durableApiPrefix)) return undefined;
    const header = req.headers['x-functions-key'];
    const given = url.searchParams.get('code') ?? (Array.isArray(header) ? header[0] : header);
    return { path: url.pathname.slice(durableApiPrefix.length), access: given !== undefined && sameKey(given, this.hostKey) ? 'host' : 'public' };
  }

  private async handleHttpFunction(
    fn: RegisteredFunction,
    req: http.IncomingMessage,
    url: URL,
    method: string,
    params: Record<string, string>,
    body: Buffer,
    res: http.ServerResponse,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request: RpcHttpData = {
      method,
      url: url.href,
      headers,
      query: Object.fromEntries(url.searchParams.entries()),
      params,
      body: { bytes: body },
    };
    const result = await this.invoke(fn, { inputData: { [fn.trigger.name]: { http: request } } });
    const response = (result.returnValue as RpcTypedData | undefined)?.http;
    if (!response) return send(res, 204);
    const out = typedDataToBuffer(response.body);
    res.writeHead(Number(response.statusCode ?? 200), response.headers ?? {});
    res.end(out);
  }

  /** Like the Functions host's admin API: runs a non-HTTP function now (timers, blob triggers). */
  private async handleAdminInvoke(name: string, body: Buffer, res: http.ServerResponse): Promise<void> {
    const fn = this.registry.functions.get(name);
    if (!fn) return send(res, 404, { error: { code: 'not_found', message: `No function named ${name}.` } });
    const request = parseAdminBody(body);
    if (!request.ok) return send(res, 400, { error: { code: 'bad_request', message: request.message } });
    const input = request.input;
    if (fn.trigger.type === 'timerTrigger') {
      await this.fireTimer(fn);
    } else if (fn.trigger.type === 'blobTrigger') {
      const slash = input?.indexOf('/') ?? -1;
      if (!input || slash <= 0 || slash === input.length - 1) {
        return send(res, 400, { error: { code: 'bad_request', message: 'Give {"input": "<container>/<blob name>"}.' } });
      }
      const container = input.slice(0, slash);
      const blobName = input.slice(slash + 1);
      const blob = BlobServiceClient.fromConnectionString(this.options.storageConnection).getContainerClient(container).getBlobClient(blobName);
      let props;
      try {
        props = await blob.getProperties();
      } catch (err) {
        if (err instanceof RestError && err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
          return send(res, 404, { error: { code: 'not_found', message: `No blob ${input} (${err.statusCode}).` } });
        }
        throw err;
      }
      await this.fireBlob(fn, { container, name: blobName, etag: props.etag ?? '', length: props.contentLength ?? 0, url: blob.url });
    } else {
      return send(res, 400, { error: { code: 'bad_request', message: `${name} cannot be run from the admin API.` } });
    }
    send(res, 202);
  }
}

/** The admin API's body: empty, or `{ "input": "<text>" }`. */
function parseAdminBody(body: Buffer): { ok: true; input?: string } | { ok: false; message: string } {
  if (body.length === 0) return { ok: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, message: 'The body is not valid JSON; give {"input": "<container>/<blob name>"} or nothing.' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, message: 'The body must be a JSON object such as {"input": "..."}.' };
  const input = (parsed as { input?: unknown }).input;
  if (input !== undefined && typeof input !== 'string') return { ok: false, message: '"input" must be a string.' };
  return { ok: true, ...(input !== undefined ? { input } : {}) };
}

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

function sameKey(given: string, key: string): boolean {
  const a = Buffer.from(given), b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * An answer given before the request's body was read (or all of it): the client has it at once.
 * What the client still sends is then read and dropped, never kept, until the request's end or the
 * request timeout; closing at once instead could reset the connection before the client reads the answer.
 */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, code: string, message: string): void {
  res.on('finish', () => req.resume());
  send(res, status, { error: { code, message } });
}

function readTaskHubName(hostJsonPath: string | undefined): string {
  if (!hostJsonPath || !fs.existsSync(hostJsonPath)) return 'segmentwise';
  const hostJson = JSON.parse(fs.readFileSync(hostJsonPath, 'utf8')) as { extensions?: { durableTask?: { hubName?: string } } };
  const name = hostJson.extensions?.durableTask?.hubName ?? 'segmentwise';
  return name.startsWith('%') ? 'segmentwise' : name.toLowerCase();
}

/** Trigger metadata for the `{name}`-style parameters of a blob path pattern. */
function bindPathParameters(pattern: string, blobName: string): Record<string, RpcTypedData> {
  const names: string[] = [];
  const regex = new RegExp(
    '^' +
      pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, n: string) => {
        names.push(n);
        return '(.+)';
      }) +
      '$',
  );
  const m = regex.exec(blobName);
  const out: Record<string, RpcTypedData> = {};
  names.forEach((n, i) => {
    if (m?.[i + 1] !== undefined) out[n] = { string: m[i + 1] };
  });
  return out;
}

function send(res: http.ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}
