import type { Column } from '../ingest/Table';
import { sortByValue } from './sortByValue';

/** What role inference reads off a column: missing values, the most frequent values, integers, text length. */
export interface ColumnStats {
  missing: number;
  /** Non-missing values by frequency, most frequent first (capped for very varied columns). */
  counts: Map<string, number>;
  distinct: number;
  allIntegers: boolean;
  meanLength: number;
  meanWords: number;
}

interface Measured {
  n: number;
  stats: ColumnStats;
  /** Number and date columns: the rows of present values, in ascending order of value. */
  order?: Int32Array;
}

/**
 * Stats per column object: loading a dataset infers the schema of its customer table twice (once for
 * the id, before duplicates go; once at the end), and columns are never changed once built.
 */
const statsCache = new WeakMap<Column, Measured>();

export function cachedColumnStats(c: Column, n: number): ColumnStats {
  return measured(c, n).stats;
}

/**
 * A number or date column's rows of present values in ascending order of value (sortByValue's, -0
 * before 0, ties in row order), as its stats were counted: its description reads its range, median
 * and spread off them, and the leakage guard its ranks, instead of sorting the column again. Only
 * the order is kept (4 bytes a row): the values are the column's own.
 */
export function cachedValueOrder(c: Column, n: number): Int32Array {
  const order = measured(c, n).order;
  if (!order) throw new Error(`Column "${c.name}" holds text: its values have no numeric order.`);
  return order;
}

function measured(c: Column, n: number): Measured {
  const known = statsCache.get(c);
  if (known && known.n === n) return known;
  const entry = { n, ...columnStats(c, n) };
  statsCache.set(c, entry);
  return entry;
}

/** How many of a column's values are kept, by frequency: enough for every decision made here. */
const countsKept = 1000;

function columnStats(c: Column, n: number): Omit<Measured, 'n'> {
  let missing = 0;
  let allIntegers = true;
  let length = 0;
  let words = 0;
  let sampled = 0;
  if (c.kind === 'string') {
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const v = c.values[i];
      if (v === null) {
        missing++;
        continue;
      }
      counts.set(v, (counts.get(v) ?? 0) + 1);
      if (sampled < 2000) {
        sampled++;
        length += v.length;
        words += v.trim().split(/\s+/).length;
      }
    }
    const top = mostFrequent([...counts.keys()], Int32Array.from(counts.values()), counts.size, (v) => v);
    return { stats: { missing, counts: top, distinct: counts.size, allIntegers, meanLength: sampled ? length / sampled : 0, meanWords: sampled ? words / sampled : 0 } };
  }
  // Sorting and counting runs: several times faster than a Map over 10^5 distinct floats.
  const { sorted, rows } = sortByValue(c.values, n);
  const m = sorted.length;
  missing = n - m;
  for (let i = 0; i < m && allIntegers; i++) if (!Number.isInteger(sorted[i]!)) allIntegers = false;
  const values = new Float64Array(m);
  const runs = new Int32Array(m);
  let distinct = 0;
  for (let i = 0; i < m; ) {
    let j = i + 1;
    while (j < m && sorted[j] === sorted[i]) j++;
    values[distinct] = sorted[i]!;
    runs[distinct++] = j - i;
    i = j;
  }
  const key = c.kind === 'date' ? (v: number) => new Date(v).toISOString() : (v: number) => String(v);
  const stats = { missing, counts: mostFrequent(values, runs, distinct, key), distinct, allIntegers, meanLength: 0, meanWords: 0 };
  return { stats, order: rows.slice() };
}

/**
 * The countsKept most frequent values, most frequent first. A continuous column has as many values
 * as rows; sorting and stringifying all of them was most of the time spent reading a large file.
 */
function mostFrequent<V>(values: ArrayLike<V>, counts: Int32Array, size: number, toKey: (v: V) => string): Map<string, number> {
  let picked: number[] = [];
  if (size > countsKept) {
    // The smallest count that still makes the cut, from a histogram of counts: O(distinct), no sort.
    let top = 0;
    for (let i = 0; i < size; i++) if (counts[i]! > top) top = counts[i]!;
    const byCount = new Int32Array(top + 1);
    for (let i = 0; i < size; i++) byCount[counts[i]!]++;
    let threshold = top;
    for (let seen = byCount[top]!; seen < countsKept && threshold > 1; ) seen += byCount[--threshold]!;
    // Every value above the threshold makes it (fewer than countsKept by construction), then ties at it.
    for (let i = 0; i < size; i++) if (counts[i]! > threshold) picked.push(i);
    for (let i = 0; i < size && picked.length < countsKept; i++) if (counts[i]! === threshold) picked.push(i);
  } else picked = Array.from({ length: size }, (_, i) => i);
  picked.sort((a, b) => counts[b]! - counts[a]! || a - b);
  if (picked.length > countsKept) picked.length = countsKept;
  return new Map(picked.map((i) => [toKey(values[i]!), counts[i]!]));
}

/** Row numbers left in a file (pandas' "Unnamed: 0"): 0, 1, 2 ... or 1, 2, 3 ... in file order. */
