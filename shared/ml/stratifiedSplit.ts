import { createRng } from './createRng';

/** Stratified hold-out: `testSize` of each class goes to the test rows (scikit-learn's stratify=y). */
export function stratifiedTrainTestSplit(y: ArrayLike<number>, testSize = 0.2, seed = 0): { train: number[]; test: number[] } {
  const rng = createRng(seed);
  const byClass = groupByClass(y);
  const train: number[] = [], test: number[] = [];
  for (const rows of byClass.values()) {
    shuffle(rows, rng.int);
    const nTest = Math.round(rows.length * testSize);
    // One push per row: spreading a class's rows as call arguments overflows the stack past ~150k rows.
    for (let i = 0; i < rows.length; i++) (i < nTest ? test : train).push(rows[i]);
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/** Stratified k folds: fold[i] in 0..k-1, each class dealt round-robin after a seeded shuffle. */
export function stratifiedKFold(y: ArrayLike<number>, k = 5, seed = 0): Int32Array {
  const rng = createRng(seed);
  const fold = new Int32Array(y.length);
  let offset = 0;
  for (const rows of groupByClass(y).values()) {
    shuffle(rows, rng.int);
    rows.forEach((r, i) => { fold[r] = (i + offset) % k; });
    offset += rows.length;
  }
  return fold;
}

function groupByClass(y: ArrayLike<number>): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = m.get(y[i]) ?? [];
    list.push(i);
    m.set(y[i], list);
  }
  return new Map([...m.entries()].sort((a, b) => a[0] - b[0]));
}

function shuffle(a: number[], int: (n: number) => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
}
