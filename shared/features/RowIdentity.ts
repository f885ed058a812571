import type { Column, Table } from '../ingest/Table';

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/**
 * Tells equal rows apart without building a string key per row: each row gets a 53-bit hash of its
 * values, and rows that share a hash are compared value by value. Values are compared as join keys
 * are (keyValues): numbers by value (15291.0 is 15291, -0 is 0), text trimmed, missing equal to missing.
 */
export class RowIdentity {
  private readonly columns: Column[];
  private readonly trimmed: ((string | null)[] | undefined)[];
  private readonly buckets = new Map<number, number[]>();

  constructor(table: Table, skip?: string) {
    this.columns = table.columns.filter((c) => c.name !== skip);
    this.trimmed = this.columns.map((c) => (c.kind === 'string' ? c.values.map((v) => (v === null ? null : v.trim())) : undefined));
  }

  /** True when an equal row was seen before; otherwise remembers this one. */
  seenBefore(row: number): boolean {
    const h = this.hash(row);
    const bucket = this.buckets.get(h);
    if (!bucket) {
      this.buckets.set(h, [row]);
      return false;
    }
    for (const other of bucket) if (this.equal(row, other)) return true;
    bucket.push(row);
    return false;
  }

  private hash(row: number): number {
    // Two independent 32-bit FNV-1a style streams, folded into one exact JS integer (32 + 21 bits).
    let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
    for (let j = 0; j < this.columns.length; j++) {
      const text = this.trimmed[j];
      if (text) {
        const s = text[row];
        if (s === null) {
          a = Math.imul(a ^ 0xff, 0x01000193);
          b = Math.imul(b ^ 0x3d, 0x5bd1e995);
        } else {
          for (let i = 0; i < s.length; i++) {
            const ch = s.charCodeAt(i);
            a = Math.imul(a ^ ch, 0x01000193);
            b = Math.imul(b ^ ch, 0x5bd1e995);
          }
        }
      } else {
        const v = (this.columns[j]!.values as Float64Array)[row]!;
        scratch[0] = Number.isNaN(v) ? NaN : v === 0 ? 0 : v;
        a = Math.imul(a ^ scratchWords[0]!, 0x01000193);
        a = Math.imul(a ^ scratchWords[1]!, 0x01000193);
        b = Math.imul(b ^ scratchWords[1]!, 0x5bd1e995);
        b = Math.imul(b ^ scratchWords[0]!, 0x5bd1e995);
      }
      // A column boundary, so ("ab", "c") and ("a", "bc") differ.
      a = Math.imul(a ^ 0x1f, 0x01000193);
      b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    }
    return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
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
