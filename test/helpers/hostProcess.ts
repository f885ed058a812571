import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
const hostScript = path.join(repoRoot, 'dist', 'local', 'hostProcess.js');

export interface HostProcess {
  url: string;
  child: ChildProcess;
  /** Everything the host printed so far. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the local host as its own process (the compiled app in dist/, as `npm start` runs it),
 * so a test can kill it like a crashed machine. `npm test` compiles before Jest runs.
 */
export async function startHostProcess(env: Record<string, string>): Promise<HostProcess> {
  if (!fs.existsSync(hostScript)) throw new Error(`${hostScript} is missing: run \`npm run build\` (npm test does) first.`);
  const child = spawn(process.execPath, [hostScript], {
    cwd: repoRoot,
    env: { ...process.env, SEGMENTWISE_LOCAL_PORT: '0', SEGMENTWISE_LOCAL_POLL_MS: '200', SEGMENTWISE_LOCAL_TIMERS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host did not start within 30 s:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"ready":"([^"]+)"\}/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The host exited with code ${code}:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    kill: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface RunStatus {
  runId: string;
  runtimeStatus: string;
  customStatus: { step: string; stepIndex: number; steps: number; percent: number } | null;
  results?: { folder: string; files: string[] };
  error?: { code: string; message: string };
}

export async function getRun(url: string, runId: string): Promise<RunStatus | undefined> {
  const res = await fetch(`${url}/api/runs/${runId}`);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET /api/runs/${runId} → ${res.status} ${await res.text()}`);
  return (await res.json()) as RunStatus;
}

export async function waitForRunEnd(url: string, runId: string, timeoutMs = 60_000): Promise<RunStatus> {
  return waitFor(
    async () => {
      const run = await getRun(url, runId);
      return run && ['Completed', 'Failed', 'Terminated'].includes(run.runtimeStatus) ? run : undefined;
    },
    timeoutMs,
    `run ${runId} to end`,
  );
}
