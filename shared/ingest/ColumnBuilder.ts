/*
 * Past 250 lines on purpose: a column's cells arrive as text or as bytes (the plain CSV path), and
 * both kinds of push decide the same column kind, keep the same texts and fill the same typed
 * arrays; split apart, each would have to expose the builder's buffers to the other.
 */
import { isMissingText, parseDateText, parseNumberText } from './parseCellText';
import { decodeCell } from './PlainCells';
import { ambiguous, commaDecimal, dotDecimal, plainNumber, plainNumberShape, plainNumberShapeOfBytes, wholeShape } from './plainNumberShape';
import { RepeatedTexts } from './RepeatedTexts';
import type { Column } from './Table';

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
  /** Decoded texts of this column's repeated cells, once it holds text. */
  private repeated: RepeatedTexts | undefined;

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

  /**
   * A cell as UTF-8 bytes of splitPlainCsv's text: a plain number goes in without becoming a string
   * unless its text is kept (an ambiguous "1.234"); any other cell is decoded and read as push reads text.
   */
  pushBytes(bytes: Buffer, start: number, end: number): void {
    if (start === end) return this.pushMissing();
    if (this.kind === 'string') {
      const text = (this.repeated ??= new RepeatedTexts()).value(bytes, start, end);
      return text === null ? this.pushMissing() : this.pushText(text);
    }
    if (this.kind === 'number' || this.kind === 'empty') {
      const shape = plainNumberShapeOfBytes(bytes, start, end);
      if (shape >= 0) {
        const n = plainNumber.value, separators = shape & 3;
        this.noteSeparatorKind(separators, separators === ambiguous ? decodeCell(bytes, start, end) : '');
        return this.pushNumber(n);
      }
    }
    this.pushString(decodeCell(bytes, start, end));
  }

  private pushString(text: string): void {
    if (isMissingText(text)) return this.pushMissing();
    if (this.kind !== 'string') {
      if (this.kind !== 'date') {
        const shape = plainNumberShape(text);
        if (shape >= 0) {
          const n = plainNumber.value;
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
