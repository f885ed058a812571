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
};

function shared(n: number): Float64Array {
  const a = new Float64Array(new SharedArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

describe('SyncWorkerPool', () => {
  test('hands work to a thread and back many times in a row without losing a wake-up', async () => {
    const pool = new SyncWorkerPool(1, kernels);
    const a = shared(64);
    try {
      // A lost notify shows up within ~10^5 rounds as a caller that never wakes; Jest's timeout
      // turns that into a failure instead of a hang.
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
  }, 60_000);

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
