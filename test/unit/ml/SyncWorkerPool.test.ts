import { SyncWorkerPool } from '../../../shared/ml/SyncWorkerPool';

// Kernels are shipped to the threads as source text, so they are plain function expressions.
const kernels = {
  sumRange: function (a: Float64Array, from: number, to: number): number {
    let s = 0;
    for (let i = from; i < to; i++) s += a[i]!;
    return s;
  },
  fail: function (): number {
    throw new Error('kernel failure');
  },
  // Holds its thread for at least `ms` (Atomics.wait never returns early on a value nobody changes).
  stall: function (ms: number): number {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return 0;
  },
};

function shared(n: number): Float64Array {
  const a = new Float64Array(new SharedArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

describe('SyncWorkerPool', () => {
  test('hands work to a thread and back 300,000 times in a row without losing a wake-up', async () => {
    // A lost notify shows up within ~10^5 rounds as a caller that never wakes. The pool's own bounded
    // wait turns it into an error naming the thread; how long the rounds take is up to the machine.
    const pool = new SyncWorkerPool(1, kernels, { jobLimitMs: 60_000 });
    const a = shared(64);
    try {
      let total = 0;
      for (let round = 0; round < 300_000; round++) {
        const [left, right] = pool.run(
          [{ kernel: 'sumRange', args: [a, 0, 32] }, { kernel: 'sumRange', args: [a, 32, 64] }],
          kernels,
        );
        total += left! + right!;
      }
      expect(pool.threaded).toBe(true);
      expect(total).toBe(300_000 * ((63 * 64) / 2));
    } finally {
      await pool.terminate();
    }
    // Only a backstop: the count decides this test, and a lost wake-up fails it after jobLimitMs.
  }, 1_800_000);

  test('a thread that does not report back fails the call with a clear error instead of blocking it', async () => {
    const pool = new SyncWorkerPool(1, kernels, { jobLimitMs: 200 });
    const a = shared(10);
    try {
      // The thread is held 3 s, fifteen times the limit: the caller must give up first, whatever the load.
      expect(() => pool.run([{ kernel: 'sumRange', args: [a, 0, 5] }, { kernel: 'stall', args: [3000] }], kernels)).toThrow(
        /kernel stall: worker thread 1 did not report back within 0.2 s/,
      );
      // The pool no longer hands work to that thread: the calling thread does every share.
      expect(pool.threaded).toBe(false);
      expect(pool.run([{ kernel: 'sumRange', args: [a, 0, 5] }, { kernel: 'sumRange', args: [a, 5, 10] }], kernels)).toEqual([10, 35]);
    } finally {
      await pool.terminate();
    }
  });

  test('a kernel that throws in a thread fails the call, and the pool keeps working', async () => {
    const pool = new SyncWorkerPool(1, kernels);
    const a = shared(10);
    try {
      expect(() => pool.run([{ kernel: 'sumRange', args: [a, 0, 5] }, { kernel: 'fail', args: [] }], kernels)).toThrow(
        /kernel fail failed in a worker thread/,
      );
      expect(() => pool.run([{ kernel: 'fail', args: [] }, { kernel: 'sumRange', args: [a, 5, 10] }], kernels)).toThrow(
        /kernel failure/,
      );
      expect(pool.run([{ kernel: 'sumRange', args: [a, 0, 5] }, { kernel: 'sumRange', args: [a, 5, 10] }], kernels)).toEqual([10, 35]);
    } finally {
      await pool.terminate();
    }
  });

  test('kernels a thread cannot compile run on the calling thread instead of waiting forever', async () => {
    // Method shorthand is not a standalone expression: `const sumRange = sumRange(a, …) {…}` does not parse.
    const shorthand = {
      sumRange(a: Float64Array, from: number, to: number): number {
        let s = 0;
        for (let i = from; i < to; i++) s += a[i]!;
        return s;
      },
    };
    const pool = new SyncWorkerPool(1, shorthand);
    const a = shared(10);
    try {
      expect(pool.run([{ kernel: 'sumRange', args: [a, 0, 5] }, { kernel: 'sumRange', args: [a, 5, 10] }], shorthand)).toEqual([10, 35]);
      expect(pool.threaded).toBe(false);
    } finally {
      await pool.terminate();
    }
  });
});
