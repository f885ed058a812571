import type { Column } from './Table';
import { isMissingText, parseDateText, parseNumberText } from './parseCellText';

const ambiguous = 1, commaDecimal = 2, dotDecimal = 3;

/**
 * What a number cell's separators say about the decimal mark, by scanning it once (a regular
 * expression per cell cost a third of reading a file): 0 none, `ambiguous` for "4,800" or "1.234"
 * (a thousands group or a decimal), `commaDecimal` for cells only a decimal comma reads ("0,98",
 * "1.234,5", "1,234,567" read the other way round is `dotDecimal`), `dotDecimal` for "12.5",
 * "1,250.50", "1,234,567".
 */
function separatorKind(text: string): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) <= 32) end--;
  // From the end: the last separator and the digits after it decide, unless there are exactly three.
  let last = end - 1;
  while (last >= 0) {
    const c = text.charCodeAt(last);
    if (c === 44 || c === 46) break;
    last--;
  }
  if (last < 0) return 0;
  const lastChar = text.charCodeAt(last);
  if (end - last - 1 !== 3) return lastChar === 44 ? commaDecimal : dotDecimal;
  let count = 1, other = false, start = 0;
  for (let i = 0; i < last; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 46) {
      count++;
      if (c !== lastChar) other = true;
    }
  }
  // Two different separators: the last one is the decimal mark ("1,250.500", "1.234,567").
  if (other) return lastChar === 44 ? commaDecimal : dotDecimal;
  // The same separator more than once before three digits is a thousands separator ("1,234,567").
  if (count > 1) return lastChar === 44 ? dotDecimal : commaDecimal;
  while (start < last && (text.charCodeAt(start) <= 32 || text.charCodeAt(start) === 43 || text.charCodeAt(start) === 45)) start++;
  // More than three digits before it cannot be a thousands group ("1234,567").
  return last - start > 3 ? (lastChar === 44 ? commaDecimal : dotDecimal) : ambiguous;
}

/** Flag in plainNumberShape's answer: the cell is written as a whole number ("42", "007", "+5", "15291.0"). */
const wholeShape = 4;
const powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** The number plainNumberShape read, beside its answer (a second return value without an object per cell). */
let plainValue = NaN;

/**
 * One scan of a cell written as a plain number ("-12.5", "3", ".5", "1e5": what parseNumberText reads
 * with Number, whatever the decimal mark), so the usual cell needs no regular expression: -1 when it
 * is not one or has spaces around it, else its separatorKind, plus `wholeShape`; the value goes to
 * plainValue. Up to 15 digits, digits ÷ a power of ten is exact in both operands, so the one rounding
 * is the division's: the same double Number gives (the usual fast path of decimal conversion).
 */
function plainNumberShape(text: string): number {
  const length = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45;
  if (negative || c === 43) c = text.charCodeAt(++i);
  const intStart = i;
  let mantissa = 0;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    c = text.charCodeAt(++i);
  }
  const intDigits = i - intStart;
  let dot = -1, fractionDigits = 0, fractionZeros = true;
  if (c === 46) {
    dot = i;
    c = text.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      if (c !== 48) fractionZeros = false;
      mantissa = mantissa * 10 + (c - 48);
      fractionDigits++;
      c = text.charCodeAt(++i);
    }
  }
  if (intDigits === 0 && fractionDigits === 0) return -1;
  let exponent = false;
  if (c === 69 || c === 101) {
    exponent = true;
    c = text.charCodeAt(++i);
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    const expStart = i;
    while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    if (i === expStart) return -1;
  }
  if (i !== length) return -1;
  if (exponent || intDigits + fractionDigits > 15) plainValue = Number(text);
  else {
    const v = mantissa / powersOfTen[fractionDigits]!;
    plainValue = negative ? -v : v;
  }
  const whole = !exponent && intDigits > 0 && fractionZeros ? wholeShape : 0;
  if (dot < 0) return whole;
  // As separatorKind: three characters after the point, and at most three digits before it, is ambiguous.
  if (length - dot - 1 !== 3 || dot - intStart > 3) return whole | dotDecimal;
  return whole | ambiguous;
}

