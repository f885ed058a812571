import type { Column, Table } from '../ingest/Table';

/** A hash word for NaN, whatever its bits: every missing number is equal to every other. */
const nanWord = 0x7ff80000;

/**
 * Tells equal rows apart without building a string key per row: each row gets a 32-bit hash of its
 * values (computed column by column, once), rows are remembered in an open-addressing table of row
 * numbers, and rows that share a hash are compared value by value. Values are compared as join keys
 * are (keyValues): numbers by value (15291.0 is 15291, -0 is 0), text trimmed, missing equal to missing.
 */
export class RowIdentity {
  private readonly columns: Column[];
  private readonly trimmed: ((string | null)[] | undefined)[];
  private readonly hashes: Int32Array;
  /** 1 + a remembered row, 0 for an empty slot; at least twice as many slots as rows. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(table: Table, skip?: string) {
    this.columns = table.columns.filter((c) => c.name !== skip);
    this.trimmed = this.columns.map((c) => (c.kind === 'string' ? c.values.map((v) => (v === null ? null : v.trim())) : undefined));
    this.hashes = this.hashRows(table.rowCount);
    let size = 16;
    while (size < 2 * table.rowCount) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** True when an equal row was seen before; otherwise remembers this one. */
  seenBefore(row: number): boolean {
    const h = this.hashes[row]!;
    let at = h & this.mask;
    for (let slot = this.slots[at]!; slot !== 0; slot = this.slots[at]!) {
      if (this.hashes[slot - 1] === h && this.equal(row, slot - 1)) return true;
      at = (at + 1) & this.mask;
    }
    this.slots[at] = row + 1;
    return false;
  }

  /** MurmurHash3's steps, fed one column at a time over all rows (typed arrays, no object per row). */
  private hashRows(n: number): Int32Array {
    const h = new Int32Array(n);
    for (let j = 0; j < this.columns.length; j++) {
      const text = this.trimmed[j];
      if (text) {
        for (let i = 0; i < n; i++) {
          const s = text[i];
          let x = h[i]!;
          if (s === null) x = mix(x, 0x7fffffff);
          else for (let k = 0; k < s.length; k++) x = mix(x, s.charCodeAt(k));
          // A column boundary, so ("ab", "c") and ("a", "bc") differ.
          h[i] = mix(x, 0x1f);
        }
        continue;
      }
      const values = this.columns[j]!.values as Float64Array;
      const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        let x = h[i]!;
        if (Number.isNaN(v)) x = mix(mix(x, nanWord), 0);
        else if (v === 0) x = mix(mix(x, 0), 0);
        else x = mix(mix(x, words[2 * i]!), words[2 * i + 1]!);
        h[i] = mix(x, 0x1f);
      }
    }
    for (let i = 0; i < n; i++) {
      let x = h[i]!;
      x ^= x >>> 16;
      x = Math.imul(x, 0x85ebca6b);
      x ^= x >>> 13;
      x = Math.imul(x, 0xc2b2ae35);
      h[i] = x ^ (x >>> 16);
    }
    return h;
  }

  private equal(r: number, s: number): boolean {
    for (let j = 0; j < this.columns.length; j++) {
      const text = this.trimmed[j];
      if (text) {
        if (text[r] !== text[s]) return false;
        continue;
      }
      const values = this.columns[j]!.values as Float64Array;
      const x = values[r]!, y = values[s]!;
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
    }
    return true;
  }
}

/** One word into a running hash (MurmurHash3's body step). */
function mix(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  const x = hash ^ k;
  return (Math.imul((x << 13) | (x >>> 19), 5) + 0xe6546b64) | 0;
}
