/**
 * Partitions positions [start, end) in place, keeping their order: rows whose code in the column is
 * ≤ bin go left, the others (missing among them) right. Returns where the right side starts.
 */
export function splitRows(rows: Int32Array, scratch: Int32Array, codes: Uint8Array, column: number, bin: number, start: number, end: number): number {
  // Branch-free: which side a row goes to is as good as random, so a branch would mispredict often.
  let l = start, r = 0;
  for (let i = start; i < end; i++) {
    const row = rows[i];
    const goesLeft = codes[column + row] <= bin ? 1 : 0;
    rows[l] = row; scratch[r] = row;
    l += goesLeft; r += 1 - goesLeft;
  }
  rows.set(scratch.subarray(0, r), l);
  return l;
}
