import type { MeasuredRequest } from '../campaign/LiftDocument';
import type { BlobStore } from '../storage/BlobStore';

/** Customers messaged and held out by earlier message requests on a dataset, by customer id. */
export interface CampaignHistory {
  requests: MeasuredRequest[];
  /** Each messaged customer's variant (channel, A/B variant, offer), from the last request that messaged them. */
  messaged: Map<string, string>;
  /** Held out and never messaged by any of these requests. */
  holdout: Set<string>;
}

interface StoredRequest {
  requestId: string;
  runId: string;
  messages: { customerId: string; channel: string; variant?: string; offer?: { id: string } }[];
  holdout?: string[];
}

const requestFile = /^[^/]+\/([0-9a-f]{16})\/messages\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})\.json$/;

/**
 * The message requests with a holdout that earlier runs of the dataset hold
 * (`results/<dataset>/<runId>/messages/<requestId>.json`): who got a message and who was kept back.
 * When a request's messages were approved, only the approved customers count as messaged (the
 * drafts may never have been sent). Undefined when no request kept a holdout.
 */
export async function readCampaignHistory(store: BlobStore, dataset: string, currentRunId: string): Promise<CampaignHistory | undefined> {
  const files: string[] = [];
  for await (const blob of store.list(store.resultsContainer, `${dataset}/`)) {
    const match = requestFile.exec(blob.name);
    if (!match || match[1] === currentRunId || /\.(review|approved)$/.test(match[2]!)) continue;
    files.push(blob.name);
  }
  const requests: MeasuredRequest[] = [];
  const messaged = new Map<string, string>();
  const heldOut = new Set<string>();
  for (const file of files.sort()) {
    const stored = await store.readJson<StoredRequest>(store.resultsContainer, file);
    if (!stored?.holdout?.length || !Array.isArray(stored.messages)) continue;
    const approved = await readApproved(store, file.replace(/\.json$/, '.approved.jsonl'));
    const sent = approved ? stored.messages.filter((m) => approved.has(m.customerId)) : stored.messages;
    for (const m of sent) messaged.set(m.customerId, [m.channel, m.variant ? `variant ${m.variant}` : '', m.offer?.id ?? ''].filter(Boolean).join(' · '));
    for (const id of stored.holdout) heldOut.add(id);
    requests.push({ runId: stored.runId, requestId: stored.requestId, messaged: sent.length, holdout: stored.holdout.length });
  }
  if (!requests.length) return undefined;
  const holdout = new Set([...heldOut].filter((id) => !messaged.has(id)));
  return { requests, messaged, holdout };
}

async function readApproved(store: BlobStore, name: string): Promise<Set<string> | undefined> {
  if (!(await store.info(store.resultsContainer, name))) return undefined;
  const text = (await store.readBuffer(store.resultsContainer, name)).toString('utf8');
  const ids = new Set<string>();
  for (const line of text.split('\n')) if (line.trim()) ids.add((JSON.parse(line) as { customerId: string }).customerId);
  return ids;
}
