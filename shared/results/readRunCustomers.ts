import { createInterface } from 'node:readline';
import { runPaths } from '../pipeline/runPaths';
import type { BlobStore } from '../storage/BlobStore';
import { chunksFor, parseIndexChunk, type CustomersIndex, type IndexEntry } from './customersIndex';
import type { RunCustomer } from './RunCustomer';

/** The machine files of a run's customers, by name inside the run folder. */
export const customerFiles = {
  lines: 'customers.jsonl',
  index: 'customers.index.json',
  entries: 'customers.index.jsonl',
} as const;

/** Lines closer than this in customers.jsonl are fetched in one range read. */
const mergeGap = 64 * 1024;

/**
 * A run's customers from customers.jsonl, in input order: all of them, or with `ids` only the
 * customers with those ids (every row of an id that several rows share), found through the index
 * with range reads, so asking for a few customers of a million-row run reads a few hundred KB.
 * Undefined when the run has no customers.jsonl.
 */
export async function readRunCustomers(store: BlobStore, dataset: string, runId: string, ids?: readonly string[]): Promise<RunCustomer[] | undefined> {
  const file = (name: string) => runPaths.file(dataset, runId, name);
  if (ids) {
    const index = await store.readJson<CustomersIndex>(store.resultsContainer, file(customerFiles.index));
    if (index) return readByIndex(store, file, index, ids);
  }
  if (!(await store.info(store.resultsContainer, file(customerFiles.lines)))) return undefined;
  const wanted = ids ? new Set(ids) : undefined;
  const out: RunCustomer[] = [];
  for await (const customer of streamRunCustomers(store, dataset, runId)) {
    if (!wanted || (customer.id !== null && wanted.has(customer.id))) out.push(customer);
  }
  return out;
}

/** Every customer of a run, one at a time in input order (for readers that keep only a little of each). */
export async function* streamRunCustomers(store: BlobStore, dataset: string, runId: string): AsyncGenerator<RunCustomer> {
  const stream = await store.openRead(store.resultsContainer, runPaths.file(dataset, runId, customerFiles.lines));
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (line !== '') yield JSON.parse(line) as RunCustomer;
  }
}

/**
 * Each customer's id and segment, in input order, without parsing the rest of the line: a line
 * starts with `id` and `segment` (docs/CONTRACTS.md), and an id's own text cannot hold the next key
 * unescaped. For readers of whole runs that need only these (drift).
 */
export async function* streamRunAssignments(store: BlobStore, dataset: string, runId: string): AsyncGenerator<{ id: string | null; segment: number }> {
  const stream = await store.openRead(store.resultsContainer, runPaths.file(dataset, runId, customerFiles.lines));
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    const end = line.indexOf(',"segmentName":');
    if (end >= 0) yield JSON.parse(`${line.slice(0, end)}}`) as { id: string | null; segment: number };
  }
}

async function readByIndex(store: BlobStore, file: (name: string) => string, index: CustomersIndex, ids: readonly string[]): Promise<RunCustomer[]> {
  const wanted = new Set(ids);
  const chunks = [...new Set([...wanted].flatMap((id) => chunksFor(index, id)))];
  const found = new Map<number, IndexEntry>();
  await Promise.all(
    chunks.map(async (chunk) => {
      const bytes = await store.readRange(store.resultsContainer, file(customerFiles.entries), chunk.offset, chunk.length);
      for (const entry of parseIndexChunk(bytes)) if (wanted.has(entry.id)) found.set(entry.row, entry);
    }),
  );
  const lines = [...found.values()].sort((a, b) => a.row - b.row);
  const byRow = new Map<number, RunCustomer>();
  await Promise.all(
    readGroups(lines).map(async (group) => {
      const start = group[0]!.offset;
      const end = group[group.length - 1]!.offset + group[group.length - 1]!.length;
      const bytes = await store.readRange(store.resultsContainer, file(customerFiles.lines), start, end - start);
      for (const line of group) byRow.set(line.row, JSON.parse(bytes.toString('utf8', line.offset - start, line.offset - start + line.length)) as RunCustomer);
    }),
  );
  // Input order, as a full read gives them.
  return lines.map((line) => byRow.get(line.row)!);
}

/** Lines (in row order, so in file order) grouped into one range read where they lie close together. */
function readGroups(lines: IndexEntry[]): IndexEntry[][] {
  const groups: IndexEntry[][] = [];
  for (const line of lines) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (group && last && line.offset - (last.offset + last.length) <= mergeGap) group.push(line);
    else groups.push([line]);
  }
  return groups;
}
