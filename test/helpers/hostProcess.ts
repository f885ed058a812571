import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
const hostScript = path.join(repoRoot, 'dist', 'local', 'hostProcess.js');

export interface HostProcess {
  url: string;
  /** The host's key: the durable webhook API shows inputs and history, and allows changes, only with it. */
  hostKey: string;
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
  const hostKey = /\{"hostKey":"([^"]+)"\}/.exec(out)?.[1] ?? '';
  return {
    url,
    hostKey,
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

// Waits and run status live beside their kin; a test that starts a host can import them from here too.
export type { RunStatus } from './runStatus';
export { getRun } from './runStatus';
export { waitFor, waitForRunEnd } from './waitFor';
