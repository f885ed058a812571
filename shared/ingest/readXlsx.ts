import { Readable } from 'node:stream';
import type { XlsxArchive } from './checkXlsxArchive';
import type { CellValue } from './ColumnBuilder';
import type { Table } from './Table';
import type { TableAssembler } from './TableAssembler';
import { xlsxDateStyles } from './xlsxDateStyles';
import { openXlsxPackage, type XlsxPackage } from './xlsxPackage';
import { XlsxSheetScanner, type XlsxSheetContext } from './xlsxSheetScanner';
import { xlsxSharedStrings } from './xlsxSharedStrings';
import { headerScanRows, sheetTable, startSheet, workbookFailure, type SheetTableOptions } from './xlsxSheetTable';
import { xlsxWorkbook } from './xlsxWorkbook';

export interface ReadXlsxOptions extends SheetTableOptions {
  /** Once the whole file has been taken in, how long the reader may go without progress (default 30 s). */
  stallMs?: number;
}

/**
 * Reads an XLSX workbook (in memory, behind range reads, or as a stream, which is buffered: the
 * compressed file is far smaller than its table). The ZIP directory finds every part, so the shared
 * strings, styles and sheet list are read first wherever they lie; then each worksheet is inflated
 * piece by piece and scanned in its bytes (xlsxSheetScanner), its rows going straight into the
 * table's typed columns. Only the named sheet, or every sheet when none is named, is read; the one
 * with the most data rows becomes the Table.
 */
export async function readXlsx(file: string, input: Readable | XlsxArchive, opts: ReadXlsxOptions): Promise<Table> {
  let best: { sheet: string; headerRow: number; assembler: TableAssembler } | undefined;
  let sheetNames: string[] = [];
  // Nothing should wait on bytes that never come once the file is in; if something does, fail rather than hang.
  let progress = 0;
  let stalled: (err: unknown) => void = () => undefined;
  const stall = new Promise<never>((_, reject) => (stalled = reject));
  const stallMs = opts.stallMs ?? 30_000;
  let watchdog: NodeJS.Timeout | undefined;
  const read = async (): Promise<void> => {
    const archive = input instanceof Readable ? await readWhole(input) : input;
    let seen = -1;
    let quietSince = Date.now();
    watchdog = setInterval(() => {
      if (progress !== seen) {
        seen = progress;
        quietSince = Date.now();
      } else if (Date.now() - quietSince > stallMs) {
        stalled(new Error('the workbook reader stopped before reaching the end of the workbook'));
      }
    }, Math.max(10, Math.min(1000, stallMs / 5)));
    const pkg = await openXlsxPackage(archive);
    try {
      const workbook = xlsxWorkbook(await text(pkg, 'xl/workbook.xml'), await text(pkg, 'xl/_rels/workbook.xml.rels'));
      sheetNames = workbook.sheets.map((s) => s.name);
      const wanted = workbook.sheets.filter((s) => opts.sheet === undefined || s.name === opts.sheet);
      if (wanted.length === 0) return;
      const context: XlsxSheetContext = {
        sharedStrings: workbook.sharedStringsPart && pkg.has(workbook.sharedStringsPart) ? xlsxSharedStrings(await text(pkg, workbook.sharedStringsPart)) : [],
        dateStyles: workbook.stylesPart && pkg.has(workbook.stylesPart) ? xlsxDateStyles(await text(pkg, workbook.stylesPart)) : new Uint8Array(0),
        date1904: workbook.date1904,
      };
      progress++;
      for (const sheet of wanted) {
        if (!pkg.has(sheet.part)) continue;
        const read = await readSheet(file, pkg, sheet.part, context, opts, () => progress++);
        if (read && (!best || read.assembler.rowCount > best.assembler.rowCount)) best = { sheet: sheet.name, ...read };
      }
    } finally {
      pkg.close();
    }
  };
  try {
    await Promise.race([read(), stall]);
  } catch (err) {
    if (input instanceof Readable) input.destroy();
    throw workbookFailure(file, err);
  } finally {
    clearInterval(watchdog);
  }
  return sheetTable(file, opts, sheetNames, best);
}

/** One worksheet into a TableAssembler: its first rows held back until the header is found among them. */
async function readSheet(
  file: string,
  pkg: XlsxPackage,
  part: string,
  context: XlsxSheetContext,
  opts: ReadXlsxOptions,
  onProgress: () => void,
): Promise<{ assembler: TableAssembler; headerRow: number } | undefined> {
  const pending: { number: number; values: CellValue[] }[] = [];
  let assembler: TableAssembler | undefined;
  let headerRow = 0;
  const scanner = new XlsxSheetScanner(context, (values, row) => {
    if (assembler) {
      assembler.addRow(values, row);
      return;
    }
    pending.push({ number: row, values: values.slice() });
    if (pending.length >= headerScanRows) ({ assembler, headerRow } = startSheet(file, pending, opts));
  });
  await pkg.stream(part, (chunk) => {
    onProgress();
    scanner.push(chunk);
  });
  scanner.end();
  if (!assembler && pending.length > 0) ({ assembler, headerRow } = startSheet(file, pending, opts));
  return assembler ? { assembler, headerRow } : undefined;
}

async function text(pkg: XlsxPackage, part: string): Promise<string> {
  return (await pkg.read(part)).toString('utf8');
}

async function readWhole(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
