import type { CustomerForMessage, SegmentProfile } from '../messaging/types';
import { runPaths } from '../pipeline/runPaths';
import { readRunCustomers } from '../results/readRunCustomers';
import { readRunManifest } from '../results/readRunManifest';
import type { RunCustomer } from '../results/RunCustomer';
import type { SegmentsDocument } from '../results/segmentsDocument';
import { BlobStore } from '../storage/BlobStore';

export interface MessageRunData {
  runId: string;
  customers: CustomerForMessage[];
  segments: SegmentProfile[];
}

/** Whole runs recently loaded, by dataset/runId: a run's results never change once written. */
const cache = new Map<string, MessageRunData>();

/**
 * The customers of a completed run as the message writer needs them, from customers.jsonl (segment,
 * score, drivers, consent and the uploaded columns a message may use), segments.json (the run's goal)
 * and the run's manifest (its language).
 * With `customerIds`, only those customers are read (through the run's index), not the whole run.
 */
export async function loadMessageRun(store: BlobStore, dataset: string, runId: string, customerIds?: readonly string[]): Promise<MessageRunData> {
  const key = `${dataset}/${runId}`;
  const cached = cache.get(key);
  if (cached && customerIds) {
    const wanted = new Set(customerIds);
    return { ...cached, customers: cached.customers.filter((c) => wanted.has(c.customerId)) };
  }
  if (cached) return cached;
  const [customers, segmentsJson, manifest] = await Promise.all([
    readRunCustomers(store, dataset, runId, customerIds),
    // Without a stated goal the run's score is read as churn, as the report reads it.
    store.readJson<Omit<SegmentsDocument, 'goal'> & Partial<Pick<SegmentsDocument, 'goal'>>>(store.resultsContainer, runPaths.file(dataset, runId, 'segments.json')),
    readRunManifest(store, dataset, runId),
  ]);
  if (!customers) throw new Error(`Run ${runId} of ${dataset} has no customers.jsonl.`);
  const run = { goal: segmentsJson?.goal ?? 'churn', language: manifest?.language?.toLowerCase() };
  const data: MessageRunData = { runId, customers: customers.map((c) => forMessage(c, run)), segments: segmentsJson?.segments ?? [] };
  if (customerIds) return data;
  cache.set(key, data);
  while (cache.size > 8) cache.delete(cache.keys().next().value!);
  return data;
}

function forMessage(customer: RunCustomer, run: { goal: NonNullable<CustomerForMessage['runGoal']>; language: string | undefined }): CustomerForMessage {
  return {
    // A customer without an id cannot be asked for by id; its row still counts in a segment.
    customerId: customer.id ?? '',
    segment: customer.segment,
    segmentName: customer.segmentName,
    churnProbability: customer.churnProbability ?? null,
    drivers: customer.drivers,
    attributes: customer.attributes,
    consent: customer.consent,
    ...(customer.channelConsent ? { channelConsent: customer.channelConsent } : {}),
    // The run's language (its manifest's), so a request without one is written as the run was read.
    ...(run.language ? { language: run.language } : {}),
    runGoal: run.goal,
  };
}
