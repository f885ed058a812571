import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { forgetCustomer } from '../../../shared/api/forgetCustomer';
import { buildCustomersIndex } from '../../../shared/results/customersIndex';
import { readRunCustomers } from '../../../shared/results/readRunCustomers';
import { assignmentsCsv } from '../../../shared/results/writeAssignmentsCsv';
import { assignmentsXlsx } from '../../../shared/results/writeAssignmentsXlsx';
import { BlobStore } from '../../../shared/storage/BlobStore';
import { TestStorage, listBlobs, readBlobText, startTestStorage } from '../../helpers/azurite';

/**
 * A privacy request on real Azurite, over files the run writers made: ids that differ by leading
 * zeros, a formula-like id, a customer on two rows, a manifest joining a CSV and a JSONL upload, an
 * XLSX upload, and message files. The customer goes from each; every other row stays as it was.
 */
let storage: TestStorage;
let store: BlobStore;

beforeAll(async () => {
  storage = await startTestStorage();
  store = new BlobStore(storage.service, 'uploads', 'results');
});

afterAll(async () => {
  await storage?.stop();
});

const runId = '0123456789abcdef';
const ids = ['015291', 'B7', '=SUM(1)', '015291', '0152910'];
const forgotten = '015291';
const customersCsv = 'customer_id;plan;note\r\n015291;basic;"first\r\nrow"\r\nB7;plus;x\r\n0152910;plus;y\r\n15291.0;basic;same customer, joined\r\n';
const moreJsonl = '{"customer_id":15291,"visits":3}\n{"customer_id":"B7","visits":1}\n{"customer_id":"0152910","visits":2}\n';
const put = (container: string, name: string, body: string | Buffer) =>
  storage.service.getContainerClient(container).getBlockBlobClient(name).uploadData(typeof body === 'string' ? Buffer.from(body) : body);
const file = (name: string) => `mixed/${runId}/${name}`;

async function workbookIds(name: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await storage.service.getContainerClient('results').getBlobClient(name).downloadToBuffer()) as unknown as ExcelJS.Buffer);
  const out: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    const value = (row.values as ExcelJS.CellValue[])[1];
    out.push(value && typeof value === 'object' && 'richText' in value ? value.richText.map((t) => t.text).join('') : String(value));
  });
  return out;
}

