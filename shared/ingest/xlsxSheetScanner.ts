/*
 * Past 250 lines on purpose: the scan of a worksheet's bytes is one state machine (rows, cells, their
 * values and the tags around them); split apart, every piece would pass the buffer and position back and forth.
 */
import type { CellValue } from './ColumnBuilder';
import { decodeCell } from './PlainCells';
import { xmlText } from './xlsxXmlText';

/** What a sheet's cells need from the rest of the workbook. */
export interface XlsxSheetContext {
  sharedStrings: readonly (string | null)[];
  /** 1 for each cell style (by index) whose number format shows a date. */
  dateStyles: Uint8Array;
  date1904: boolean;
}

/** A row's values by column (index 0 = column A), as long as its last cell with a value; the array is reused for the next row. */
export type XlsxRowHandler = (values: CellValue[], row: number) => void;

/** Excel's last column (XFD): a reference past it is damage, not data. */
const maxColumn = 16384;
const powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

// Cell types (the `t` attribute).
const numberCell = 0, sharedCell = 1, stringCell = 2, inlineCell = 3, booleanCell = 4, errorCell = 5, isoDateCell = 6;

const enum Ch {
  space = 32, quote = 34, amp = 38, apos = 39, slash = 47, zero = 48, nine = 57, colon = 58, lt = 60, eq = 61, gt = 62,
  question = 63, bang = 33, dollar = 36, minus = 45, dot = 46, A = 65, Z = 90, a = 97, z = 122,
}

/**
 * Reads a worksheet's XML (xl/worksheets/*.xml) from its bytes as they are inflated, without building
 * a document or an object per cell: each row's values go to `onRow` in sheet order. Values are what
 * the cell holds (a formula's cached result): numbers, dates (a number whose style is a date format;
 * serial days as exceljs converts them, the 1900 leap-year day uncorrected), shared and inline strings,
 * booleans; error cells are null. A cell without an `r` reference follows the one before it, a row
 * without one the row before it; the rows and cells a sheet leaves out are simply absent.
 */
export class XlsxSheetScanner {
  /** Bytes after the last whole row, waiting for the rest of their row. */
  private waiting: Buffer[] = [];
  private inSheetData = false;
  private done = false;
  private rowNumber = 0;
  private readonly values: CellValue[] = [];
  /** One past the last column of the current row holding a value (the row's length). */
  private width = 0;
  /** The column of the row's previous cell, which a cell without a reference follows. */
  private lastColumn = 0;
  private readonly dateOffset: number;

  constructor(
    private readonly context: XlsxSheetContext,
    private readonly onRow: XlsxRowHandler,
  ) {
    this.dateOffset = context.date1904 ? 1462 : 0;
  }

  /** The next inflated bytes of the sheet: whole rows are scanned now, a row cut by the chunk's end waits for the rest. */
  push(chunk: Buffer): void {
    if (this.done) return;
    const cut = afterLastRowEnd(chunk);
    if (cut < 0) {
      // Joined only once a row ends, so a row longer than many chunks is copied once, not once per chunk.
      this.waiting.push(chunk);
      return;
    }
    const bytes = this.waiting.length ? Buffer.concat([...this.waiting, chunk]) : chunk;
    const end = bytes.length - chunk.length + cut;
    this.waiting = end < bytes.length ? [bytes.subarray(end)] : [];
    this.scan(bytes, end);
  }

  /** The sheet's last bytes have come: scans what is left. */
  end(): void {
    const rest = Buffer.concat(this.waiting);
    this.waiting = [];
    if (!this.done) this.scan(rest, rest.length);
  }

  private scan(b: Buffer, end: number): void {
    let i = 0;
    while (!this.done) {
      const lt = byteAt(b, Ch.lt, i);
      if (lt < 0 || lt >= end) return;
      let p = lt + 1;
      const c = b[p];
      if (c === Ch.slash) {
        const nameStart = localNameStart(b, ++p);
        const closeEnd = byteAt(b, Ch.gt, p);
        if (closeEnd < 0) return;
        if (this.inSheetData) {
          if (isName(b, nameStart, closeEnd, 'row')) this.endRow();
          else if (isName(b, nameStart, closeEnd, 'sheetData')) this.done = true;
        }
        i = closeEnd + 1;
        continue;
      }
      if (c === Ch.question || c === Ch.bang) {
        i = skipMarkup(b, lt);
        continue;
      }
      const nameStart = localNameStart(b, p);
      p = nameEnd(b, nameStart);
      const length = p - nameStart;
      if (!this.inSheetData) {
        const tagEnd = endOfTag(b, p);
        if (length === 9 && isName(b, nameStart, p, 'sheetData')) {
          if (b[tagEnd - 1] === Ch.slash) this.done = true;
          this.inSheetData = true;
        }
        i = tagEnd + 1;
        continue;
      }
      if (length === 1 && b[nameStart] === 99 /* c */) i = this.cell(b, p);
      else if (length === 3 && isName(b, nameStart, p, 'row')) i = this.startRow(b, p);
      else i = endOfTag(b, p) + 1;
    }
  }

