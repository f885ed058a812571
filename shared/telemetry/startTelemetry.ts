import type { TokenCredential } from '@azure/identity';

/**
 * How telemetry leaves this process:
 * - 'none': no APPLICATIONINSIGHTS_CONNECTION_STRING, or nothing here can send it; logs stay on the console.
 * - 'functions-host': inside the Azure Functions host, which itself sends every line written through
 *   the invocation context (createLogger(context, ...)) to Application Insights, with requests,
 *   dependencies and durable orchestration events. No SDK runs in the worker.
 * - 'opentelemetry': the optional `@azure/monitor-opentelemetry` distro is installed and was started,
 *   so the worker also exports its own traces (outgoing HTTP, Azure SDK calls) and metrics.
 */
export type TelemetryExporter = 'none' | 'functions-host' | 'opentelemetry';

export interface TelemetryState {
  enabled: boolean;
  exporter: TelemetryExporter;
  /** Why this exporter was chosen, for the startup log line. */
  reason: string;
}

/** The one function of `@azure/monitor-opentelemetry` used here. */
export interface AzureMonitorDistro {
  useAzureMonitor(options: { azureMonitorExporterOptions: { connectionString: string; credential?: TokenCredential } }): void;
}

export interface StartTelemetryOptions {
  env?: NodeJS.ProcessEnv;
  /** Loads the optional distro; undefined when it is not installed. Tests replace it. */
  loadDistro?: () => AzureMonitorDistro | undefined;
  /** Builds the Entra ID credential for APPLICATIONINSIGHTS_AUTHENTICATION_STRING. Tests replace it. */
  createCredential?: (clientId: string | undefined) => TokenCredential;
}

let started: TelemetryState | undefined;

/**
 * Enable Application Insights / OpenTelemetry when APPLICATIONINSIGHTS_CONNECTION_STRING is set, and
 * only then. Call it once at startup, before other imports where possible (the distro instruments
 * modules loaded after it). Calling it again returns the first result: a distro must start once.
 */
export function startTelemetry(options: StartTelemetryOptions = {}): TelemetryState {
  if (started) return started;
  const env = options.env ?? process.env;
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (!connectionString) {
    return { enabled: false, exporter: 'none', reason: 'APPLICATIONINSIGHTS_CONNECTION_STRING is not set' };
  }

  const distro = (options.loadDistro ?? loadInstalledDistro)();
  if (distro) {
    const auth = parseAuthenticationString(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING);
    const credential = auth.entraId ? (options.createCredential ?? createManagedIdentityCredential)(auth.clientId) : undefined;
    distro.useAzureMonitor({ azureMonitorExporterOptions: { connectionString, ...(credential ? { credential } : {}) } });
    started = {
      enabled: true,
      exporter: 'opentelemetry',
      reason: `@azure/monitor-opentelemetry started${credential ? ' with Entra ID authentication' : ''}`,
    };
    return started;
  }

  if (insideFunctionsHost(env)) {
    started = { enabled: true, exporter: 'functions-host', reason: 'the Functions host sends logs to Application Insights' };
    return started;
  }
  return {
    enabled: false,
    exporter: 'none',
    reason:
      'APPLICATIONINSIGHTS_CONNECTION_STRING is set, but this process is not the Functions host and ' +
      '@azure/monitor-opentelemetry is not installed; logs stay on the console',
  };
}

/** Forget the started state (tests only; a real distro cannot be stopped and restarted). */
export function resetTelemetry(): void {
  started = undefined;
}

/** `ClientId=<guid>;Authorization=AAD` as the Functions host and the distro understand it. */
export function parseAuthenticationString(value: string | undefined): { entraId: boolean; clientId?: string } {
  if (!value) return { entraId: false };
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const entraId = parts.get('authorization')?.toUpperCase() === 'AAD';
  const clientId = parts.get('clientid') || undefined;
  return entraId ? { entraId, clientId } : { entraId: false };
}

function insideFunctionsHost(env: NodeJS.ProcessEnv): boolean {
  // Set by the Functions host on Azure (WEBSITE_SITE_NAME) and by Core Tools (func start).
  return Boolean(env.WEBSITE_SITE_NAME || env.FUNCTIONS_CORETOOLS_ENVIRONMENT);
}

function loadInstalledDistro(): AzureMonitorDistro | undefined {
  // Not a dependency: its current releases need Node 22 and ~30 OpenTelemetry packages, and on
  // Flex Consumption the host already sends logs. A team that wants worker-side traces installs it.
  const name = '@azure/monitor-opentelemetry';
  try {
    return require(name) as AzureMonitorDistro;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

function createManagedIdentityCredential(clientId: string | undefined): TokenCredential {
  const identity = require('@azure/identity') as typeof import('@azure/identity');
  return clientId ? new identity.ManagedIdentityCredential({ clientId }) : new identity.DefaultAzureCredential();
}
