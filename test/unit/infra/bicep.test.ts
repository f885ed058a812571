import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  findLocalNames,
  infraAppSettings,
  findReferences,
  listBicepFiles,
  moduleOutputUses,
  moduleParamKeys,
  readBicep,
  type BicepFile,
} from './bicepModel';

const repoRoot = path.resolve(__dirname, '../../..');
const infraDir = path.join(repoRoot, 'infra');
const files = listBicepFiles(infraDir);
const parsed = new Map<string, BicepFile>(files.map((file) => [file, readBicep(file)]));
const relative = (file: string) => path.relative(repoRoot, file);

describe('infra/*.bicep', () => {
  it('has main.bicep and its modules', () => {
    expect(files.map(relative)).toContain(path.join('infra', 'main.bicep'));
    expect(files.length).toBeGreaterThan(1);
  });

  describe.each(files.map((file) => [relative(file), file]))('%s', (_name, file) => {
    const bicep = parsed.get(file)!;
    const declared = new Set(bicep.declarations.map((d) => d.name));
    const locals = findLocalNames(bicep);
    const references = findReferences(bicep);

    it('has balanced brackets, closed strings and comments', () => {
      expect(bicep.syntaxErrors).toEqual([]);
    });

    it('declares every name it uses', () => {
      const undeclared = references
        .filter((r) => !declared.has(r.name) && !locals.has(r.name) && !['az', 'sys'].includes(r.name))
        .map((r) => `${r.name} (line ${r.line})`);
      expect(undeclared).toEqual([]);
    });

    it('uses every parameter and variable it declares', () => {
      const used = new Set(references.map((r) => r.name));
      const unused = bicep.declarations
        .filter((d) => (d.kind === 'param' || d.kind === 'var') && !used.has(d.name))
        .map((d) => `${d.kind} ${d.name} (line ${d.line})`);
      expect(unused).toEqual([]);
    });

    it('declares each name once', () => {
      const names = bicep.declarations.filter((d) => d.kind !== 'output').map((d) => d.name);
      expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    });

    it('gives every resource a full type and an API version', () => {
      const resources = bicep.declarations.filter((d) => d.kind === 'resource');
      for (const resource of resources) {
        expect(`${resource.name}: ${resource.target}`).toMatch(
          /: [A-Z][A-Za-z]+\.[A-Za-z]+(\/[A-Za-z]+)+@\d{4}-\d{2}-\d{2}(-preview)?$/,
        );
      }
    });

    it('calls modules that exist with the parameters they declare and reads outputs they have', () => {
      const modules = bicep.declarations.filter((d) => d.kind === 'module');
      for (const module of modules) {
        const target = path.resolve(path.dirname(file), module.target ?? '');
        expect(fs.existsSync(target) ? relative(target) : `missing ${module.target} (module ${module.name})`).toBe(relative(target));
        const callee = parsed.get(target) ?? readBicep(target);
        const calleeParams = callee.declarations.filter((d) => d.kind === 'param');
        const passed = moduleParamKeys(bicep, module);
        const unknown = passed.filter((key) => !calleeParams.some((p) => p.name === key));
        const missing = calleeParams.filter((p) => !p.hasDefault && !passed.includes(p.name)).map((p) => p.name);
        expect({ module: module.name, unknown, missing }).toEqual({ module: module.name, unknown: [], missing: [] });
        const outputs = new Set(callee.declarations.filter((d) => d.kind === 'output').map((d) => d.name));
        const badOutputs = moduleOutputUses(bicep)
          .filter((use) => use.module === module.name && !outputs.has(use.output))
          .map((use) => `${use.module}.outputs.${use.output} (line ${use.line})`);
        expect(badOutputs).toEqual([]);
      }
    });
  });

  it('main.parameters.json names only parameters of main.bicep and sets every one without a default', () => {
    const main = parsed.get(path.join(infraDir, 'main.bicep'))!;
    const parameters = JSON.parse(fs.readFileSync(path.join(infraDir, 'main.parameters.json'), 'utf8')).parameters as Record<
      string,
      unknown
    >;
    const mainParams = main.declarations.filter((d) => d.kind === 'param');
    expect(Object.keys(parameters).filter((name) => !mainParams.some((p) => p.name === name))).toEqual([]);
    expect(mainParams.filter((p) => !p.hasDefault && !(p.name in parameters)).map((p) => p.name)).toEqual([]);
  });

  it('is secure by default: no keys, no public blobs, identity everywhere', () => {
    const all = files.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
    expect(all).not.toMatch(/listKeys\(|AccountKey=|SharedAccessKey=/);
    expect(all).toMatch(/allowSharedKeyAccess: false/);
    expect(all).toMatch(/allowBlobPublicAccess: false/);
    expect(all).toMatch(/publicAccess: 'None'/);
    expect(all).toMatch(/disableLocalAuth: true/); // Azure OpenAI keys off
    expect(all).toMatch(/DisableLocalAuth: true/); // Application Insights keys off
    expect(all).toMatch(/AzureWebJobsStorage__credential: 'managedidentity'/);
    expect(all).toMatch(/httpsOnly: true/);
    expect(all).toMatch(/minimumTlsVersion: 'TLS1_2'/);
    const settings = [...infraAppSettings([...parsed.values()]).keys()];
    expect(settings).toEqual(expect.arrayContaining(['AzureWebJobsStorage__blobServiceUri', 'AzureWebJobsStorage__clientId']));
    expect(settings).not.toContain('AzureWebJobsStorage'); // never a connection string
    expect(settings.filter((name) => /KEY|SECRET|PASSWORD|CONNECTION_STRING$/i.test(name))).toEqual([
      'APPLICATIONINSIGHTS_CONNECTION_STRING', // an ingestion address; writing needs the identity (local auth is off)
    ]);
    // Flex Consumption rejects these: the runtime comes from functionAppConfig.
    for (const name of ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_NODE_DEFAULT_VERSION']) {
      expect(settings).not.toContain(name);
    }
  });

  it('runs on Flex Consumption with Node 22 and the least roles the identity needs', () => {
    const all = files.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
    expect(all).toMatch(/name: 'FC1'\s+tier: 'FlexConsumption'/);
    // Node 20 is past its end of support on Azure Functions; the package's engines must allow what Azure runs.
    expect(all).toMatch(/runtime: \{\s+name: 'node'\s+version: '22'/);
    const engines = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).engines.node as string;
    expect(engines.split('||').map((range) => range.trim())).toContain('^22');
    const roleIds = {
      'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
      'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
      'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
      'Cognitive Services OpenAI User': '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
      'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
    };
    for (const [role, id] of Object.entries(roleIds)) expect(`${role} ${all.includes(id)}`).toBe(`${role} true`);
    // Broad roles would work too, and are exactly what least privilege rules out.
    for (const broad of ['Owner', 'Contributor', 'Storage Account Contributor', 'Cognitive Services Contributor']) {
      const ids: Record<string, string> = {
        Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
        Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
        'Storage Account Contributor': '17d1049b-9a84-46fb-8f53-869881c3d3ab',
        'Cognitive Services Contributor': '25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68',
      };
      expect(`${broad} ${all.includes(ids[broad])}`).toBe(`${broad} false`);
    }
  });

  it('creates the uploads, results and scoring containers and the Event Grid system topic for them', () => {
    const main = fs.readFileSync(path.join(infraDir, 'main.bicep'), 'utf8');
    expect(main).toMatch(/var uploadsContainerName = 'uploads'/);
    expect(main).toMatch(/var resultsContainerName = 'results'/);
    expect(main).toMatch(/var scoringContainerName = 'scoring'/);
    // Created by the storage module, told to the app, and handed to the post-deploy hook.
    expect(main).toMatch(/containerNames: \[[^\]]*\bscoringContainerName\b[^\]]*\]/);
    expect(main).toMatch(/SEGMENTWISE_SCORING_CONTAINER: scoringContainerName/);
    expect(main).toMatch(/output SEGMENTWISE_SCORING_CONTAINER string = scoringContainerName/);
    expect(main).toMatch(/output SCORING_FUNCTION_NAME string = scoringFunctionName/);
    const storage = fs.readFileSync(path.join(infraDir, 'modules', 'storage.bicep'), 'utf8');
    expect(storage).toMatch(/Microsoft\.EventGrid\/systemTopics@/);
    expect(storage).toMatch(/topicType: 'Microsoft\.Storage\.StorageAccounts'/);
  });
});

