import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkerPool } from '../../../shared/ml/WorkerPool';
import { compileForChild } from '../../helpers/compileForChild';

// Worker threads load compiled JavaScript: shared/ml is compiled to a scratch folder, and a test
// worker module serves a few kernels through the production serveKernels.
let dir: string;
let workerFile: string;
let brokenFile: string;

beforeAll(() => {
  dir = compileForChild(['shared/ml']);
  workerFile = path.join(dir, 'testKernels.js');
  fs.writeFileSync(workerFile, `
const { serveKernels } = require('./shared/ml/serveKernels.js');
serveKernels({
  sumRange: (a, from, to) => { let s = 0; for (let i = from; i < to; i++) s += a[i]; return s; },
  fail: () => { throw new Error('kernel failure'); },
  crash: () => process.exit(7),
  // Holds its thread until the calling thread sets flag[0]: only a free calling thread can end it.
  holdUntilReleased: (flag) => { while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0); return 42; },
  // A job that awaits (as a pipeline step awaits storage) until a later job on the same thread opens it.
  awaitGate: () => new Promise((resolve) => { globalThis.openGate = () => resolve('through the gate'); }),
  openGate: () => { globalThis.openGate(); return 'opened'; },
});
`);
  brokenFile = path.join(dir, 'brokenKernels.js');
  fs.writeFileSync(brokenFile, `throw new Error('cannot load');\n`);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function shared(n: number): Float64Array {
  const a = new Float64Array(new SharedArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

describe('WorkerPool', () => {
  test('a thread that takes several jobs runs a later one while an earlier one awaits', async () => {
    // One job at a time, the gate would never open: the second job would wait for the first.
    const pool = new WorkerPool(workerFile, 1, undefined, 2);
    try {
      const waiting = pool.run<string>({ kernel: 'awaitGate', args: [] });
      expect(await pool.run<string>({ kernel: 'openGate', args: [] })).toBe('opened');
      expect(await waiting).toBe('through the gate');
    } finally {
      await pool.terminate();
    }
  });

  test('runs jobs on its threads over shared arrays and returns each value', async () => {
    const pool = new WorkerPool(workerFile, 2);
    try {
      const a = shared(100);
      const jobs = [0, 25, 50, 75].map((from) => ({ kernel: 'sumRange', args: [a, from, from + 25] }));
      const parts = await pool.runAll(jobs);
      expect(parts).toEqual([300, 925, 1550, 2175]);
      expect(parts.reduce((s, v) => s + v, 0)).toBe((99 * 100) / 2);
    } finally {
      await pool.terminate();
    }
  });

  test('the calling thread stays free while a kernel runs: the kernel ends only when a later callback of this thread releases it', async () => {
    const pool = new WorkerPool(workerFile, 1);
    try {
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const order: string[] = [];
      const held = pool.run({ kernel: 'holdUntilReleased', args: [flag] }).then((v) => {
        order.push('kernel returned');
        return v;
      });
      setImmediate(() => {
        order.push('callback ran');
        Atomics.store(flag, 0, 1);
        Atomics.notify(flag, 0);
      });
      expect(await held).toBe(42);
      expect(order).toEqual(['callback ran', 'kernel returned']);
    } finally {
      await pool.terminate();
    }
  });

  test('a kernel that throws rejects its promise with the error, and the thread keeps serving', async () => {
    const pool = new WorkerPool(workerFile, 1);
    try {
      await expect(pool.run({ kernel: 'fail', args: [] })).rejects.toThrow(/kernel fail failed in a worker thread: kernel failure/);
      await expect(pool.run({ kernel: 'noSuchKernel', args: [] })).rejects.toThrow(/no kernel named noSuchKernel/);
      const a = shared(10);
      await expect(pool.runAll([{ kernel: 'sumRange', args: [a, 0, 5] }, { kernel: 'fail', args: [] }])).rejects.toThrow(/kernel failure/);
      expect(await pool.run({ kernel: 'sumRange', args: [a, 0, 10] })).toBe(45);
    } finally {
      await pool.terminate();
    }
  });

  test('a thread that dies rejects its job and is replaced by a new one', async () => {
    const pool = new WorkerPool(workerFile, 1);
    try {
      const a = shared(10);
      expect(await pool.run({ kernel: 'sumRange', args: [a, 0, 10] })).toBe(45);
      await expect(pool.run({ kernel: 'crash', args: [] })).rejects.toThrow(/kernel crash: its worker thread stopped \(exit code 7\); a new thread took its place/);
      expect(await pool.runAll([{ kernel: 'sumRange', args: [a, 0, 5] }, { kernel: 'sumRange', args: [a, 5, 10] }])).toEqual([10, 35]);
    } finally {
      await pool.terminate();
    }
  });

  test('a worker module that cannot load fails every job instead of restarting forever', async () => {
    const pool = new WorkerPool(brokenFile, 2);
    try {
      await expect(pool.runAll([{ kernel: 'sumRange', args: [] }, { kernel: 'sumRange', args: [] }, { kernel: 'sumRange', args: [] }]))
        .rejects.toThrow(/could not start .*cannot load/);
      await expect(pool.run({ kernel: 'sumRange', args: [] })).rejects.toThrow(/could not start/);
    } finally {
      await pool.terminate();
    }
  });

  test('refuses an output array the thread would only receive a copy of', async () => {
    const pool = new WorkerPool(workerFile, 1);
    try {
      await expect(pool.run({ kernel: 'sumRange', args: [new Float64Array(4), 0, 4] })).rejects.toThrow(/SharedArrayBuffer/);
    } finally {
      await pool.terminate();
    }
  });
});