  private startRow(b: Buffer, p: number): number {
    let number = this.rowNumber + 1;
    for (;;) {
      while (b[p]! <= Ch.space) p++;
      const c = b[p];
      if (c === Ch.gt) break;
      if (c === Ch.slash) {
        this.rowNumber = number;
        this.endRow();
        return p + 2;
      }
      if (c === undefined) throw new Error(`row ${number} is not closed`);
      const nameStart = localNameStart(b, p);
      p = nameEnd(b, nameStart);
      const valueStart = attributeValueStart(b, p);
      const valueEnd = byteAt(b, b[valueStart - 1]!, valueStart);
      if (valueEnd < 0) throw new Error(`row ${number} is not closed`);
      if (p - nameStart === 1 && b[nameStart] === 114 /* r */) {
        const n = wholeNumber(b, valueStart, valueEnd);
        if (n > 0) number = n;
      }
      p = valueEnd + 1;
    }
    this.rowNumber = number;
    return p + 1;
  }

  private endRow(): void {
    const values = this.values;
    if (values.length !== this.width) values.length = this.width;
    this.onRow(values, this.rowNumber);
    values.fill(null);
    this.width = 0;
    this.lastColumn = 0;
  }

  /** One `<c>` element from after its name; returns where scanning goes on. */
  private cell(b: Buffer, p: number): number {
    let column = this.lastColumn + 1;
    let style = -1;
    let type = numberCell;
    let selfClosing = false;
    for (;;) {
      while (b[p]! <= Ch.space) p++;
      const c = b[p];
      if (c === Ch.gt) {
        p++;
        break;
      }
      if (c === Ch.slash) {
        selfClosing = true;
        p += 2;
        break;
      }
      if (c === undefined) throw new Error(`a cell of row ${this.rowNumber} is not closed`);
      const nameStart = localNameStart(b, p);
      p = nameEnd(b, nameStart);
      const single = p - nameStart === 1 ? b[nameStart] : 0;
      const valueStart = attributeValueStart(b, p);
      const valueEnd = byteAt(b, b[valueStart - 1]!, valueStart);
      if (valueEnd < 0) throw new Error(`a cell of row ${this.rowNumber} is not closed`);
      if (single === 114 /* r */) column = columnOf(b, valueStart, valueEnd, column);
      else if (single === 115 /* s */) style = wholeNumber(b, valueStart, valueEnd);
      else if (single === 116 /* t */) type = cellType(b, valueStart, valueEnd);
      p = valueEnd + 1;
    }
    this.lastColumn = column;
    if (column > maxColumn) throw new Error(`a cell of row ${this.rowNumber} lies past the last column Excel has`);
    if (selfClosing) return p;

    let valueStart = -1, valueEnd = -1, formula = false;
    let inline: string | undefined;
    for (;;) {
      const lt = byteAt(b, Ch.lt, p);
      if (lt < 0) throw new Error(`a cell of row ${this.rowNumber} is not closed`);
      let q = lt + 1;
      if (b[q] === Ch.slash) {
        const nameStart = localNameStart(b, ++q);
        const closeEnd = byteAt(b, Ch.gt, q);
        if (closeEnd < 0) throw new Error(`a cell of row ${this.rowNumber} is not closed`);
        p = closeEnd + 1;
        if (nameEnd(b, nameStart) - nameStart === 1 && b[nameStart] === 99 /* c */) break;
        continue;
      }
      if (b[q] === Ch.question || b[q] === Ch.bang) {
        p = skipMarkup(b, lt);
        continue;
      }
      const nameStart = localNameStart(b, q);
      q = nameEnd(b, nameStart);
      const tagEnd = endOfTag(b, q);
      p = tagEnd + 1;
      const length = q - nameStart;
      const first = b[nameStart];
      if (length === 1 && first === 118 /* v */) {
        if (b[tagEnd - 1] === Ch.slash) valueStart = valueEnd = p;
        else {
          valueStart = p;
          valueEnd = textEnd(b, p);
          p = valueEnd;
        }
      } else if (length === 1 && first === 102 /* f */) formula = true;
      else if (length === 2 && first === 105 /* i */ && b[nameStart + 1] === 115 /* s */ && b[tagEnd - 1] !== Ch.slash) {
        [inline, p] = inlineText(b, p);
      }
    }

    let value: CellValue = null;
    let holds = formula;
    if (inline !== undefined) {
      value = inline;
      holds = true;
    } else if (valueStart >= 0) {
      holds = true;
      value = this.valueOf(b, valueStart, valueEnd, type, style);
    }
    if (!holds || (value === null && type === sharedCell && !formula)) return p;
    const values = this.values;
    while (values.length < column) values.push(null);
    values[column - 1] = value;
    if (column > this.width) this.width = column;
    return p;
  }

