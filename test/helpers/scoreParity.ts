import type { BlobServiceClient } from '@azure/storage-blob';
import { keyValues } from '../../shared/features/keyValues';
import { bufferSource } from '../../shared/ingest/fileSource';
import { parseManifest } from '../../shared/ingest/parseManifest';
import { readDatasetFiles } from '../../shared/ingest/readDatasetFiles';
import type { Table } from '../../shared/ingest/Table';
import type { ModelArtifact } from '../../shared/model/ModelArtifact';
import { scoreTables, type ScoredCustomer } from '../../shared/model/scoreTables';
import { readBlobText } from './azurite';

/** What the run wrote for one customer in customers.jsonl. */
interface RunLine {
  id: string | null;
  segment: number;
  churnProbability: number | null;
  priority: number;
  action?: string;
}

/** Rows and bytes one request may carry, kept under the API's limits. */
const maxRequestRows = 8_000;
const maxRequestChars = 4 * 1024 * 1024;

export interface ParityInput {
  service: BlobServiceClient;
  hostUrl: string;
  dataset: string;
  runId: string;
  /** The files as uploaded (manifest names) and the manifest, if any. */
  files: { name: string; bytes: Buffer }[];
  manifest?: unknown;
  /** Customers sent through POST /api/score (every customer goes through scoreTables). */
  httpCustomers?: number;
}

export interface ParityReport {
  customers: number;
  scoredByHttp: number;
}

/**
 * Scores the uploaded files with the run's model.json through scoreTables (every customer) and
 * through POST /api/score (a sample), and expects each customer's segment and churn probability to
 * be the run's (customers.jsonl) within 1e-9, and its action the run's.
 */
export async function expectScoresReproduceRun(input: ParityInput): Promise<ParityReport> {
  const folder = `${input.dataset}/${input.runId}`;
  const model = JSON.parse((await readBlobText(input.service, 'results', `${folder}/model.json`))!) as ModelArtifact;
  expect(model.recipe?.version).toBe(1);
  const lines = (await readBlobText(input.service, 'results', `${folder}/customers.jsonl`))!
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RunLine)
    // Ids are compared as text: a numbered row or a numeric id is written as a JSON number.
    .map((l) => ({ ...l, id: l.id === null ? null : String(l.id) }));
  const manifest = input.manifest ? parseManifest(input.manifest) : undefined;
  const read = await readDatasetFiles(input.files.map((f) => bufferSource(f.name, f.bytes)), manifest);
  const tables = read.map((f) => ({ name: f.entry.name, table: f.table }));

  const scored = await scoreTables(model, tables);
  expectSameAsRun(lines, scored, input.dataset, 'scoreTables');

  const ids = [...new Set(lines.map((l) => l.id).filter((id): id is string => id !== null))];
  const wanted = Math.min(input.httpCustomers ?? 150, ids.length);
  const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / wanted)) === 0).slice(0, wanted);
  const body = requestFor(input.dataset, model, tables, sample);
  const res = await fetch(`${input.hostUrl}/api/score`, { method: 'POST', body: JSON.stringify(body.json) });
  const text = await res.text();
  expect([res.status, text.slice(0, 300)]).toEqual([200, expect.any(String)]);
  const answer = JSON.parse(text) as { runId: string; modelVersion: number; results: ScoredCustomer[] };
  expect(answer.runId).toBe(input.runId);
  expect(answer.results.length).toBeGreaterThan(0);
  const sent = new Set(body.customers);
  // Without an id column a result's id is its place in the request: map it back to the run's row number.
  const results = model.recipe!.idColumn === null ? answer.results.map((r, i) => ({ ...r, id: body.customers[i]! })) : answer.results;
  if (model.recipe!.idColumn === null) expect(results).toHaveLength(body.customers.length);
  expectSameAsRun(lines.filter((l) => l.id !== null && sent.has(l.id)), results, input.dataset, 'POST /api/score');
  return { customers: scored.length, scoredByHttp: answer.results.length };
}

