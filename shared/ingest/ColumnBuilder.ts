import type { Column } from './Table';
import { isMissingText, parseDateText, parseNumberText } from './parseCellText';

/** Whole numbers as text, possibly padded, signed or with a ".0" tail: the shapes ids take. */
const wholeNumberText = /^\s*[+-]?\d+(\.0*)?\s*$/;

export type CellValue = string | number | bigint | boolean | Date | null | undefined;

/**
 * Grows one column while rows stream in, choosing its type on the fly: numbers (also numbers written
 * as text, with the file's decimal mark) and dates stay in a Float64Array; the first value that is
 * neither turns the column into text. Keeping numbers unboxed is what lets a million-row file fit.
 */
export class ColumnBuilder {
  readonly name: string;
  private kind: 'empty' | 'number' | 'date' | 'string' = 'empty';
  private nums = new Float64Array(0);
  private strs: (string | null)[] = [];
  private length = 0;
  private readonly decimal: '.' | ',';
  /** Cell text of whole-number cells that String(number) would not reproduce (see NumericColumn.texts). */
  private texts: Map<number, string> | undefined;

  constructor(name: string, decimal: '.' | ',' = '.') {
    this.name = name;
    this.decimal = decimal;
  }

  get size(): number {
    return this.length;
  }

  padMissing(n: number): void {
    for (let i = 0; i < n; i++) this.push(null);
  }

  push(value: CellValue): void {
    if (value === null || value === undefined) return this.pushMissing();
    switch (typeof value) {
      case 'number':
        return Number.isNaN(value) ? this.pushMissing() : this.pushNumber(value);
      case 'bigint':
        return this.pushNumber(Number(value));
      case 'boolean':
        return this.pushText(value ? 'true' : 'false');
      case 'string':
        return this.pushString(value);
      default:
        if (value instanceof Date) {
          const t = value.getTime();
          return Number.isNaN(t) ? this.pushMissing() : this.pushDate(t);
        }
        return this.pushText(String(value));
    }
  }

  private pushString(text: string): void {
    if (isMissingText(text)) return this.pushMissing();
    if (this.kind !== 'string') {
      if (this.kind !== 'date') {
        const n = parseNumberText(text, this.decimal);
        if (!Number.isNaN(n)) {
          if (wholeNumberText.test(text) && String(n) !== text) (this.texts ??= new Map()).set(this.length, text);
          return this.pushNumber(n);
        }
      }
      if (this.kind !== 'number') {
        const t = parseDateText(text);
        if (!Number.isNaN(t)) return this.pushDate(t);
      }
    }
    this.pushText(text);
  }

  private pushMissing(): void {
    if (this.kind === 'string') this.strs.push(null);
    else if (this.kind !== 'empty') this.append(NaN);
    this.length++;
  }

  private pushNumber(n: number): void {
    if (this.kind === 'empty') this.become('number');
    if (this.kind === 'number') this.append(n);
    else this.pushText(String(n));
    if (this.kind === 'string') return;
    this.length++;
  }

  private pushDate(t: number): void {
    if (this.kind === 'empty') this.become('date');
    if (this.kind === 'date') {
      this.append(t);
      this.length++;
    } else this.pushText(new Date(t).toISOString());
  }

  private pushText(text: string): void {
    if (this.kind !== 'string') this.become('string');
    this.strs.push(text);
    this.length++;
  }

  private become(kind: 'number' | 'date' | 'string'): void {
    if (kind === 'string') {
      const prior = this.nums.subarray(0, this.kind === 'empty' ? 0 : this.length);
      const strs: (string | null)[] = new Array(this.length);
      if (this.kind === 'empty') strs.fill(null);
      for (let i = 0; i < prior.length; i++) {
        const v = prior[i];
        strs[i] = Number.isNaN(v) ? null : this.kind === 'date' ? new Date(v).toISOString() : (this.texts?.get(i) ?? String(v));
      }
      this.texts = undefined;
      this.strs = strs;
      this.nums = new Float64Array(0);
    } else {
      this.nums = new Float64Array(Math.max(1024, this.length * 2));
      this.nums.fill(NaN, 0, this.length);
    }
    this.kind = kind;
  }

  private append(n: number): void {
    if (this.length >= this.nums.length) {
      const grown = new Float64Array(Math.max(1024, this.nums.length * 2));
      grown.set(this.nums);
      this.nums = grown;
    }
    this.nums[this.length] = n;
  }

  build(): Column {
    if (this.kind === 'number') {
      const column: Column = { name: this.name, kind: 'number', values: this.nums.slice(0, this.length) };
      if (this.texts) column.texts = this.texts;
      return column;
    }
    if (this.kind === 'date') return { name: this.name, kind: 'date', values: this.nums.slice(0, this.length) };
    if (this.kind === 'empty') return { name: this.name, kind: 'string', values: new Array<string | null>(this.length).fill(null) };
    return { name: this.name, kind: 'string', values: this.strs };
  }
}