/** Cheap first look before the id-text check: only padded, signed, spaced, very long or ".0" cells can differ. */
function mayNotWriteBack(text: string): boolean {
  const c = text.charCodeAt(0);
  const z = text.charCodeAt(text.length - 1);
  return (c === 48 && text.length > 1) || c === 43 || c <= 32 || z <= 32 || text.length > 15 || (z === 48 && text.includes('.'));
}

export interface NumberFormat {
  decimal: '.' | ',';
  ambiguousCells: number;
  example: string;
  evidence: string;
}

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
  /** Cells like "4,800" or "1.234" that read differently under the two decimal marks, by row. */
  private ambiguous: { rows: number[]; texts: string[] } | undefined;
  /** Cells only one decimal mark can read ("0,98", "1.234,5" / "12.5", "1,234.50", "1,234,567"). */
  private commaOnly = 0;
  private dotOnly = 0;

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
        const shape = plainNumberShape(text);
        if (shape >= 0) {
          const n = plainValue;
          if (shape & wholeShape && mayNotWriteBack(text) && String(n) !== text) (this.texts ??= new Map()).set(this.length, text);
          else this.noteSeparatorKind(shape & 3, text);
          return this.pushNumber(n);
        }
        let n = parseNumberText(text, this.decimal);
        // A cell only the other decimal mark reads ("1,234,567" in a decimal-comma file) is evidence too.
        if (Number.isNaN(n) && (text.includes(',') || text.includes('.'))) n = parseNumberText(text, this.decimal === '.' ? ',' : '.');
        if (!Number.isNaN(n)) {
          if (mayNotWriteBack(text) && wholeNumberText.test(text) && String(n) !== text) (this.texts ??= new Map()).set(this.length, text);
          else this.noteSeparators(text);
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

  /** Evidence for this column's own decimal mark; ambiguous cells are read again once it is known. */
  private noteSeparators(text: string): void {
    this.noteSeparatorKind(separatorKind(text), text);
  }

  private noteSeparatorKind(kind: number, text: string): void {
    if (kind === 0) return;
    if (kind === ambiguous) {
      // Two arrays, not a Map: a column of prices can hold a hundred thousand such cells.
      this.ambiguous ??= { rows: [], texts: [] };
      this.ambiguous.rows.push(this.length);
      this.ambiguous.texts.push(text.trim());
    } else if (kind === commaDecimal) this.commaOnly++;
    else this.dotOnly++;
  }

  /**
   * How this column's numbers were read: its own unambiguous cells decide the decimal mark for the
   * ambiguous ones ("4,800" is 4800 beside "1,250.50", 4.8 beside "0,98"); with no such cells the
   * file's mark stands. Undefined when no cell was ambiguous.
   */
  get numberFormat(): NumberFormat | undefined {
    if (!this.ambiguous || this.kind !== 'number') return undefined;
    const decimal = this.decidedDecimal();
    const evidence =
      this.commaOnly && !this.dotOnly ? `${this.commaOnly} cells such as "0,98" can only have a decimal comma`
      : this.dotOnly && !this.commaOnly ? `${this.dotOnly} cells such as "1,250.50" or "12.5" can only have a decimal point`
      : this.commaOnly && this.dotOnly ? `cells of both kinds: the file's decimal mark "${this.decimal}" was kept`
      : `no cell settles it: the file's decimal mark "${this.decimal}" was kept`;
    return { decimal, ambiguousCells: this.ambiguous.rows.length, example: this.ambiguous.texts[0]!, evidence };
  }

  private decidedDecimal(): '.' | ',' {
    if (this.commaOnly > 0 && this.dotOnly === 0) return ',';
    if (this.dotOnly > 0 && this.commaOnly === 0) return '.';
    return this.decimal;
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
      const values = this.nums.slice(0, this.length);
      const decimal = this.decidedDecimal();
      const cells = this.ambiguous;
      if (cells && decimal !== this.decimal) for (let k = 0; k < cells.rows.length; k++) values[cells.rows[k]!] = parseNumberText(cells.texts[k]!, decimal);
      const column: Column = { name: this.name, kind: 'number', values };
      if (this.texts) column.texts = this.texts;
      return column;
    }
    if (this.kind === 'date') return { name: this.name, kind: 'date', values: this.nums.slice(0, this.length) };
    if (this.kind === 'empty') return { name: this.name, kind: 'string', values: new Array<string | null>(this.length).fill(null) };
    return { name: this.name, kind: 'string', values: this.strs };
  }
}