test('one customer removed from uploads, results and messages; a second request changes nothing', async () => {
  await put('uploads', 'Mixed/manifest.json', JSON.stringify({ files: [{ name: 'customers.csv' }, { name: 'more.jsonl' }, { name: 'extra.xlsx' }], id: 'customer_id' }));
  await put('uploads', 'Mixed/customers.csv', customersCsv);
  await put('uploads', 'Mixed/more.jsonl', moreJsonl);
  await put('uploads', 'Mixed/extra.xlsx', Buffer.from('PK\u0003\u0004 not really a workbook'));
  await put('uploads', 'Mixed/suppress.csv', 'id\n015291\n');

  const lines = ids.map((id, i) => `${JSON.stringify({ id, segment: i % 2, segmentName: 'S', churnProbability: 0.5, priority: i + 1, drivers: [], consent: true, attributes: {} })}\n`);
  let offset = 0;
  const ranges = lines.map((line) => ({ offset: (offset += Buffer.byteLength(line)) - Buffer.byteLength(line), length: Buffer.byteLength(line) }));
  const index = buildCustomersIndex(ids, ranges);
  const table = { header: ['customer_id', 'segment'], rows: ids.map((id, i) => [id, i % 2]) };
  await put('results', 'mixed/latest.json', JSON.stringify({ runId, completedAt: '2026-11-01T00:00:00.000Z' }));
  await put('results', file('customers.jsonl'), lines.join(''));
  await put('results', file('customers.index.jsonl'), index.entries);
  await put('results', file('customers.index.json'), JSON.stringify(index.index));
  await put('results', file('assignments.csv'), assignmentsCsv(table));
  await put('results', file('assignments.xlsx'), await assignmentsXlsx(table));
  await put('results', file('quality.json'), JSON.stringify({ roles: { id: { column: 'customer_id' } }, duplicateIds: [{ id: forgotten, rows: [1, 4] }] }));
  await put('results', file('report.html'), `<p>First ones: <code>${forgotten}</code> (rows 1, 4).</p><p>${forgotten} is also a number here</p>`);
  await put('results', file('messages/spring.json'), JSON.stringify({ messages: [{ customerId: forgotten }, { customerId: 'B7' }], skipped: [{ customerId: '0152910', reason: 'x' }], failed: [], holdout: [forgotten] }));
  await put('results', file('messages/spring.approved.csv'), '\uFEFFcustomer_id,channel\n015291,email\nB7,email\n');
  const plan = { planId: 'p1', contacts: 2, expectedGain: 12.5, customerIds: [forgotten, 'B7'], customers: [{ customerId: forgotten, offer: null }, { customerId: 'B7', offer: null }] };
  await put('results', file('plans/p1.json'), JSON.stringify(plan));
  await put('results', file('_work/table.bin'), 'the whole table');
  await put('results', 'mixed/_contacts/sms.json', JSON.stringify({ [forgotten]: '2026-11-02', B7: '2026-11-02' }));
  await put('results', 'mixed/scores/s1/scores.csv', assignmentsCsv(table));
  await put('results', 'mixed/scores/s1/scores.xlsx', await assignmentsXlsx(table));
  await storage.service.getContainerClient('scoring').createIfNotExists();
  await put('scoring', 'mixed/new-customers.csv', 'customer_id;plan\r\n0015291;basic\r\nB8;plus\r\n');

  const outcome = await forgetCustomer(store, 'mixed', forgotten, new Set(), () => new Date('2026-11-30T10:00:00.000Z'), 'scoring');
  if (outcome.kind !== 'done') throw new Error(`expected done, got ${outcome.kind}`);
  const removed = Object.fromEntries(outcome.record.removed.map((c) => [c.file, c.removed]));
  expect(removed).toEqual({
    'uploads/Mixed/customers.csv': 2,
    'uploads/Mixed/more.jsonl': 1,
    [`results/${file('customers.jsonl')}`]: 2,
    [`results/${file('assignments.csv')}`]: 2,
    [`results/${file('assignments.xlsx')}`]: 2,
    [`results/${file('quality.json')}`]: 1,
    [`results/${file('report.html')}`]: 1,
    [`results/${file('messages/spring.json')}`]: 2,
    [`results/${file('messages/spring.approved.csv')}`]: 1,
    [`results/${file('plans/p1.json')}`]: 2,
    'results/mixed/_contacts/sms.json': 1,
    'results/mixed/scores/s1/scores.csv': 2,
    'results/mixed/scores/s1/scores.xlsx': 2,
    'scoring/mixed/new-customers.csv': 1,
  });
  expect(outcome.record.workFilesRemoved).toBe(1);
  expect(outcome.record.notRewritten.map((l) => l.file)).toEqual(['uploads/Mixed/extra.xlsx']);

  // Uploads: joined files match the customer as the join does; everything else byte for byte.
  expect(await readBlobText(storage.service, 'uploads', 'Mixed/customers.csv')).toBe('customer_id;plan;note\r\nB7;plus;x\r\n0152910;plus;y\r\n');
  expect(await readBlobText(storage.service, 'uploads', 'Mixed/more.jsonl')).toBe('{"customer_id":"B7","visits":1}\n{"customer_id":"0152910","visits":2}\n');
  expect(await readBlobText(storage.service, 'uploads', 'Mixed/suppress.csv')).toBe('id\n015291\n');
  // Results: exact ids, so "0152910" stays; the formula-like id too, in each file's own form.
  expect((await readRunCustomers(store, 'mixed', runId))!.map((c) => c.id)).toEqual(['B7', '=SUM(1)', '0152910']);
  expect((await readRunCustomers(store, 'mixed', runId, ['0152910', forgotten, '=SUM(1)']))!.map((c) => c.id)).toEqual(['=SUM(1)', '0152910']);
  expect(await readBlobText(storage.service, 'results', file('assignments.csv'))).toBe(
    assignmentsCsv({ header: table.header, rows: table.rows.filter((row) => row[0] !== forgotten) }).toString('utf8'),
  );
  expect(await workbookIds(file('assignments.xlsx'))).toEqual(['customer_id', 'B7', '=SUM(1)', '0152910']);
  // Written again by the run's own writer: the same bytes it writes for the remaining rows.
  const rewritten = await storage.service.getContainerClient('results').getBlobClient(file('assignments.xlsx')).downloadToBuffer();
  expect(rewritten.equals(await assignmentsXlsx({ header: table.header, rows: table.rows.filter((row) => row[0] !== forgotten) }))).toBe(true);
  expect(JSON.parse((await readBlobText(storage.service, 'results', file('quality.json')))!).duplicateIds).toEqual([]);
  expect(await readBlobText(storage.service, 'results', file('report.html'))).toBe(`<p>First ones: <code>(removed)</code> (rows 1, 4).</p><p>${forgotten} is also a number here</p>`);
  expect(JSON.parse((await readBlobText(storage.service, 'results', file('messages/spring.json')))!)).toEqual({
    messages: [{ customerId: 'B7' }], skipped: [{ customerId: '0152910', reason: 'x' }], failed: [], holdout: [],
  });
  expect(await readBlobText(storage.service, 'results', file('messages/spring.approved.csv'))).toBe('\uFEFFcustomer_id,channel\nB7,email\n');
  expect(JSON.parse((await readBlobText(storage.service, 'results', 'mixed/_contacts/sms.json'))!)).toEqual({ B7: '2026-11-02' });
  // A budget plan names the customer no more; its totals stay as planned.
  expect(JSON.parse((await readBlobText(storage.service, 'results', file('plans/p1.json')))!)).toEqual({ ...plan, customerIds: ['B7'], customers: [{ customerId: 'B7', offer: null }] });
  expect(await listBlobs(storage.service, 'results', `mixed/${runId}/_work/`)).toEqual([]);
  expect(await readBlobText(storage.service, 'results', 'mixed/scores/s1/scores.csv')).toBe(await readBlobText(storage.service, 'results', file('assignments.csv')));
  expect(await workbookIds('mixed/scores/s1/scores.xlsx')).toEqual(['customer_id', 'B7', '=SUM(1)', '0152910']);
  expect(await readBlobText(storage.service, 'scoring', 'mixed/new-customers.csv')).toBe('customer_id;plan\r\nB8;plus\r\n');

  const hash = createHash('sha256').update(forgotten).digest('hex');
  expect(outcome.recordFile).toBe(`results/mixed/_privacy/2026-11-30T10-00-00-000Z-${hash.slice(0, 16)}.json`);
  expect(await readBlobText(storage.service, 'results', outcome.recordFile!.slice('results/'.length))).not.toContain(forgotten);

  const again = await forgetCustomer(store, 'mixed', forgotten, new Set(), undefined, 'scoring');
  expect(again).toMatchObject({ kind: 'done', recordFile: null, record: { removed: [], workFilesRemoved: 0 } });
  expect(await listBlobs(storage.service, 'results', 'mixed/_privacy/')).toHaveLength(1);

  // A request cut short after customers.jsonl was rewritten but before its index: the old index
  // points at lines that moved. The next request sees that and rebuilds it, removing nobody else.
  await put('results', file('customers.index.jsonl'), index.entries);
  await put('results', file('customers.index.json'), JSON.stringify(index.index));
  const staleAnswer = await readRunCustomers(store, 'mixed', runId, ['0152910']).then((found) => found?.map((c) => c.id), () => 'a failed read');
  expect(staleAnswer).not.toEqual(['0152910']);
  await forgetCustomer(store, 'mixed', forgotten, new Set(), undefined, 'scoring');
  expect((await readRunCustomers(store, 'mixed', runId))!.map((c) => c.id)).toEqual(['B7', '=SUM(1)', '0152910']);
  expect((await readRunCustomers(store, 'mixed', runId, ['0152910', 'B7']))!.map((c) => c.id)).toEqual(['B7', '0152910']);
});

test('unknown datasets and datasets at work are refused', async () => {
  expect(await forgetCustomer(store, 'nothing-here', 'x', new Set())).toEqual({ kind: 'notFound' });
  expect(await forgetCustomer(store, 'mixed', 'B7', new Set(['0123456789abcdef']))).toEqual({ kind: 'inProgress', instances: ['0123456789abcdef'] });
  expect(await readBlobText(storage.service, 'uploads', 'Mixed/customers.csv')).toContain('B7');
});
