import type { TokenCredential } from '@azure/identity';
import {
  parseAuthenticationString,
  resetTelemetry,
  startTelemetry,
  type AzureMonitorDistro,
} from '../../../shared/telemetry/startTelemetry';

const connectionString =
  'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';

function fakeDistro(): AzureMonitorDistro & { calls: unknown[] } {
  const calls: unknown[] = [];
  return { calls, useAzureMonitor: (options) => void calls.push(options) };
}

const fakeCredential: TokenCredential = { getToken: async () => null };

afterEach(() => resetTelemetry());

describe('startTelemetry', () => {
  it('stays off without APPLICATIONINSIGHTS_CONNECTION_STRING and loads nothing', () => {
    const loadDistro = jest.fn();
    const state = startTelemetry({ env: { WEBSITE_SITE_NAME: 'func-x' }, loadDistro });
    expect(state).toMatchObject({ enabled: false, exporter: 'none' });
    expect(loadDistro).not.toHaveBeenCalled();
    // A blank value is the same as none (local.settings.json leaves it empty).
    expect(startTelemetry({ env: { APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' }, loadDistro }).enabled).toBe(false);
  });

  it('relies on the Functions host when it runs inside it and no distro is installed', () => {
    const state = startTelemetry({
      env: { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString, WEBSITE_SITE_NAME: 'func-segmentwise-abc' },
      loadDistro: () => undefined,
    });
    expect(state).toMatchObject({ enabled: true, exporter: 'functions-host' });
  });

  it('says plainly when nothing can send telemetry outside the host', () => {
    const state = startTelemetry({ env: { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }, loadDistro: () => undefined });
    expect(state.enabled).toBe(false);
    expect(state.reason).toContain('@azure/monitor-opentelemetry is not installed');
  });

  it('finds that the optional distro is not installed here', () => {
    // The real loader: this repository does not depend on @azure/monitor-opentelemetry.
    const state = startTelemetry({ env: { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString, WEBSITE_SITE_NAME: 'f' } });
    expect(state.exporter).toBe('functions-host');
  });

  it('starts the distro once, with the managed identity named in the authentication string', () => {
    const distro = fakeDistro();
    const createCredential = jest.fn(() => fakeCredential);
    const env = {
      APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD',
    };
    const first = startTelemetry({ env, loadDistro: () => distro, createCredential });
    const second = startTelemetry({ env, loadDistro: () => distro, createCredential });
    expect(first).toMatchObject({ enabled: true, exporter: 'opentelemetry' });
    expect(second).toBe(first);
    expect(distro.calls).toEqual([{ azureMonitorExporterOptions: { connectionString, credential: fakeCredential } }]);
    expect(createCredential).toHaveBeenCalledWith('11111111-2222-3333-4444-555555555555');
  });

  it('starts the distro without a credential when local auth is used', () => {
    const distro = fakeDistro();
    startTelemetry({ env: { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }, loadDistro: () => distro });
    expect(distro.calls).toEqual([{ azureMonitorExporterOptions: { connectionString } }]);
  });
});

describe('parseAuthenticationString', () => {
  it('reads the form infra sets', () => {
    expect(parseAuthenticationString('ClientId=abc;Authorization=AAD')).toEqual({ entraId: true, clientId: 'abc' });
    expect(parseAuthenticationString('Authorization=AAD')).toEqual({ entraId: true, clientId: undefined });
    expect(parseAuthenticationString(undefined)).toEqual({ entraId: false });
    expect(parseAuthenticationString('ClientId=abc')).toEqual({ entraId: false });
  });
});
