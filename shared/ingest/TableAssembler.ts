import { ColumnBuilder, type CellValue } from './ColumnBuilder';
import { headerNames } from './headerNames';
import { IngestError } from './IngestError';
import type { Table, TableReadInfo } from './Table';

/**
 * Turns a stream of rows (header first) into a columnar Table. Rows wider than the header get
 * "Unnamed: <i>" columns, as pandas does for spreadsheets; fully empty rows are skipped.
 */
export class TableAssembler {
  private builders: ColumnBuilder[] = [];
  private rows = 0;

  constructor(
    private readonly file: string,
    header: readonly CellValue[],
    private readonly maxColumns: number,
    private readonly decimal: '.' | ',' = '.',
  ) {
    const names = headerNames(header.map((h) => (h === null || h === undefined ? null : cellText(h))));
    this.checkWidth(names.length);
    this.builders = names.map((n) => new ColumnBuilder(n, decimal));
  }

  get rowCount(): number {
    return this.rows;
  }

  get columnCount(): number {
    return this.builders.length;
  }

  /** Adds one data row; returns false when the row was empty and skipped. */
  addRow(values: readonly CellValue[]): boolean {
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
    for (let i = 0; i < n; i++) this.builders[i].push(values[i]);
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

  finish(source: TableReadInfo): Table {
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
