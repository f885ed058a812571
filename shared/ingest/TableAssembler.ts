import { ColumnBuilder, type CellValue } from './ColumnBuilder';
import { headerNames } from './headerNames';
import { IngestError } from './IngestError';
import { cellTexts, textOfCell, type PlainCells } from './PlainCells';
import type { Table, TableReadInfo } from './Table';

/**
 * Turns a stream of rows (header first) into a columnar Table. Rows wider than the header get
 * "Unnamed: <i>" columns, as pandas does for spreadsheets; fully empty rows are skipped.
 */
export interface TableAssemblerOptions {
  maxColumns: number;
  decimal?: '.' | ',';
  /** Longest text cell accepted, in characters. */
  maxCellChars?: number;
  /** Row (line) number of the header as a person sees it, for error messages. */
  headerRow?: number;
}

export class TableAssembler {
  private builders: ColumnBuilder[] = [];
  private rows = 0;
  private readonly maxColumns: number;
  private readonly decimal: '.' | ',';
  private readonly maxCellChars: number;

  constructor(
    private readonly file: string,
    header: readonly CellValue[],
    options: TableAssemblerOptions,
  ) {
    this.maxColumns = options.maxColumns;
    this.decimal = options.decimal ?? '.';
    this.maxCellChars = options.maxCellChars ?? Infinity;
    const texts = header.map((h) => (h === null || h === undefined ? null : cellText(h)));
    this.checkWidth(texts.length);
    texts.forEach((t, i) => {
      if (t !== null && t.length > this.maxCellChars) this.cellTooLong(`column ${i + 1}`, t.length, options.headerRow);
    });
    const names = headerNames(texts);
    this.builders = names.map((n) => new ColumnBuilder(n, this.decimal));
  }

  get rowCount(): number {
    return this.rows;
  }

  get columnCount(): number {
    return this.builders.length;
  }

  /** Adds one data row (`row`: its line or sheet row, for errors); returns false when the row was empty and skipped. */
  addRow(values: readonly CellValue[], row?: number): boolean {
    let empty = true;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined && v !== '') {
        empty = false;
        break;
      }
    }
    if (empty) return false;
    if (values.length > this.builders.length) this.widen(values);
    const n = this.builders.length;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v === 'string' && v.length > this.maxCellChars) this.cellTooLong(this.builders[i].name, v.length, row);
      this.builders[i].push(v);
    }
    this.rows++;
    return true;
  }

  /** addRow for a record of splitPlainCsv, read from its bytes: number cells never become strings. */
  addCells(cells: PlainCells, row?: number): boolean {
    const { bytes, starts, ends, escaped, count } = cells;
    if (count !== this.builders.length) return this.addRow(cellTexts(cells), row);
    let empty = true;
    for (let i = 0; i < count; i++) {
      if (ends[i]! > starts[i]!) {
        empty = false;
        break;
      }
    }
    if (empty) return false;
    for (let i = 0; i < count; i++) {
      const start = starts[i]!, end = ends[i]!;
      if (escaped[i]) {
        const text = textOfCell(cells, i);
        if (text.length > this.maxCellChars) this.cellTooLong(this.builders[i]!.name, text.length, row);
        this.builders[i]!.push(text);
        continue;
      }
      // Bytes overcount characters: only a cell that long is decoded to measure it.
      if (end - start > this.maxCellChars) {
        const length = bytes.toString('utf8', start, end).length;
        if (length > this.maxCellChars) this.cellTooLong(this.builders[i]!.name, length, row);
      }
      this.builders[i]!.pushBytes(bytes, start, end);
    }
    this.rows++;
    return true;
  }

  private widen(values: readonly CellValue[]): void {
    let last = values.length - 1;
    while (last >= this.builders.length && (values[last] === null || values[last] === undefined || values[last] === '')) last--;
    if (last < this.builders.length) return;
    this.checkWidth(last + 1);
    const taken = new Set(this.builders.map((b) => b.name));
    for (let i = this.builders.length; i <= last; i++) {
      let name = `Unnamed: ${i}`;
      while (taken.has(name)) name += '_';
      const b = new ColumnBuilder(name, this.decimal);
      b.padMissing(this.rows);
      this.builders.push(b);
    }
  }

  private checkWidth(n: number): void {
    if (n > this.maxColumns) {
      throw new IngestError({
        code: 'TOO_MANY_COLUMNS',
        file: this.file,
        message: `The file has ${n} columns; at most ${this.maxColumns} are accepted.`,
        hint: 'Keep only the columns that describe customers, or split the columns across files joined by a manifest.json.',
      });
    }
  }

  private cellTooLong(name: string, length: number, row: number | undefined): never {
    const column = name.length > 80 ? `${name.slice(0, 77)}...` : name;
    throw new IngestError({
      code: 'CELL_TOO_LONG',
      file: this.file,
      row,
      column,
      message: `A cell${row !== undefined ? ` on row ${row}` : ''} in column "${column}" holds ${length.toLocaleString('en-US')} characters; at most ${this.maxCellChars.toLocaleString('en-US')} are accepted.`,
      hint: 'Such a cell is usually a pasted document or a broken export (a quote that never closes). Shorten or remove it, then upload again.',
    });
  }

  finish(source: TableReadInfo): Table {
    const numberFormats = this.builders.flatMap((b) => {
      const f = b.numberFormat;
      return f ? [{ column: b.name, ...f }] : [];
    });
    if (numberFormats.length) source = { ...source, numberFormats };
    // A column with no header and no values is a spreadsheet artefact, not data.
    const columns = this.builders
      .map((b) => b.build())
      .filter((c) => !(c.name.startsWith('Unnamed: ') && c.kind === 'string' && c.values.every((v) => v === null)));
    return { name: this.file, columns, rowCount: this.rows, source };
  }
}

/** The text of an XLSX header cell or any other cell value. */
export function cellText(v: CellValue): string {
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