  private valueOf(b: Buffer, start: number, end: number, type: number, style: number): CellValue {
    switch (type) {
      case numberCell: {
        const n = numberOf(b, start, end);
        // exceljs's conversion, operation for operation, so a date comes out to the same millisecond.
        return style >= 0 && this.context.dateStyles[style] === 1 ? new Date(Math.round((n - 25569 + this.dateOffset) * 24 * 3600 * 1000)) : n;
      }
      case sharedCell:
        return this.context.sharedStrings[wholeNumber(b, start, end)] ?? null;
      case stringCell:
      case inlineCell:
        return textOf(b, start, end);
      case booleanCell:
        return end - start === 1 ? b[start] !== Ch.zero : parseInt(textOf(b, start, end), 10) !== 0;
      case isoDateCell: {
        const text = textOf(b, start, end).trim();
        const ms = Date.parse(/(?:Z|[+-]\d\d:?\d\d)$/.test(text) || !text.includes('T') ? text : `${text}Z`);
        return Number.isNaN(ms) ? null : new Date(ms);
      }
      default:
        return null;
    }
  }
}

/** Where the bytes after the last complete row end (a `</row>` close tag), or -1 when none has come yet. */
function afterLastRowEnd(b: Buffer): number {
  let from = b.length;
  for (;;) {
    const at = b.lastIndexOf('row>', from);
    if (at < 0) return -1;
    let s = at - 1;
    if (b[s] === Ch.colon) while (s > 0 && b[s] !== Ch.slash && b[s] !== Ch.lt && b[s]! > Ch.space) s--;
    if (b[s] === Ch.slash && b[s - 1] === Ch.lt) return at + 4;
    from = at - 1;
    if (from < 0) return -1;
  }
}

/**
 * The first `byte` at or after `from`, or -1. A plain loop: the distances in a sheet are a few bytes,
 * where Buffer#indexOf's argument checks cost more than the search.
 */
function byteAt(b: Buffer, byte: number, from: number): number {
  const length = b.length;
  for (let p = from; p < length; p++) if (b[p] === byte) return p;
  return -1;
}

/** Just after the quote that opens the value of the attribute whose name ends at `p`. */
function attributeValueStart(b: Buffer, p: number): number {
  for (let c = b[p]; c !== Ch.quote && c !== Ch.apos; c = b[++p]) if (c === undefined) throw new Error('an attribute has no value');
  return p + 1;
}

/** The start of a tag's local name (after any `prefix:`), the tag's name beginning at `p`. */
function localNameStart(b: Buffer, p: number): number {
  let start = p;
  for (let c = b[p]!; c > Ch.space && c !== Ch.gt && c !== Ch.slash && c !== Ch.eq; c = b[++p]!) if (c === Ch.colon) start = p + 1;
  return start;
}

function nameEnd(b: Buffer, p: number): number {
  let c = b[p]!;
  while (c > Ch.space && c !== Ch.gt && c !== Ch.slash && c !== Ch.eq) c = b[++p]!;
  return p;
}

function isName(b: Buffer, start: number, end: number, name: string): boolean {
  if (end - start < name.length) return false;
  for (let k = 0; k < name.length; k++) if (b[start + k] !== name.charCodeAt(k)) return false;
  const after = b[start + name.length]!;
  return after <= Ch.space || after === Ch.gt || after === Ch.slash;
}

/** The `>` ending a start tag whose attributes begin at `p`; a `>` inside a quoted value does not end it. */
function endOfTag(b: Buffer, p: number): number {
  for (;;) {
    const c = b[p];
    if (c === Ch.gt) return p;
    if (c === undefined) throw new Error('a tag is not closed');
    if (c === Ch.quote || c === Ch.apos) {
      p = byteAt(b, c, p + 1);
      if (p < 0) throw new Error('an attribute value is not closed');
    }
    p++;
  }
}

