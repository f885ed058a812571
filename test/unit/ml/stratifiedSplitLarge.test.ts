import { stratifiedKFold, stratifiedTrainTestSplit } from '../../../shared/ml/stratifiedSplit';

// A labelled table with a large majority class: spreading its rows as call arguments overflowed the stack.
describe('stratified splits of a large labelled table', () => {
  const majority = 320_000, minority = 40_000;
  const y = new Uint8Array(majority + minority);
  for (let i = 0; i < minority; i++) y[i * 9] = 1;

  test('a hold-out over 320,000 rows of one class keeps every row once, in each class’s share', () => {
    const { train, test } = stratifiedTrainTestSplit(y, 0.2, 7);
    expect(train.length + test.length).toBe(y.length);
    const seen = new Uint8Array(y.length);
    for (const r of train) seen[r]++;
    for (const r of test) seen[r]++;
    expect(seen.every((c) => c === 1)).toBe(true);
    let testPositives = 0;
    for (const r of test) testPositives += y[r];
    expect(testPositives).toBe(Math.round(minority * 0.2));
    expect(test.length - testPositives).toBe(Math.round(majority * 0.2));
    expect(test.every((r, i) => i === 0 || r > test[i - 1])).toBe(true);
  });

  test('five folds over the same rows are balanced per class', () => {
    const fold = stratifiedKFold(y, 5, 7);
    const sizes = [0, 0, 0, 0, 0];
    for (const f of fold) sizes[f]++;
    expect(sizes).toEqual([72_000, 72_000, 72_000, 72_000, 72_000]);
  });
});
