import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './settingsCoverage';

const hook = path.join(repoRoot, 'infra', 'hooks', 'postdeploy.sh');
const functionKey = 'BLOBSEXTENSIONKEY0123456789abcdef==';
const subscriptionId = '00000000-1111-2222-3333-444444444444';

/**
 * Runs the hook with a fake `az` first on PATH. The fake answers the key lookup with nothing for
 * the first `emptyKeyAnswers` calls (the host has not created the key yet), then with the key.
 */
function runHook(emptyKeyAnswers: number, env: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'postdeploy-'));
  const log = path.join(dir, 'az.log');
  const counter = path.join(dir, 'keys.count');
  fs.writeFileSync(
    path.join(dir, 'az'),
    `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
case "$1 $2 $3" in
  "functionapp keys list")
    if [ -n "\${FAKE_AZ_KEYS_ERROR:-}" ]; then echo "$FAKE_AZ_KEYS_ERROR" >&2; exit 1; fi
    n=$(cat '${counter}' 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > '${counter}'
    if [ "$n" -gt ${emptyKeyAnswers} ]; then echo '${functionKey}'; fi ;;
  "functionapp show --subscription") echo 'func-segmentwise-abc.azurewebsites.net' ;;
  "eventgrid system-topic event-subscription")
    if [ -n "\${FAKE_AZ_EVENTGRID_ERROR:-}" ]; then echo "$FAKE_AZ_EVENTGRID_ERROR" >&2; exit 1; fi ;;
  *) echo "unexpected az call: $*" >&2; exit 2 ;;
esac
`,
    { mode: 0o755 },
  );
  const result = spawnSync('sh', [hook], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      AZURE_RESOURCE_GROUP: 'rg-dev',
      AZURE_SUBSCRIPTION_ID: subscriptionId,
      AZURE_FUNCTION_APP_NAME: 'func-segmentwise-abc',
      UPLOADS_SYSTEM_TOPIC_NAME: 'evgt-uploads-abc',
      SEGMENTWISE_UPLOADS_CONTAINER: 'uploads',
      UPLOAD_FUNCTION_NAME: 'ingestUpload',
      SEGMENTWISE_SCORING_CONTAINER: 'scoring',
      SCORING_FUNCTION_NAME: 'scoreUpload',
      POSTDEPLOY_RETRY_SECONDS: '0',
      ...env,
    },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  return { ...result, calls };
}

