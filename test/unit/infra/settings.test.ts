import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSettings, settingNames, settingsSchema } from '../../../shared/config/settings';
import {
  isHostSetting,
  isLocalHostOnly,
  readByLibraries,
  readInfraAppSettings,
  readLocalSettingsSample,
  repoRoot,
  requiredOnAzure,
  secretsReplacedByIdentity,
} from './settingsCoverage';

const names: string[] = [...settingNames];
const sample = readLocalSettingsSample();
const infra = readInfraAppSettings();

describe('settings: code, local.settings.sample.json and infra agree', () => {
  it('reads the list of settings from shared/config/settings.ts', () => {
    expect(names.length).toBeGreaterThan(5);
    expect(names).toEqual(expect.arrayContaining(['SEGMENTWISE_UPLOADS_CONTAINER', 'RETRAIN_SCHEDULE']));
  });

  it('local.settings.sample.json has the shape func start expects', () => {
    expect(sample.IsEncrypted).toBe(false);
    expect(sample.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    expect(sample.Values.AzureWebJobsStorage).toBe('UseDevelopmentStorage=true');
    for (const [name, value] of Object.entries(sample.Values)) expect(`${name}: ${typeof value}`).toBe(`${name}: string`);
  });

  it('local.settings.sample.json lists every setting the code reads', () => {
    const missing = names.filter((name) => !(name in sample.Values) && !isHostSetting(name));
    expect(missing).toEqual([]);
  });

  it('local.settings.sample.json lists nothing the code does not read', () => {
    const unused = Object.keys(sample.Values).filter((name) => !names.includes(name) && !isHostSetting(name));
    expect(unused).toEqual([]);
  });

  it('local.settings.sample.json explains every value', () => {
    const unexplained = Object.keys(sample.Values).filter((name) => !sample.Comments?.[name]?.trim());
    expect(unexplained).toEqual([]);
    const stale = Object.keys(sample.Comments ?? {}).filter((name) => name !== '_' && !(name in sample.Values));
    expect(stale).toEqual([]);
  });

  it('local.settings.sample.json passes validation and shows the defaults', () => {
    const fromSample = readSettings(sample.Values);
    const defaults = settingsSchema.parse({});
    expect(fromSample).toEqual({ ...defaults, AzureWebJobsStorage: 'UseDevelopmentStorage=true' });
  });

  it('infra sets only settings something reads', () => {
    const unused = [...infra.keys()].filter((name) => !names.includes(name) && !isHostSetting(name) && !readByLibraries.includes(name));
    expect(unused).toEqual([]);
  });

  it('infra sets every setting without a safe default', () => {
    // Settings the schema itself rejects when absent have no default at all.
    const defaults = settingsSchema.safeParse({});
    const withoutDefault = defaults.success ? [] : defaults.error.issues.map((issue) => String(issue.path[0]));
    const required = [...new Set([...withoutDefault, ...requiredOnAzure])];
    expect(required.filter((name) => !infra.has(name))).toEqual([]);
    for (const name of requiredOnAzure) expect(names).toContain(name);
  });

  it('infra never sets secrets that the managed identity replaces, nor local-host settings', () => {
    const localOnly = names.filter(isLocalHostOnly);
    expect(localOnly).toContain('SEGMENTWISE_LOCAL_PORT');
    for (const name of [...secretsReplacedByIdentity, ...localOnly]) {
      expect(names).toContain(name);
      expect(`${name} in infra: ${infra.has(name)}`).toBe(`${name} in infra: false`);
    }
  });

  it('infra connects to storage by identity, the way the host and the durable extension read it', () => {
    for (const suffix of ['blobServiceUri', 'queueServiceUri', 'tableServiceUri', 'credential', 'clientId']) {
      expect(infra.has(`AzureWebJobsStorage__${suffix}`)).toBe(true);
    }
    expect(infra.has('AzureWebJobsStorage')).toBe(false);
  });

  it('docs/DEPLOY.md documents every setting', () => {
    const deployDoc = fs.readFileSync(path.join(repoRoot, 'docs', 'DEPLOY.md'), 'utf8');
    const undocumented = [...new Set([...names, ...infra.keys()])].filter((name) => !deployDoc.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });
});
