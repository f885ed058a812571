import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type { CaseOutcome, FuzzCase } from './FuzzCase';
import type { CaseReply } from './fuzzWorker';

export interface IsolatedCaseRunnerOptions {
  /** The compiled fuzzWorker.js. */
  workerScript: string;
  /** Wall-clock limit per case; past it the process is killed and the case counts as a hang. */
  timeoutMs: number;
  /** Resident memory limit of the process; past it the process is killed and the case counts as a crash. */
  maxRssMb: number;
  /** V8 heap limit of the process (--max-old-space-size). */
  heapMb: number;
}

/**
 * Runs fuzz cases one at a time in a forked process with a heap limit, a resident-memory watchdog
 * (typed arrays live outside the V8 heap, so the heap limit alone does not bound memory) and a
 * wall-clock timeout. Whatever a case does, the runner gets an outcome back and carries on.
 */
export class IsolatedCaseRunner {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private stderr = '';
  /** Highest resident memory any worker process reached (MiB). */
  peakRssMb = 0;
  /** Worker processes started (1 + one per crash or hang). */
  processes = 0;

  constructor(private readonly options: IsolatedCaseRunnerOptions) {}

  async run(c: FuzzCase): Promise<CaseOutcome> {
    const child = await this.start();
    const base = { index: c.index, name: c.name, file: c.file, bytes: c.bytes.length };
    const startedAt = Date.now();
    return new Promise<CaseOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: CaseOutcome, kill: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watch);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (kill) this.stop();
        resolve(outcome);
      };
      const onMessage = (reply: CaseReply): void => {
        if (reply.index !== c.index) return;
        this.peakRssMb = Math.max(this.peakRssMb, reply.maxRssMb);
        const outcome: CaseOutcome = { ...base, outcome: reply.outcome, code: reply.code, detail: reply.detail, ms: reply.ms, rssMb: round(reply.rssMb), problem: reply.problem };
        finish(outcome, reply.outcome === 'crash');
      };
      const onExit = (code: number | null, signal: string | null): void => {
        this.child = undefined;
        const why = `worker exited (${signal ?? `code ${code}`})${this.stderr ? `: ${this.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}` : ''}`;
        finish({ ...base, outcome: 'crash', detail: why, ms: Date.now() - startedAt, rssMb: 0 }, false);
      };
      const timer = setTimeout(() => {
        finish({ ...base, outcome: 'hang', detail: `no outcome within ${this.options.timeoutMs} ms; worker killed`, ms: Date.now() - startedAt, rssMb: round(rssOf(child.pid)) }, true);
      }, this.options.timeoutMs);
      const watch = setInterval(() => {
        const rss = rssOf(child.pid);
        this.peakRssMb = Math.max(this.peakRssMb, rss);
        if (rss > this.options.maxRssMb) {
          finish({ ...base, outcome: 'crash', detail: `resident memory ${Math.round(rss)} MiB over the ${this.options.maxRssMb} MiB limit; worker killed`, ms: Date.now() - startedAt, rssMb: round(rss) }, true);
        }
      }, 25);
      child.on('message', onMessage);
      child.once('exit', onExit);
      this.stderr = '';
      child.send({ index: c.index, file: c.file, bytes: c.bytes });
    });
  }

  /** Ends the worker process (the runner starts a new one when it is needed again). */
  close(): void {
    this.stop();
  }

  private async start(): Promise<ChildProcess> {
    if (this.child && this.ready) {
      await this.ready;
      return this.child;
    }
    const child = fork(this.options.workerScript, [], {
      execArgv: [`--max-old-space-size=${this.options.heapMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.processes++;
    this.child = child;
    child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-4000);
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const onReady = (msg: { ready?: boolean }): void => {
        if (!msg.ready) return;
        child.off('message', onReady);
        resolve();
      };
      child.on('message', onReady);
      child.once('exit', (code) => reject(new Error(`fuzz worker ${this.options.workerScript} exited before it was ready (code ${code}): ${this.stderr.slice(-500)}`)));
    });
    await this.ready;
    return child;
  }

  private stop(): void {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Resident memory of a process from /proc (Linux); 0 where that is not available. */
function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
