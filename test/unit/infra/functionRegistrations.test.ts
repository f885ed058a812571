import * as fs from 'node:fs';
import * as path from 'node:path';
import { settingNames } from '../../../shared/config/settings';
import {
  appSettingReferences,
  captureRegistrations,
  listFunctionFiles,
  triggerOf,
  type CapturedRegistration,
} from './captureRegistrations';
import { readInfraAppSettings, readLocalSettingsSample, repoRoot } from './settingsCoverage';

// Outside the Functions host, @azure/functions drops registrations ("test mode") unless the host's
// own module exists; this stand-in receives exactly the metadata the host would index.
jest.mock('@azure/functions-core', () => require('./captureRegistrations').functionsCoreMock(), { virtual: true });

const functionsDir = path.join(repoRoot, 'functions');
const files = listFunctionFiles(functionsDir);
let registrations: CapturedRegistration[] = [];

beforeAll(() => {
  registrations = captureRegistrations(files);
});

const byTrigger = (type: string) => registrations.filter((r) => triggerOf(r)?.type === type);
const describeRegistration = (r: CapturedRegistration) => `${r.name} (${path.relative(repoRoot, r.file)})`;

describe('functions/: every registration has the trigger options Azure needs', () => {
  it('finds function files and registrations in functions/', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(registrations.length).toBeGreaterThan(0);
  });

  it('gives every function a unique, valid name and exactly one trigger', () => {
    const names = registrations.map((r) => r.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    for (const registration of registrations) {
      expect(registration.name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,127}$/);
      const triggers = Object.values(registration.bindings).filter((b) => /trigger$/i.test(b.type));
      expect(`${describeRegistration(registration)}: ${triggers.length} trigger(s)`).toBe(`${describeRegistration(registration)}: 1 trigger(s)`);
    }
  });

  it('uses only triggers this deployment provides for', () => {
    const known = ['httpTrigger', 'blobTrigger', 'timerTrigger', 'orchestrationTrigger', 'activityTrigger', 'entityTrigger'];
    const unknown = registrations.filter((r) => !known.includes(triggerOf(r)!.type)).map(describeRegistration);
    expect(unknown).toEqual([]);
  });

  it('HTTP functions need a function key and declare their route and methods', () => {
    for (const registration of byTrigger('httpTrigger')) {
      const trigger = triggerOf(registration)!;
      const where = describeRegistration(registration);
      expect({ where, authLevel: trigger.authLevel }).toEqual({ where, authLevel: 'function' });
      expect({ where, route: typeof trigger.route }).toEqual({ where, route: 'string' });
      const route = String(trigger.route);
      // host.json adds the "api/" prefix; a leading slash or a second prefix would break the URLs of CONTRACTS.md.
      expect({ where, route: /^\/|^api\//.test(route) || route.trim() === '' }).toEqual({ where, route: false });
      expect({ where, methods: Array.isArray(trigger.methods) && (trigger.methods as unknown[]).length > 0 }).toEqual({
        where,
        methods: true,
      });
    }
  });

  it('blob triggers watch uploads/ and scoring/ through Event Grid with the identity-based storage connection', () => {
    const blobTriggers = byTrigger('blobTrigger');
    expect(blobTriggers.length).toBeGreaterThan(0);
    for (const registration of blobTriggers) {
      const trigger = triggerOf(registration)!;
      const where = describeRegistration(registration);
      expect({ where, source: trigger.source, connection: trigger.connection }).toEqual({
        where,
        source: 'EventGrid',
        connection: 'AzureWebJobsStorage',
      });
      expect({ where, path: trigger.path }).toEqual({
        where,
        path: expect.stringMatching(/^(uploads|%SEGMENTWISE_UPLOADS_CONTAINER%|scoring|%SEGMENTWISE_SCORING_CONTAINER%)\//),
      });
      // sdkBinding: the host hands a reference, so an upload of up to 1 GiB is never read into the worker to be named.
      expect({ where, properties: trigger.properties }).toEqual({ where, properties: { supportsDeferredBinding: 'true' } });
    }
  });

  it('the post-deploy hook subscribes Event Grid to the blob triggers that exist, each on its container', () => {
    const main = fs.readFileSync(path.join(repoRoot, 'infra', 'main.bicep'), 'utf8');
    const pathOf = (name: string | undefined) => triggerOf(byTrigger('blobTrigger').find((r) => r.name === name)!)?.path;
    const upload = /param uploadFunctionName string = '([^']+)'/.exec(main)?.[1];
    const scoring = /param scoringFunctionName string = '([^']+)'/.exec(main)?.[1];
    expect(byTrigger('blobTrigger').map((r) => r.name)).toEqual(expect.arrayContaining([upload, scoring]));
    expect(pathOf(upload)).toBe('%SEGMENTWISE_UPLOADS_CONTAINER%/{name}');
    expect(pathOf(scoring)).toBe('%SEGMENTWISE_SCORING_CONTAINER%/{name}');
  });

  it('timers take their schedule from an app setting that the code, the sample and infra all know', () => {
    const sample = readLocalSettingsSample();
    const infra = readInfraAppSettings();
    for (const registration of byTrigger('timerTrigger')) {
      const schedule = String(triggerOf(registration)!.schedule);
      const where = describeRegistration(registration);
      expect({ where, schedule }).toEqual({ where, schedule: expect.stringMatching(/^%[A-Za-z0-9_]+%$/) });
      const name = schedule.slice(1, -1);
      expect({ where, inCode: (settingNames as string[]).includes(name), inSample: name in sample.Values, inInfra: infra.has(name) }).toEqual({
        where,
        inCode: true,
        inSample: true,
        inInfra: true,
      });
    }
  });

  it('every %SETTING% a binding refers to is set locally and on Azure (the host cannot start without it)', () => {
    const sample = readLocalSettingsSample();
    const infra = readInfraAppSettings();
    const missing = registrations.flatMap((registration) =>
      appSettingReferences(registration)
        .filter((name) => !(name in sample.Values) || !infra.has(name))
        .map((name) => `${describeRegistration(registration)}: %${name}%`),
    );
    expect(missing).toEqual([]);
  });

  it('every connection a binding names is configured on Azure', () => {
    const infra = readInfraAppSettings();
    const unconfigured = registrations.flatMap((registration) =>
      Object.values(registration.bindings)
        .filter((binding) => typeof binding.connection === 'string')
        .filter((binding) => ![...infra.keys()].some((name) => name === binding.connection || name.startsWith(`${binding.connection}__`)))
        .map((binding) => `${describeRegistration(registration)}: ${binding.connection}`),
    );
    expect(unconfigured).toEqual([]);
  });

  it('orchestrations and activities come with durable settings in host.json', () => {
    if (byTrigger('orchestrationTrigger').length + byTrigger('activityTrigger').length === 0) return;
    const host = JSON.parse(fs.readFileSync(path.join(repoRoot, 'host.json'), 'utf8'));
    expect(host.extensions?.durableTask?.hubName).toEqual(expect.any(String));
    expect(byTrigger('orchestrationTrigger').length).toBeGreaterThan(0);
  });
});