function expectSameAsRun(lines: RunLine[], scored: ScoredCustomer[], dataset: string, path: string): void {
  const byId = new Map<string, ScoredCustomer[]>();
  for (const s of scored) {
    const list = byId.get(s.id);
    if (list) list.push(s);
    else byId.set(s.id, [s]);
  }
  const misses: unknown[] = [];
  lines.forEach((line, row) => {
    const id = line.id ?? String(row + 1);
    const candidates = byId.get(id) ?? [];
    // The run collapses exact duplicate rows; rows sharing an id but differing are each scored.
    const match = candidates.find(
      (s) =>
        s.segment === line.segment &&
        (line.churnProbability === null ? s.churnProbability === null : s.churnProbability !== null && Math.abs(s.churnProbability - line.churnProbability) <= 1e-9),
    );
    if (!match) misses.push({ id, run: { segment: line.segment, churnProbability: line.churnProbability }, scored: candidates.map((s) => ({ segment: s.segment, churnProbability: s.churnProbability })) });
    else if (line.action !== undefined && match.action !== line.action) misses.push({ id, runAction: line.action, action: match.action });
    else if (match.priority > line.priority) misses.push({ id, runPriority: line.priority, priority: match.priority });
  });
  expect({ dataset, path, customers: lines.length, misses: misses.slice(0, 5), missed: misses.length }).toEqual({ dataset, path, customers: lines.length, misses: [], missed: 0 });
}

/** The rows of the sampled customers in every file the model reads, as JSON values a client sends. */
function requestFor(dataset: string, model: ModelArtifact, tables: { name: string; table: Table }[], sample: string[]): { json: unknown; customers: string[] } {
  const recipe = model.recipe!;
  const keyOf = (file: (typeof recipe.files)[number], table: Table) => {
    const c = table.columns.find((x) => x.name === file.key);
    return c ? keyValues(c) : undefined;
  };
  const files: Record<string, Record<string, unknown>[]> = {};
  const customers: string[] = [];
  let rows = 0;
  let chars = 0;
  const recipeTables = recipe.files.map((f) => ({ file: f, table: (tables.find((t) => t.name === f.name) ?? tables[0]!).table }));
  const keys = recipeTables.map(({ file, table }) => keyOf(file, table));
  for (const id of sample) {
    const key = keyValues({ name: 'id', kind: 'string', values: [id] })[0];
    const picked = recipeTables.map(({ file, table }, f) => {
      const k = keys[f];
      const at: number[] = [];
      if (!k) {
        // Rows numbered by the run: the customer is row `id`.
        if (f === 0) at.push(Number(id) - 1);
      } else for (let i = 0; i < table.rowCount; i++) if (k[i] === key) at.push(i);
      return at.map((i) => jsonRow(table, i, file.columns.map((c) => c.name)));
    });
    const size = picked.reduce((s, p) => s + p.length, 0);
    const text = JSON.stringify(picked).length;
    if (customers.length > 0 && (rows + size > maxRequestRows || chars + text > maxRequestChars)) break;
    rows += size;
    chars += text;
    customers.push(id);
    picked.forEach((p, f) => (files[recipeTables[f]!.file.name] ??= []).push(...p));
  }
  const single = recipe.files.length === 1 && recipe.files[0]!.role === 'customers';
  return { json: single ? { dataset, customers: files[recipe.files[0]!.name] } : { dataset, files }, customers };
}

/** A row's cells as a client writes them: numbers as numbers (their text where the file kept one), dates as ISO text. */
function jsonRow(table: Table, i: number, names: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const name of names) {
    const c = table.columns.find((x) => x.name === name);
    if (!c) continue;
    if (c.kind === 'string') row[name] = c.values[i];
    else if (c.kind === 'date') row[name] = Number.isNaN(c.values[i]!) ? null : new Date(c.values[i]!).toISOString();
    else row[name] = c.texts?.get(i) ?? (Number.isNaN(c.values[i]!) ? null : c.values[i]);
  }
  return row;
}
