import ExcelJS from 'exceljs';
import { assignmentsXlsx } from '../../../shared/results/writeAssignmentsXlsx';

/**
 * assignments.xlsx depends only on its rows: written at two different times (an uninterrupted run and
 * one resumed after a crash), it is the same file byte for byte, and still a workbook exceljs reads.
 */
const table = { header: ['customer_id', 'segment', 'segment_name'], rows: [['C1', 0, 'Loyal'], ['=C2', 1, '@risk']] };

afterEach(() => jest.useRealTimers());

test('the same rows written a day apart give the same bytes', async () => {
  // Only the clock is faked; the streams keep their real timers.
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
  jest.setSystemTime(new Date('2026-11-30T09:00:00Z'));
  const first = await assignmentsXlsx(table);
  jest.setSystemTime(new Date('2026-12-01T17:31:07Z'));
  const second = await assignmentsXlsx(table);
  expect(second.equals(first)).toBe(true);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(second as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets[0]!.getCell('A2').value).toBe('C1');
  expect(workbook.worksheets[0]!.rowCount).toBe(3);
});
