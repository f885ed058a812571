/**
 * The isolated process a fuzz case runs in (forked by IsolatedCaseRunner): it pushes each file it is
 * sent through buildCustomerTable (which reads it with readTable) and replies with how that ended. A crash
 * or an out-of-memory abort takes only this process down; the runner counts it and starts another.
 */
import { bufferSource } from '../../shared/ingest/fileSource';
import { IngestError } from '../../shared/ingest/IngestError';
import { buildCustomerTable } from '../../shared/features/buildCustomerTable';
import type { Table } from '../../shared/ingest/Table';

export interface CaseRequest {
  index: number;
  file: string;
  bytes: Uint8Array;
}

export interface CaseReply {
  index: number;
  outcome: 'completed' | 'reported' | 'crash';
  code?: string;
  detail: string;
  problem?: string;
  ms: number;
  rssMb: number;
  maxRssMb: number;
}

const send = (msg: CaseReply | { ready: true }): void => {
  process.send?.(msg);
};

let current: CaseRequest | undefined;
const started = { at: 0 };

function memory(): { rssMb: number; maxRssMb: number } {
  return { rssMb: process.memoryUsage().rss / 1024 ** 2, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Errors that escape every promise (thrown in an event handler) are crashes too. */
function crashAndExit(err: unknown): void {
  if (current) {
    send({ index: current.index, outcome: 'crash', detail: `escaped: ${describe(err)}`, ms: Date.now() - started.at, ...memory() });
  }
  setTimeout(() => process.exit(70), 50);
}
process.on('uncaughtException', crashAndExit);
process.on('unhandledRejection', crashAndExit);

process.on('message', (req: CaseRequest) => {
  current = req;
  started.at = Date.now();
  void runCase(req).then((reply) => {
    current = undefined;
    send(reply);
  });
});

async function runCase(req: CaseRequest): Promise<CaseReply> {
  const bytes = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength);
  try {
    const { table, schema } = await buildCustomerTable([bufferSource(req.file, bytes)]);
    const problem = checkTable(table);
    const detail = `${table.rowCount} rows x ${table.columns.length} columns (${schema.numeric.length} numeric)`;
    return { index: req.index, outcome: 'completed', detail, problem, ms: Date.now() - started.at, ...memory() };
  } catch (err) {
    const ms = Date.now() - started.at;
    if (err instanceof IngestError) return { index: req.index, outcome: 'reported', code: err.code, detail: err.message, problem: checkReport(err, req.file), ms, ...memory() };
    return { index: req.index, outcome: 'crash', detail: describe(err), ms, ...memory() };
  }
}

/** A completed table must be whole: every column as long as the table, unique names. */
function checkTable(table: Table): string | undefined {
  if (table.rowCount <= 0) return 'completed with no rows';
  const names = new Set<string>();
  for (const c of table.columns) {
    if (c.values.length !== table.rowCount) return `column "${c.name.slice(0, 40)}" has ${c.values.length} values for ${table.rowCount} rows`;
    if (names.has(c.name)) return `column name "${c.name.slice(0, 40)}" repeats`;
    names.add(c.name);
  }
  return undefined;
}

/** error.json is read by people: it must name the file, say what to do, and stay short. */
function checkReport(err: IngestError, file: string): string | undefined {
  if (err.file !== file && err.file !== 'manifest.json') return `error names file ${JSON.stringify(err.file)}, not ${file}`;
  if (err.message.length < 10 || err.hint.length < 10) return 'message or hint missing';
  if (err.message.length > 1000 || err.hint.length > 1000) return `message of ${err.message.length} characters (over 1,000)`;
  if (/\n\s+at /.test(err.message)) return 'message holds a stack trace';
  return undefined;
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message.slice(0, 300)}${err.stack ? ` @ ${err.stack.split('\n').slice(1, 4).map((l) => l.trim()).join(' < ')}` : ''}`;
  return String(err).slice(0, 300);
}

send({ ready: true });
