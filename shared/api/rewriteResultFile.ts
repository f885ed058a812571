import type * as ExcelJS from 'exceljs';
import type { CellValue } from '../results/writeAssignmentsCsv';
import { assignmentsXlsx } from '../results/writeAssignmentsXlsx';
import { BlobStore } from '../storage/BlobStore';
import { ByteRange, readableWithout } from './byteRanges';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Rewrites a file without the byte ranges `find` picks in it; both reads are pinned to one ETag, so
 * a file changed meanwhile fails the request (repeat it) instead of losing the change.
 */
export async function rewriteWithout(store: BlobStore, blob: string, contentType: string, find: (source: AsyncIterable<Buffer>) => Promise<ByteRange[]>): Promise<number> {
  const container = store.resultsContainer;
  const etag = (await store.info(container, blob))?.etag;
  if (etag === undefined) return 0;
  const ranges = await find(await store.openRead(container, blob, etag));
  if (ranges.length > 0) await store.writeStream(container, blob, readableWithout(await store.openRead(container, blob, etag), ranges), contentType);
  return ranges.length;
}

/**
 * A workbook of assignments.xlsx's shape (assignments, scores) read back and written again by its
 * own writer without the rows `drop` picks (rows numbered as in the sheet, the header being row 1).
 */
export async function rewriteWorkbook(store: BlobStore, file: string, drop: (cells: CellValue[], rowNumber: number) => boolean): Promise<number> {
  // Loaded here, on the rare request that needs it: the thread answering HTTP otherwise never loads exceljs.
  const { stream } = require('exceljs') as typeof ExcelJS;
  const reader = new stream.xlsx.WorkbookReader(await store.openRead(store.resultsContainer, file), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore' });
  let header: string[] | undefined;
  const kept: CellValue[][] = [];
  let removed = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = cellValue(cell.value)));
      if (!header) {
        header = cells.map((c) => String(c ?? ''));
        continue;
      }
      if (drop(cells, row.number)) removed++;
      else kept.push(Array.from({ length: header.length }, (_, i) => cells[i] ?? null));
    }
    break;
  }
  if (!header || removed === 0) return 0;
  await store.write(store.resultsContainer, file, await assignmentsXlsx({ header, rows: kept }), xlsxType);
  return removed;
}

function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  return String(value);
}