describe('the Bicep reader itself', () => {
  const write = (text: string) => {
    const file = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'bicep-')), 'x.bicep');
    fs.writeFileSync(file, text);
    return readBicep(file);
  };

  it('finds unbalanced brackets and unterminated strings', () => {
    expect(write("var a = {\n  b: [1, 2\n}\n").syntaxErrors.join(' ')).toMatch(/does not close '\['/);
    expect(write("var a = 'open\n").syntaxErrors.join(' ')).toMatch(/string not closed/);
    expect(write("var a = '${b'\n").syntaxErrors.length).toBeGreaterThan(0);
  });

  it('sees names inside string interpolation and ignores keys, properties and decorators', () => {
    const bicep = write(
      [
        "@description('x')",
        'param location string = resourceGroup().location',
        "var name = 'st${uniqueString(location)}-${suffix}'",
        'resource st \'Microsoft.Storage/storageAccounts@2023-05-01\' = {',
        '  name: name',
        '  location: location',
        '  properties: { accessTier: st.properties.accessTier }',
        '}',
        "output x string = flag ? 'a' : other",
      ].join('\n'),
    );
    expect(bicep.syntaxErrors).toEqual([]);
    const names = findReferences(bicep).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['location', 'suffix', 'name', 'st', 'flag', 'other']));
    expect(names).not.toContain('description');
    expect(names).not.toContain('accessTier');
    expect(names).not.toContain('properties');
    expect(names).not.toContain('string');
    expect(bicep.declarations.find((d) => d.name === 'location')?.hasDefault).toBe(true);
  });

  it('reports unknown functions as undeclared names', () => {
    const bicep = write("var a = uniqueStrin('x')\n");
    expect(findReferences(bicep).map((r) => r.name)).toEqual(['uniqueStrin']);
  });
});
