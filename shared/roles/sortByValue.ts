/**
 * The present (non-NaN) values of a number column in ascending order, with the row each came from:
 * an LSD radix sort on the values' bits. It costs about what sorting a copy does and also gives each
 * value its row, so a column is sorted once for its counts, its median and spread, and the leakage
 * guard's ranks. The order is Float64Array.prototype.sort's (-0 before 0); equal values keep their
 * rows in ascending order.
 */
export function sortByValue(values: Float64Array, n: number): { sorted: Float64Array; rows: Int32Array } {
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let low = new Uint32Array(n), high = new Uint32Array(n), rows = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i]!)) continue;
    const lo = words[2 * i]!, hi = words[2 * i + 1]!;
    // Flipping the bits of negatives and the sign of positives makes unsigned order the numeric order.
    if (hi >= 0x80000000) {
      low[m] = ~lo;
      high[m] = ~hi;
    } else {
      low[m] = lo;
      high[m] = hi | 0x80000000;
    }
    rows[m++] = i;
  }
  // Wide digits for long columns (fewer passes), narrow ones for short columns (smaller counts to clear).
  const bits = m >= 1 << 16 ? 16 : m >= 1 << 11 ? 11 : 8;
  const digits = 1 << bits, mask = digits - 1, passesPerWord = Math.ceil(32 / bits);
  let low2 = new Uint32Array(m), high2 = new Uint32Array(m), rows2 = new Int32Array(m);
  const counts = new Int32Array(digits);
  for (let pass = 0; pass < 2 * passesPerWord; pass++) {
    const key = pass < passesPerWord ? low : high;
    const shift = (pass % passesPerWord) * bits;
    counts.fill(0);
    for (let i = 0; i < m; i++) counts[(key[i]! >>> shift) & mask]++;
    // A pass where every value has the same digit would move nothing.
    if (m === 0 || counts[(key[0]! >>> shift) & mask] === m) continue;
    for (let d = 0, sum = 0; d < digits; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const at = counts[(key[i]! >>> shift) & mask]++;
      low2[at] = low[i]!;
      high2[at] = high[i]!;
      rows2[at] = rows[i]!;
    }
    let swap = low;
    low = low2;
    low2 = swap;
    swap = high;
    high = high2;
    high2 = swap;
    const swapRows = rows;
    rows = rows2;
    rows2 = swapRows;
  }
  const order = rows.subarray(0, m);
  const sorted = new Float64Array(m);
  for (let i = 0; i < m; i++) sorted[i] = values[order[i]!]!;
  return { sorted, rows: order };
}