describe('infra/hooks/postdeploy.sh (run with sh and a fake az)', () => {
  it('waits for the blobs_extension key, then subscribes the blob trigger to BlobCreated under uploads/', () => {
    const { status, stdout, stderr, calls } = runHook(2);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(calls.filter((c) => c.startsWith('functionapp keys list'))).toHaveLength(3);
    const subscribe = calls.find((c) => c.startsWith('eventgrid system-topic event-subscription create'));
    expect(subscribe).toBeDefined();
    expect(subscribe).toContain('--resource-group rg-dev');
    expect(subscribe).toContain('--system-topic-name evgt-uploads-abc');
    expect(subscribe).toContain('--endpoint-type webhook');
    expect(subscribe).toContain(
      `--endpoint https://func-segmentwise-abc.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.ingestUpload&code=${functionKey}`,
    );
    expect(subscribe).toContain('--included-event-types Microsoft.Storage.BlobCreated');
    expect(subscribe).toContain('--subject-begins-with /blobServices/default/containers/uploads/blobs/');
    expect(subscribe).toContain('--name uploads-to-ingestupload');
    // The scoring container's drops go to the scoring function, on the same system topic.
    const subscriptions = calls.filter((c) => c.startsWith('eventgrid system-topic event-subscription create'));
    expect(subscriptions).toHaveLength(2);
    const scoring = subscriptions[1]!;
    expect(scoring).toContain('--system-topic-name evgt-uploads-abc');
    expect(scoring).toContain(
      `--endpoint https://func-segmentwise-abc.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.scoreUpload&code=${functionKey}`,
    );
    expect(scoring).toContain('--subject-begins-with /blobServices/default/containers/scoring/blobs/');
    expect(scoring).toContain('--included-event-types Microsoft.Storage.BlobCreated');
    expect(scoring).toContain('--name scoring-to-scoreupload');
    // The key goes to az only; it is never printed where azd logs would keep it.
    expect(stdout).not.toContain(functionKey);
    // Every call goes to the subscription azd deployed to, not to whatever az has as its default.
    for (const call of calls) expect(call).toContain(`--subscription ${subscriptionId}`);
  });

  it('stops at once with az\'s own words when waiting cannot help (not logged in)', () => {
    const { status, stderr, calls } = runHook(0, { FAKE_AZ_KEYS_ERROR: "ERROR: Please run 'az login' to setup account." });
    expect(status).toBe(1);
    expect(stderr).toContain('could not read the keys of func-segmentwise-abc');
    expect(stderr).toContain("Please run 'az login'");
    expect(stderr).toContain('azd hooks run postdeploy');
    expect(calls.filter((c) => c.startsWith('functionapp keys list'))).toHaveLength(1);
    expect(calls.some((c) => c.startsWith('eventgrid'))).toBe(false);
  });

  it('fails loudly, with the reason, when the Event Grid subscription cannot be created', () => {
    const { status, stdout, stderr } = runHook(0, { FAKE_AZ_EVENTGRID_ERROR: "ERROR: (AuthorizationFailed) The client does not have authorization to perform action 'Microsoft.EventGrid/systemTopics/eventSubscriptions/write'." });
    expect(status).toBe(1);
    expect(stderr).toContain('creating the Event Grid subscription uploads-to-ingestupload failed');
    expect(stderr).toContain('AuthorizationFailed');
    expect(stdout).not.toContain('Done:');
  });

  it('refuses to run without the subscription azd deployed to', () => {
    const { status, stderr, calls } = runHook(0, { AZURE_SUBSCRIPTION_ID: '' });
    expect(status).not.toBe(0);
    expect(stderr).toContain('AZURE_SUBSCRIPTION_ID');
    expect(calls).toEqual([]);
  });

  it('fails with a clear message when the key never appears', () => {
    const { status, stderr, calls } = runHook(1000);
    expect(status).toBe(1);
    expect(stderr).toContain('blobs_extension key never appeared');
    expect(stderr).toContain('azd hooks run postdeploy');
    expect(calls.some((c) => c.startsWith('eventgrid'))).toBe(false);
  });

  it('refuses to run outside azd, without the environment it needs', () => {
    const { status, stderr } = runHook(0, { AZURE_RESOURCE_GROUP: '' });
    expect(status).not.toBe(0);
    expect(stderr).toContain('run through azd');
  });

  it('has a PowerShell twin that makes the same az calls', () => {
    const sh = fs.readFileSync(hook, 'utf8');
    const ps1 = fs.readFileSync(path.join(repoRoot, 'infra', 'hooks', 'postdeploy.ps1'), 'utf8');
    const options = (text: string) => [...new Set(text.match(/--[a-z][a-z-]+/g))].sort();
    expect(options(ps1)).toEqual(options(sh));
    for (const command of ['az functionapp keys list', 'az functionapp show', 'az eventgrid system-topic event-subscription create']) {
      expect(sh).toContain(command);
      expect(ps1).toContain(command);
    }
    expect(ps1).toContain('runtime/webhooks/blobs?functionName=Host.Functions.$functionName&code=$key');
    // Both containers are subscribed by both hooks.
    for (const text of [sh, ps1]) {
      expect(text).toMatch(/SEGMENTWISE_SCORING_CONTAINER/);
      expect(text).toMatch(/SCORING_FUNCTION_NAME/);
      expect(text).toMatch(/'?scoreUpload'?/);
    }
    expect(ps1).toMatch(/Subscribe \$uploadFunctionName \$uploadsContainer/);
    expect(ps1).toMatch(/Subscribe \$scoringFunctionName \$scoringContainer/);
  });
});

describe('azure.yaml', () => {
  const yaml = fs.readFileSync(path.join(repoRoot, 'azure.yaml'), 'utf8');

  it('deploys this folder as a TypeScript function service with Bicep from infra/', () => {
    expect(yaml).toMatch(/^infra:\n {2}provider: bicep\n {2}path: infra\n {2}module: main$/m);
    expect(yaml).toMatch(/^ {2}api:\n {4}project: \.\n {4}language: ts\n {4}host: function$/m);
  });

  it('runs hook scripts that exist, for both shells', () => {
    const runs = [...yaml.matchAll(/run: (.+)/g)].map((m) => m[1]!.trim());
    const files = runs.filter((run) => run.startsWith('./'));
    expect(files).toEqual(['./infra/hooks/postdeploy.sh', './infra/hooks/postdeploy.ps1']);
    for (const script of files) expect(fs.existsSync(path.join(repoRoot, script))).toBe(true);
    const scripts = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const run of runs.filter((r) => !r.startsWith('./'))) {
      const script = /^npm run ([\w:-]+)$/.exec(run)?.[1];
      expect({ run, defined: script !== undefined && script in scripts }).toEqual({ run, defined: true });
    }
    expect(yaml).toMatch(/postdeploy:\n {4}posix:\n {6}shell: sh/);
    expect(yaml).toMatch(/windows:\n {6}shell: pwsh/);
  });

  it('names the service the tag the Function App carries', () => {
    const functionApp = fs.readFileSync(path.join(repoRoot, 'infra', 'modules', 'functionApp.bicep'), 'utf8');
    expect(functionApp).toContain("'azd-service-name': 'api'");
  });
});
