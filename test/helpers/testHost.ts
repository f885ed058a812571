import { blobConnectionString, devAccountName } from '../../local/azurite';
import { TestStorage, startTestStorage } from './azurite';
import { FaultProxy, startFaultProxy } from './faultProxy';
import { HostProcess, startHostProcess } from './hostProcess';

/** Settings for the host beyond its storage; a function when they need something started first. */
export type HostSettings = Record<string, string> | (() => Record<string, string>);

export interface TestStorageOptions {
  /** Put a fault proxy (with no rules) between the host and Azurite's blob endpoint. */
  faultProxy?: boolean;
}

export interface HostOptions {
  /** How afterAll stops the host: SIGKILL when requests may still be held (a frozen storage). */
  stopSignal?: NodeJS.Signals;
}

export interface StorageAccess {
  storage(): TestStorage;
  /** The fault proxy; only with `faultProxy: true`. */
  proxy(): FaultProxy;
  /** The connection string the host is given: through the proxy when there is one. */
  connection(): string;
}

export interface HostAccess {
  /** The host now running (a new one after startHost). */
  host(): HostProcess;
  /** Stops the host, as a test that needs it down (a crash, a missed event) does. */
  killHost(signal?: NodeJS.Signals): Promise<void>;
  /** Starts a host again on the same storage with the same settings; afterAll stops this one. */
  startHost(): Promise<HostProcess>;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not running: use it inside a test or a hook after this file's beforeAll`);
  return value;
}

/** Azurite (and the fault proxy) started once for the file, and what a host on it is given. */
class StorageForFile implements StorageAccess {
  private running?: { storage: TestStorage; proxy?: FaultProxy; connection: string };

  constructor(private readonly options: TestStorageOptions) {}

  async start(): Promise<void> {
    const storage = await startTestStorage();
    this.running = { storage, connection: storage.connectionString };
    if (!this.options.faultProxy) return;
    const proxy = await startFaultProxy(storage.blobEndpoint.replace(`/${devAccountName}`, ''));
    proxy.setRules([]);
    this.running = { storage, proxy, connection: blobConnectionString(`${proxy.endpoint}/${devAccountName}`) };
  }

  async stop(): Promise<void> {
    await this.running?.proxy?.stop();
    await this.running?.storage.stop();
  }

  storage = (): TestStorage => required(this.running, 'Azurite').storage;
  proxy = (): FaultProxy => required(required(this.running, 'Azurite').proxy, 'The fault proxy');
  connection = (): string => required(this.running, 'Azurite').connection;
}

/** A local host process on a storage, replaced when a test restarts it. */
class HostForScope implements HostAccess {
  private current?: HostProcess;

  constructor(private readonly on: StorageAccess, private readonly settings: HostSettings, private readonly options: HostOptions) {}

  startHost = async (): Promise<HostProcess> => {
    const extra = typeof this.settings === 'function' ? this.settings() : this.settings;
    this.current = await startHostProcess({ AzureWebJobsStorage: this.on.connection(), ...extra });
    return this.current;
  };

  killHost = async (signal?: NodeJS.Signals): Promise<void> => {
    await this.host().kill(signal);
  };

  async stop(): Promise<void> {
    await this.current?.kill(this.options.stopSignal);
  }

  host = (): HostProcess => required(this.current, 'The host');
}

/** A fresh Azurite for the test file (or describe block), started in beforeAll and stopped in afterAll. */
export function useTestStorage(options: TestStorageOptions = {}): StorageAccess {
  const storage = new StorageForFile(options);
  beforeAll(() => storage.start());
  afterAll(() => storage.stop());
  return storage;
}

/** A local host on a storage already in use (see useTestStorage), for the enclosing describe block. */
export function useHost(on: StorageAccess, settings: HostSettings = {}, options: HostOptions = {}): HostAccess {
  const host = new HostForScope(on, settings, options);
  beforeAll(() => host.startHost());
  afterAll(() => host.stop());
  return host;
}

/**
 * What every e2e file starts from: a fresh Azurite and the local host on it, started in beforeAll; in
 * afterAll the host is stopped first, then the proxy and Azurite (one hook each, so the order is fixed).
 */
export function useHostOnTestStorage(settings: HostSettings = {}, options: TestStorageOptions & HostOptions = {}): StorageAccess & HostAccess {
  const storage = new StorageForFile(options);
  const host = new HostForScope(storage, settings, options);
  beforeAll(async () => {
    await storage.start();
    await host.startHost();
  });
  afterAll(async () => {
    await host.stop();
    await storage.stop();
  });
  return {
    storage: storage.storage, proxy: storage.proxy, connection: storage.connection,
    host: host.host, killHost: host.killHost, startHost: host.startHost,
  };
}
