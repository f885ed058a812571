import { neutralizeFormula } from '../results/neutralizeFormula';
import type { Message } from '../messaging/types';
import { BlobStore } from '../storage/BlobStore';
import { MessageRequestRefused, messagePaths, type MessageJob, type MessagesResult } from './messageJobs';

export type ReviewDecision = 'approved' | 'rejected';

/** One reviewer's decision on one customer's draft. */
export interface DecisionRecord {
  customerId: string;
  decision: ReviewDecision;
  by: string;
  at: string;
}

export interface ReviewResult {
  requestId: string;
  runId: string;
  decided: number;
  approved: number;
  rejected: number;
  pending: number;
  /** Ids the decision named that have no message in this request. */
  unknown: string[];
  /** The files a sending tool imports, under results/<dataset>/<runId>/. */
  files: string[];
}

/** An approved message as approved.jsonl stores it. */
export type ApprovedMessage = Message & { approvedBy: string; approvedAt: string };

/**
 * Records a reviewer's decision on a request's drafts (all of them, or the customers named) and
 * rewrites approved.jsonl and approved.csv, the files a sending tool imports. The latest decision on
 * a customer wins; decisions are kept in review.json, written on its ETag so concurrent reviewers
 * do not lose each other's. Approved customers enter the channel's contact ledger (frequency cap).
 */
export async function reviewMessages(
  store: BlobStore,
  requestId: string,
  decision: ReviewDecision,
  options: { customerIds?: readonly string[]; by: string; at?: Date },
): Promise<ReviewResult> {
  const where = await store.readJson<{ dataset: string; runId: string }>(store.resultsContainer, messagePaths.index(requestId));
  if (!where) throw new MessageRequestRefused(404, 'request_not_found', `No stored messages for requestId ${requestId}.`);
  const job = { ...where, requestId } as MessageJob;
  const result = await store.readJson<MessagesResult>(store.resultsContainer, messagePaths.json(job));
  if (!result) throw new MessageRequestRefused(404, 'request_not_found', `No stored messages for requestId ${requestId}.`);
  const byId = new Map(result.messages.map((m) => [m.customerId, m]));
  const named = options.customerIds ? [...new Set(options.customerIds.map(String))] : [...byId.keys()];
  const unknown = named.filter((id) => !byId.has(id));
  const at = (options.at ?? new Date()).toISOString();
  const newDecisions: DecisionRecord[] = named.filter((id) => byId.has(id)).map((customerId) => ({ customerId, decision, by: options.by, at }));

  let decisions: DecisionRecord[] = [];
  for (let attempt = 0; ; attempt++) {
    const current = await store.readJsonVersion<{ decisions: DecisionRecord[] }>(store.resultsContainer, messagePaths.review(job));
    decisions = [...(current?.value.decisions ?? []), ...newDecisions];
    if (await store.writeJsonIfUnchanged(store.resultsContainer, messagePaths.review(job), { requestId, decisions }, current?.etag)) break;
    if (attempt >= 10) throw new Error(`review.json of ${requestId} kept changing while a decision was recorded; try again.`);
  }

  const latest = new Map<string, DecisionRecord>();
  for (const d of decisions) latest.set(d.customerId, d);
  const approved: ApprovedMessage[] = [];
  for (const m of result.messages) {
    const d = latest.get(m.customerId);
    if (d?.decision === 'approved') approved.push({ ...m, approvedBy: d.by, approvedAt: d.at });
  }
  const jsonl = approved.map((m) => JSON.stringify(m)).join('\n');
  await store.write(store.resultsContainer, messagePaths.approvedJsonl(job), jsonl ? `${jsonl}\n` : '', 'application/x-ndjson; charset=utf-8');
  await store.write(store.resultsContainer, messagePaths.approvedCsv(job), approvedCsv(approved), 'text/csv; charset=utf-8');
  if (decision === 'approved' && newDecisions.length > 0) {
    await recordContacts(store, job.dataset, result.messages[0]?.channel, newDecisions.map((d) => d.customerId), at);
  }
  const rejected = [...latest.values()].filter((d) => d.decision === 'rejected').length;
  return {
    requestId,
    runId: job.runId,
    decided: newDecisions.length,
    approved: approved.length,
    rejected,
    pending: result.messages.length - approved.length - rejected,
    unknown,
    files: [`messages/${requestId}.approved.jsonl`, `messages/${requestId}.approved.csv`, `messages/${requestId}.review.json`],
  };
}

async function recordContacts(store: BlobStore, dataset: string, channel: Message['channel'] | undefined, ids: string[], at: string): Promise<void> {
  if (!channel) return;
  const name = messagePaths.contacts(dataset, channel);
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await store.readJsonVersion<Record<string, string>>(store.resultsContainer, name);
    const ledger = { ...(current?.value ?? {}) };
    for (const id of ids) ledger[id] = at;
    if (await store.writeJsonIfUnchanged(store.resultsContainer, name, ledger, current?.etag)) return;
  }
  throw new Error(`the contact ledger of ${dataset} kept changing; approve again to record the contacts.`);
}

const csvColumns = ['customer_id', 'channel', 'language', 'subject', 'text', 'encoding', 'parts', 'variant', 'offer_id', 'approved_by', 'approved_at', 'title', 'offer_terms'] as const;

/** UTF-8 with BOM, RFC 4180 quoting, formula-like text neutralized: opened safely in a spreadsheet. */
function approvedCsv(messages: readonly ApprovedMessage[]): string {
  const rows = messages.map((m) => [m.customerId, m.channel, m.language, m.subject ?? '', m.text, m.encoding ?? '', m.parts ?? '', m.variant ?? '', m.offer?.id ?? '', m.approvedBy, m.approvedAt, m.title ?? '', m.offer?.terms ?? '']);
  const cell = (v: string | number) => {
    const text = neutralizeFormula(String(v));
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${[csvColumns.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n')}\n`;
}
