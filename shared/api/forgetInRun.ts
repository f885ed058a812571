import { runPaths } from '../pipeline/runPaths';
import { escapeHtml } from '../report/escapeHtml';
import { buildCustomersIndex, chunksFor, parseIndexChunk, type CustomersIndex } from '../results/customersIndex';
import { neutralizeFormula } from '../results/neutralizeFormula';
import { customerFiles, streamRunAssignments } from '../results/readRunCustomers';
import { BlobStore } from '../storage/BlobStore';
import { ByteRange, csvRecordRanges, lineRanges, lines, readableWithout } from './byteRanges';
import type { FileChange } from './forgetInUploads';
import { rewriteWithout, rewriteWorkbook } from './rewriteResultFile';

const ndjsonType = 'application/x-ndjson; charset=utf-8';

/**
 * Removes one customer from one run's files: customers.jsonl and its index, assignments.csv and
 * .xlsx (the same rows, found through the index), quality.json's duplicateIds and the report's list
 * of them, every message file and every budget plan of the run. `blobs` are the run folder's blob names. The id is
 * compared exactly, as the run wrote it (the id as uploaded).
 */
export async function forgetInRun(store: BlobStore, dataset: string, runId: string, blobs: readonly string[], id: string): Promise<FileChange[]> {
  const container = store.resultsContainer;
  const name = (file: string) => runPaths.file(dataset, runId, file);
  const has = (file: string) => blobs.includes(name(file));
  const changes: FileChange[] = [];
  const note = (file: string, removed: number) => {
    if (removed > 0) changes.push({ file: `${container}/${name(file)}`, removed });
  };

  const { rows, staleIndex } = has(customerFiles.lines) ? await rowsOf(store, dataset, runId, has(customerFiles.index), id) : { rows: new Set<number>(), staleIndex: false };
  if (rows.size > 0 || staleIndex) note(customerFiles.lines, await rewriteCustomers(store, name, rows));
  if (rows.size > 0) {
    if (has('assignments.csv')) {
      // Record 0 is the header; record r + 1 is customer row r, as in customers.jsonl.
      const removed = await rewriteWithout(store, name('assignments.csv'), 'text/csv; charset=utf-8', (source) =>
        csvRecordRanges(source, { delimiter: ',' }, (_, i) => i > 0 && rows.has(i - 1)),
      );
      note('assignments.csv', removed);
    }
    // Row 2 holds customer row 0.
    if (has('assignments.xlsx')) note('assignments.xlsx', await rewriteWorkbook(store, name('assignments.xlsx'), (_, rowNumber) => rows.has(rowNumber - 2)));
  }

  if (has('quality.json')) {
    const quality = await store.readJson<{ duplicateIds?: { id: string }[] }>(container, name('quality.json'));
    const listed = quality?.duplicateIds?.filter((d) => d.id === id).length ?? 0;
    if (quality && listed > 0) {
      await store.writeJson(container, name('quality.json'), { ...quality, duplicateIds: quality.duplicateIds!.filter((d) => d.id !== id) });
      note('quality.json', listed);
      if (has('report.html')) note('report.html', await maskInReport(store, name('report.html'), id));
    }
  }

  for (const blob of blobs) {
    const file = blob.slice(name('').length);
    const m = /^messages\/[^/]+?(\.review\.json|\.approved\.jsonl|\.approved\.csv|\.jsonl|\.json)$/.exec(file);
    if (m) note(file, await forgetInMessageFile(store, blob, m[1]!, id));
    if (/^plans\/[^/]+\.json$/.test(file)) note(file, await forgetInPlanFile(store, blob, id));
  }
  return changes;
}

/**
 * A budget plan without the customer: out of its list of ids and of its customers. Its totals stay
 * as planned (they describe the decision when it was made, and name nobody).
 */
async function forgetInPlanFile(store: BlobStore, blob: string, id: string): Promise<number> {
  const plan = await store.readJson<{ customerIds?: string[]; customers?: { customerId: string }[] }>(store.resultsContainer, blob);
  if (!plan) return 0;
  const customerIds = plan.customerIds?.filter((c) => c !== id);
  const customers = plan.customers?.filter((c) => c.customerId !== id);
  const removed = (plan.customerIds?.length ?? 0) - (customerIds?.length ?? 0) + (plan.customers?.length ?? 0) - (customers?.length ?? 0);
  if (removed > 0) await store.writeJson(store.resultsContainer, blob, { ...plan, customerIds, customers });
  return removed;
}

/**
 * The customer's 0-based rows: through the index (a few range reads), each line read back to check
 * it holds the id, else by reading every id. A line that does not is a stale index (a request cut
 * short between rewriting customers.jsonl and its index): the file is read whole and the index rebuilt.
 */
