import { isMissingText } from './parseCellText';
import { decodeCell } from './PlainCells';

const slots = 1024, longestKey = 32, trialCells = 4096;

/**
 * The strings of a text column's cells by their UTF-8 bytes, so a value repeated down the column (a
 * plan, a city, a channel) is decoded once and shared by every row that holds it, instead of a new
 * string per row for the collector to sweep. Direct-mapped by a hash of the bytes, keys kept in one
 * flat array; a column whose values rarely repeat (ids) stops looking after its first cells.
 */
export class RepeatedTexts {
  private readonly keys = new Uint8Array(slots * longestKey);
  private readonly keyLengths = new Int32Array(slots).fill(-1);
  /** Each slot's cell value: its text, or null for a missing-value token ("NA", "null", ...). */
  private readonly values: (string | null)[] = new Array<string | null>(slots).fill(null);
  private lookups = 0;
  private hits = 0;
  private active = true;

  /** The value of the non-empty cell bytes[start, end), valid UTF-8: its text, or null when it reads as missing. */
  value(bytes: Buffer, start: number, end: number): string | null {
    const length = end - start;
    if (!this.active || length > longestKey) return textOrMissing(decodeCell(bytes, start, end));
    let hash = length;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const slot = (hash ^ (hash >>> 15)) & (slots - 1);
    const keys = this.keys, at = slot * longestKey;
    this.lookups++;
    if (this.keyLengths[slot] === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (keys[at + i] !== bytes[start + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.hits++;
        return this.values[slot]!;
      }
    }
    const value = textOrMissing(decodeCell(bytes, start, end));
    keys.set(bytes.subarray(start, end), at);
    this.keyLengths[slot] = length;
    this.values[slot] = value;
    if (this.lookups === trialCells && this.hits * 2 < trialCells) this.active = false;
    return value;
  }
}

function textOrMissing(text: string): string | null {
  return isMissingText(text) ? null : text;
}
