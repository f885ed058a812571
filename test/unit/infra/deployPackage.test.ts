import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './settingsCoverage';

const yaml = fs.readFileSync(path.join(repoRoot, 'azure.yaml'), 'utf8');
const scripts = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;
const funcignore = fs
  .readFileSync(path.join(repoRoot, '.funcignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

/** Whether .funcignore leaves `file` (a path relative to the project) out of the package, read as gitignore does. */
function ignored(file: string): boolean {
  return funcignore.some((pattern) => {
    const anchored = pattern.startsWith('/');
    const directory = pattern.endsWith('/');
    const body = pattern.replace(/^\//, '').replace(/\/$/, '');
    const glob = body.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
    if (anchored || body.includes('/')) return new RegExp(`^${glob}${directory ? '/' : '(/|$)'}`).test(file);
    // An unanchored pattern matches a name at any depth.
    return file.split('/').some((part, i, parts) => new RegExp(`^${glob}$`).test(part) && (!directory || i < parts.length - 1));
  });
}

describe('the app package azd deploys', () => {
  it('is built here and ships production dependencies only (no build on Azure that would install dev tools)', () => {
    expect(yaml).toMatch(/^ {4}remoteBuild: false$/m);
    expect(yaml).toMatch(/prepackage:\n {8}posix:\n {10}shell: sh\n {10}run: npm run package:azure/);
    expect(yaml).toMatch(/postpackage:\n {8}posix:\n {10}shell: sh\n {10}run: npm run package:restore/);
    // Clean first (outputs of renamed functions go), build, then drop the dev dependencies.
    expect(scripts['package:azure']).toBe('npm run clean && npm run build && npm prune --omit=dev --no-audit --no-fund');
    expect(scripts['package:restore']).toMatch(/^npm install\b/);
  });

  it('the clean step removes stale compiled outputs (a function that was renamed would still be indexed on Azure)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clean-'));
    fs.mkdirSync(path.join(dir, 'dist', 'functions'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', 'functions', 'oldName.js'), 'require("@azure/functions")');
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'source');
    const result = spawnSync('sh', ['-c', scripts.clean!], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'keep.txt'))).toBe(true);
  });

  it('.funcignore ships the compiled functions and node_modules, and leaves out sources, tests and local data', () => {
    for (const file of [
      'host.json',
      'package.json',
      'dist/functions/ingestUpload.js',
      'dist/functions/bindings/blobReference.js',
      'dist/shared/config/settings.js',
      'node_modules/@azure/functions/package.json',
      // Anchored patterns: folders of the same name inside packages are part of those packages.
      'node_modules/some-package/test/index.js',
      'node_modules/some-package/local/index.js',
      'node_modules/some-package/docs/index.js',
    ]) {
      expect(`${file}: ${ignored(file) ? 'left out' : 'shipped'}`).toBe(`${file}: shipped`);
    }
    for (const file of [
      'local.settings.json',
      'test/unit/x.test.ts',
      'dist/test/unit/x.test.js',
      'dist/bench/run.js',
      'dist/local/start.js',
      'dist/tools/fuzz/runFuzz.js',
      'tools/fuzz/runFuzz.ts',
      'dist/functions/ingestUpload.js.map',
      'functions/ingestUpload.ts',
      'shared/config/settings.ts',
      'infra/main.bicep',
      '.azurite/__blobstorage__/x',
      'results/telco/0123456789abcdef/report.html',
      '.azure/dev/.env',
      'tsconfig.json',
    ]) {
      expect(`${file}: ${ignored(file) ? 'left out' : 'shipped'}`).toBe(`${file}: left out`);
    }
  });

  it('production dependencies are plain JavaScript, so a package installed on any OS runs on the Linux workers', () => {
    const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: repoRoot, encoding: 'utf8' });
    const folders = [...new Set(listed.stdout.split('\n').filter((line) => line.includes(`${path.sep}node_modules${path.sep}`)))];
    expect(folders.length).toBeGreaterThan(50);
    const native: string[] = [];
    const walk = (dir: string, depth: number) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules') continue; // each package is listed on its own
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && depth < 4) walk(full, depth + 1);
        else if (entry.name.endsWith('.node') || entry.name === 'binding.gyp') native.push(path.relative(repoRoot, full));
      }
    };
    for (const folder of folders) if (fs.existsSync(folder)) walk(folder, 0);
    expect(native).toEqual([]);
    // And the dev tools really are dev-only: none of them is in the production tree.
    for (const tool of ['typescript', 'azurite', 'jest', '@swc/core']) {
      expect(`${tool}: ${folders.some((f) => f.endsWith(`${path.sep}node_modules${path.sep}${tool.replace('/', path.sep)}`))}`).toBe(`${tool}: false`);
    }
  });
});

describe('azd environment values the deployment uses', () => {
  const parameters = JSON.parse(fs.readFileSync(path.join(repoRoot, 'infra', 'main.parameters.json'), 'utf8')).parameters as Record<
    string,
    { value: string }
  >;
  const main = fs.readFileSync(path.join(repoRoot, 'infra', 'main.bicep'), 'utf8');

  it("gives role assignments azd's principal type, so azd up as a service principal (CI) works", () => {
    expect(parameters.principalType?.value).toBe('${AZURE_PRINCIPAL_TYPE=User}');
    expect(main).toMatch(/param principalType string = 'User'/);
    const allowed = /@allowed\(\[\s*([^\]]*)\]\)\s*param principalType/.exec(main)?.[1] ?? '';
    expect(allowed).toContain("'ServicePrincipal'");
  });

  it('deploys a current model with parameters the app reads, and an API version that serves reasoning models', () => {
    const model = /param openAiModelName string = '([^']+)'/.exec(main)?.[1];
    const version = /param openAiModelVersion string = '([^']+)'/.exec(main)?.[1];
    const apiVersion = /param openAiApiVersion string = '([^']+)'/.exec(main)?.[1];
    // Models whose versions are retired or no longer open to new deployments: a deployment of them fails provisioning.
    expect(['gpt-4o-mini', 'gpt-4o', 'gpt-35-turbo', 'gpt-4', 'gpt-4.1-mini', 'gpt-4.1', 'gpt-4.1-nano', 'o1', 'o3-mini', 'o4-mini']).not.toContain(model);
    expect(version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(String(apiVersion) >= '2025-04-01-preview').toBe(true);
    expect(main).toMatch(/AZURE_OPENAI_MODEL: openAiModelName/);
    const openAi = fs.readFileSync(path.join(repoRoot, 'infra', 'modules', 'openAi.bicep'), 'utf8');
    expect(openAi).toMatch(/versionUpgradeOption: 'OnceCurrentVersionExpired'/);
  });
});
