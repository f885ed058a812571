import { parse } from 'csv-parse/sync';
import type { Schema } from '../ingest/Schema';
import type { CustomerForMessage, SegmentProfile } from '../messaging/types';
import { runPaths } from '../pipeline/runPaths';
import { decodeTable } from '../pipeline/workArtifacts';
import { BlobStore } from '../storage/BlobStore';

export interface MessageRunData {
  runId: string;
  customers: CustomerForMessage[];
  segments: SegmentProfile[];
}

const cache = new Map<string, MessageRunData>();

/** `feature: +0.12` (assignments.csv) back to a driver. */
function parseDriver(text: string | undefined) {
  if (!text) return undefined;
  const at = text.lastIndexOf(': ');
  if (at < 0) return undefined;
  const contribution = Number(text.slice(at + 2));
  return Number.isFinite(contribution) ? { feature: text.slice(0, at), contribution } : undefined;
}

/**
 * The customers of a completed run as the message writer needs them: segment, churn, drivers and
 * consent from assignments.csv, their uploaded columns from the run's customer table.
 */
export async function loadMessageRun(store: BlobStore, dataset: string, runId: string): Promise<MessageRunData> {
  const key = `${dataset}/${runId}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const container = store.resultsContainer;
  const [csv, segmentsJson, tableBuf, schema] = await Promise.all([
    store.readBuffer(container, runPaths.file(dataset, runId, 'assignments.csv')),
    store.readJson<{ segments: SegmentProfile[] }>(container, runPaths.file(dataset, runId, 'segments.json')),
    store.readBuffer(container, runPaths.work(dataset, runId, 'table.bin')),
    store.readJson<Schema>(container, runPaths.work(dataset, runId, 'schema.json')),
  ]);
  const table = decodeTable(tableBuf);
  const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
  // Consent columns (general and per channel) and the label are facts about the data, not about the customer to write to.
  const hidden = new Set([schema?.target?.column, schema?.consent?.column, ...(schema?.channelConsent ?? []).map((c) => c.column)].filter(Boolean) as string[]);
  const columns = table.columns.filter((c) => !hidden.has(c.name));
  const customers: CustomerForMessage[] = rows.map((row, i) => {
    const attributes: CustomerForMessage['attributes'] = {};
    for (const c of columns) {
      const v = c.values[i];
      attributes[c.name] = typeof v === 'number' ? (Number.isNaN(v) ? null : c.kind === 'date' ? new Date(v).toISOString().slice(0, 10) : v) : (v ?? null);
    }
    const idColumn = Object.keys(row)[0]!;
    const probability = Number(row.churn_probability);
    return {
      customerId: row[idColumn]!,
      segment: Number(row.segment),
      segmentName: row.segment_name ?? '',
      churnProbability: row.churn_probability === '' || !Number.isFinite(probability) ? 0 : probability,
      drivers: [row.driver_1, row.driver_2, row.driver_3].map(parseDriver).filter((d) => d !== undefined),
      attributes,
      consent: row.consent === 'true',
      runGoal: schema?.goal ?? 'churn',
    };
  });
  const data: MessageRunData = { runId, customers, segments: segmentsJson?.segments ?? [] };
  cache.set(key, data);
  while (cache.size > 8) cache.delete(cache.keys().next().value!);
  return data;
}