/** Past a comment, processing instruction or declaration starting at `lt`. */
function skipMarkup(b: Buffer, lt: number): number {
  if (b[lt + 2] === Ch.minus && b[lt + 3] === Ch.minus) {
    const close = b.indexOf('-->', lt + 4);
    return close < 0 ? b.length : close + 3;
  }
  const close = byteAt(b, Ch.gt, lt);
  return close < 0 ? b.length : close + 1;
}

/** The end of character data starting at `p`: the next tag, CDATA sections included in the text. */
function textEnd(b: Buffer, p: number): number {
  for (;;) {
    const lt = byteAt(b, Ch.lt, p);
    if (lt < 0) return b.length;
    if (b[lt + 1] !== Ch.bang || b[lt + 2] !== 91 /* [ */) return lt;
    const close = b.indexOf(']]>', lt);
    p = close < 0 ? b.length : close + 3;
  }
}

/** The text of an inline string (`<is>`, from after its start tag): its runs joined, phonetic guides left out. */
function inlineText(b: Buffer, p: number): [string, number] {
  let text = '';
  let phonetic = 0;
  for (;;) {
    const lt = byteAt(b, Ch.lt, p);
    if (lt < 0) throw new Error('an inline string is not closed');
    let q = lt + 1;
    const closing = b[q] === Ch.slash;
    if (closing) q++;
    const nameStart = localNameStart(b, q);
    q = nameEnd(b, nameStart);
    const tagEnd = endOfTag(b, q);
    p = tagEnd + 1;
    if (isName(b, nameStart, q, 'rPh')) phonetic += closing ? -1 : b[tagEnd - 1] === Ch.slash ? 0 : 1;
    else if (closing && isName(b, nameStart, q, 'is')) return [text, p];
    else if (!closing && phonetic === 0 && q - nameStart === 1 && b[nameStart] === 116 /* t */ && b[tagEnd - 1] !== Ch.slash) {
      const end = textEnd(b, p);
      text += textOf(b, p, end);
      p = end;
    }
  }
}

/** Character data as text: UTF-8 decoded, entities and CDATA resolved only where there are any. */
function textOf(b: Buffer, start: number, end: number): string {
  const raw = decodeCell(b, start, end);
  for (let k = start; k < end; k++) {
    const c = b[k]!;
    if (c === Ch.amp || c === 13 || c === Ch.lt) return xmlText(raw);
  }
  return raw;
}

/** A number cell's value, as parseFloat reads its text: digits read from the bytes, anything unusual by parseFloat itself. */
function numberOf(b: Buffer, start: number, end: number): number {
  let i = start;
  let c = b[i];
  const negative = c === Ch.minus;
  if (negative) c = b[++i];
  let mantissa = 0, digits = 0, fraction = -1;
  for (; i < end; c = b[++i]) {
    if (c! >= Ch.zero && c! <= Ch.nine) {
      mantissa = mantissa * 10 + (c! - Ch.zero);
      digits++;
    } else if (c === Ch.dot && fraction < 0) fraction = digits;
    else break;
  }
  if (i === end && digits > 0 && digits <= 15) {
    // Exact digits over an exact power of ten: one rounding, the double parseFloat gives.
    const v = fraction < 0 ? mantissa : mantissa / powersOfTen[digits - fraction]!;
    return negative ? -v : v;
  }
  return parseFloat(textOf(b, start, end));
}

/** A non-negative decimal integer written in bytes[start, end), or -1. */
function wholeNumber(b: Buffer, start: number, end: number): number {
  if (start >= end) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c < Ch.zero || c > Ch.nine) return i === start ? -1 : n;
    n = n * 10 + (c - Ch.zero);
  }
  return n;
}

/** The column (1 = A) of a cell reference such as "B12" or "$AA$3"; `otherwise` when it has no letters. */
function columnOf(b: Buffer, start: number, end: number, otherwise: number): number {
  let column = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= Ch.A && c <= Ch.Z) column = column * 26 + (c - Ch.A + 1);
    else if (c >= Ch.a && c <= Ch.z) column = column * 26 + (c - Ch.a + 1);
    else if (c !== Ch.dollar) break;
    if (column > maxColumn) return column;
  }
  return column > 0 ? column : otherwise;
}

function cellType(b: Buffer, start: number, end: number): number {
  const length = end - start;
  const c = b[start];
  if (length === 1) return c === 115 ? sharedCell : c === 98 ? booleanCell : c === 101 ? errorCell : c === 100 ? isoDateCell : numberCell;
  if (length === 3 && c === 115 && b[start + 1] === 116 && b[start + 2] === 114) return stringCell;
  if (length === 9 && c === 105) return inlineCell;
  return numberCell;
}