async function rowsOf(store: BlobStore, dataset: string, runId: string, indexed: boolean, id: string): Promise<{ rows: Set<number>; staleIndex: boolean }> {
  const container = store.resultsContainer;
  const name = (file: string) => runPaths.file(dataset, runId, file);
  const index = indexed ? await store.readJson<CustomersIndex>(container, name(customerFiles.index)) : undefined;
  if (index) {
    const rows = new Set<number>();
    const size = (await store.info(container, name(customerFiles.lines)))?.size ?? 0;
    let stale = false;
    for (const chunk of chunksFor(index, id)) {
      const bytes = await store.readRange(container, name(customerFiles.entries), chunk.offset, chunk.length);
      for (const entry of parseIndexChunk(bytes)) {
        if (entry.id !== id) continue;
        const line = entry.offset + entry.length <= size ? await store.readRange(container, name(customerFiles.lines), entry.offset, entry.length) : undefined;
        if (line && lineId(line.toString('utf8')) === id) rows.add(entry.row);
        else stale = true;
      }
    }
    if (!stale) return { rows, staleIndex: false };
  }
  const rows = new Set<number>();
  let row = 0;
  for await (const customer of streamRunAssignments(store, dataset, runId)) {
    if (customer.id === id) rows.add(row);
    row++;
  }
  return { rows, staleIndex: index !== undefined };
}

function lineId(line: string): string | null | undefined {
  try {
    return (JSON.parse(line) as { id?: string | null }).id;
  } catch {
    return undefined;
  }
}

/** customers.jsonl without those rows (when there are any), and its index rebuilt for the lines that stay. */
async function rewriteCustomers(store: BlobStore, name: (file: string) => string, rows: ReadonlySet<number>): Promise<number> {
  const container = store.resultsContainer;
  const file = name(customerFiles.lines);
  const etag = (await store.info(container, file))?.etag;
  const ranges: ByteRange[] = [];
  const ids: (string | null)[] = [];
  const kept: { offset: number; length: number }[] = [];
  let removedBytes = 0;
  for await (const line of lines(await store.openRead(container, file, etag))) {
    if (rows.has(line.index)) {
      ranges.push({ start: line.start, end: line.end });
      removedBytes += line.end - line.start;
      continue;
    }
    ids.push((JSON.parse(line.text) as { id: string | null }).id);
    kept.push({ offset: line.start - removedBytes, length: line.end - line.start });
  }
  if (ranges.length > 0) await store.writeStream(container, file, readableWithout(await store.openRead(container, file, etag), ranges), ndjsonType);
  // Last: a request cut short before this finds the old index pointing at the wrong lines, and repairs it.
  const index = buildCustomersIndex(ids, kept);
  await store.write(container, name(customerFiles.entries), index.entries, ndjsonType);
  await store.writeJson(container, name(customerFiles.index), index.index);
  return ranges.length;
}

/** The report names the first duplicate ids (readingSection): the customer's id is masked there. */
async function maskInReport(store: BlobStore, file: string, id: string): Promise<number> {
  const report = (await store.readBuffer(store.resultsContainer, file)).toString('utf8');
  const listed = `<code>${escapeHtml(id)}</code> (rows `;
  const parts = report.split(listed);
  if (parts.length === 1) return 0;
  await store.write(store.resultsContainer, file, parts.join('<code>(removed)</code> (rows '), 'text/html; charset=utf-8');
  return parts.length - 1;
}

interface StoredMessages {
  messages?: { customerId: string }[];
  skipped?: { customerId: string }[];
  failed?: { customerId: string }[];
  holdout?: string[];
  decisions?: { customerId: string }[];
}

/** One message file of a request without the customer's entries; how many entries went. */
async function forgetInMessageFile(store: BlobStore, blob: string, kind: string, id: string): Promise<number> {
  const container = store.resultsContainer;
  if (kind === '.jsonl' || kind === '.approved.jsonl') {
    return rewriteWithout(store, blob, ndjsonType, (source) =>
      lineRanges(source, (line) => line.trim() !== '' && (JSON.parse(line) as { customerId?: string }).customerId === id),
    );
  }
  if (kind === '.approved.csv') {
    // The first column is customer_id, neutralized as every cell of the file.
    const written = neutralizeFormula(id);
    return rewriteWithout(store, blob, 'text/csv; charset=utf-8', (source) => csvRecordRanges(source, { delimiter: ',' }, (record, i) => i > 0 && record[0] === written));
  }
  const stored = await store.readJson<StoredMessages>(container, blob);
  if (!stored) return 0;
  let removed = 0;
  const without = <T>(list: T[] | undefined, isTheCustomer: (item: T) => boolean): T[] | undefined => {
    if (!list) return list;
    const out = list.filter((item) => !isTheCustomer(item));
    removed += list.length - out.length;
    return out;
  };
  const next: StoredMessages = { ...stored };
  for (const key of ['messages', 'skipped', 'failed', 'decisions'] as const) if (stored[key]) next[key] = without(stored[key], (item) => item.customerId === id);
  if (stored.holdout) next.holdout = without(stored.holdout, (item) => item === id);
  if (removed > 0) await store.writeJson(container, blob, next);
  return removed;
}
