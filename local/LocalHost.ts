import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import type { Cron } from 'croner';
import { BlobWatcher, BlobEvent } from './blobWatcher';
import { durableApiPrefix, durableClientData, handleDurableApi } from './durable/durableHttpApi';
import { InstanceStore } from './durable/InstanceStore';
import { OrchestrationEngine } from './durable/OrchestrationEngine';
import { FunctionRegistry, RegisteredFunction, functionRegistry, installFunctionsCore } from './functionsCore';
import { HostLogger, InvocationInput, consoleLogger, invokeFunction } from './invokeFunction';
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
  log?: HostLogger;
}

interface HttpRoute {
  fn: RegisteredFunction;
  matcher: RouteMatcher;
  methods: string[];
}

const maxRequestBytes = 100 * 1024 * 1024;

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
  private taskHub = 'segmentwise';

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

    this.server = http.createServer((req, res) => void this.handleRequest(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address() as { port: number };
    this.origin = `http://127.0.0.1:${address.port}`;
    // The durable client rewrites its URLs to localhost:7071 unless it knows the site's host name.
    process.env.WEBSITE_HOSTNAME = `127.0.0.1:${address.port}`;

    installFunctionsCore(this.registry);
    this.loadFunctions();

    const service = BlobServiceClient.fromConnectionString(this.options.storageConnection);
    const hubContainer = service.getContainerClient(`${this.taskHub}-durable`);
    this.store = new InstanceStore(hubContainer);
    await this.store.init();
    this.engine = new OrchestrationEngine(this.registry, this.store, {
      maxConcurrentActivities: this.options.maxConcurrentActivities,
      log: this.log,
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
        inputs[name] = jsonData(durableClientData(this.origin, this.taskHub));
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
    const content = await blob.downloadToBuffer();
    const props = await blob.getProperties();
    const pattern = resolveAppSettings(String(fn.trigger.path)).split('/').slice(1).join('/');
    await this.invoke(fn, {
      inputData: { [fn.trigger.name]: { bytes: content } },
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
      // URL parsing would resolve `/api/../admin` to `/admin`; a path that climbs is refused instead.
      const rawPath = (req.url ?? '/').split('?')[0]!;
      if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(rawPath)) {
        return send(res, 400, { error: { code: 'bad_request', message: 'Paths with "." or ".." segments are not accepted.' } });
      }
      const url = new URL(req.url ?? '/', this.origin);
      const method = (req.method ?? 'GET').toUpperCase();
      const body = await readBody(req, maxRequestBytes);
      if (body === undefined) return send(res, 413, { error: { code: 'payload_too_large', message: `Request bodies are limited to ${maxRequestBytes} bytes.` } });

      if (url.pathname.startsWith(durableApiPrefix)) {
        const result = await handleDurableApi(
          this.engine!,
          this.store!,
          method,
          url.pathname.slice(durableApiPrefix.length),
          url.searchParams,
          body.toString('utf8'),
          this.origin,
        );
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
      this.log('error', 'host', `Request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: 'The function failed; see the host log.' } });
      else res.end();
    }
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
    const input = body.length ? (JSON.parse(body.toString('utf8')) as { input?: string }).input : undefined;
    if (fn.trigger.type === 'timerTrigger') {
      await this.fireTimer(fn);
    } else if (fn.trigger.type === 'blobTrigger') {
      if (!input) return send(res, 400, { error: { code: 'bad_request', message: 'Give {"input": "<container>/<blob name>"}.' } });
      const [container, ...rest] = input.split('/');
      const blob = BlobServiceClient.fromConnectionString(this.options.storageConnection)
        .getContainerClient(container!)
        .getBlobClient(rest.join('/'));
      const props = await blob.getProperties();
      await this.fireBlob(fn, { container: container!, name: rest.join('/'), etag: props.etag ?? '', length: props.contentLength ?? 0, url: blob.url });
    } else {
      return send(res, 400, { error: { code: 'bad_request', message: `${name} cannot be run from the admin API.` } });
    }
    send(res, 202);
  }
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

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
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
