import { getSettings } from '../config/settings';
import { manifestSchema } from '../ingest/manifestSchema';
import { createWriter, writerConfigFromSettings } from '../messaging/createWriter';
import type { MessagePolicy } from '../messaging/messagePolicy';
import type { MessageWriter } from '../messaging/MessageWriter';
import { offerCatalogSchema, type OfferCatalog } from '../messaging/offerCatalogSchema';
import type { SelectionRules } from '../messaging/selectCustomers';
import type { Channel } from '../messaging/types';
import { readRunManifest } from '../results/readRunManifest';
import { appStore } from '../storage/appStore';
import { BlobStore, isNotFound } from '../storage/BlobStore';
import { BlobCallLedger } from './messageCallLedger';
import type { MessageJob } from './messageJobs';
import { messagePaths } from './messagePaths';

/**
 * What decides, besides the run, who gets a message and what it may say: the writer, the dataset's
 * offer catalogue, the run's manifest (language, labels), the suppression list, the frequency cap's
 * ledger, holdout and the brand's policy.
 */
/** One writer per host: the model client and its limits are shared by every request. */
let writer: MessageWriter | undefined;

export function messageWriter(): MessageWriter {
  // The daily call count and the circuit's pause are kept in storage: a restart or another host shares them.
  writer ??= createWriter({ ...writerConfigFromSettings(getSettings()), ledger: new BlobCallLedger(appStore()) });
  return writer;
}

async function offersOf(store: BlobStore, dataset: string): Promise<OfferCatalog | undefined> {
  const raw = await store.readJson<unknown>(store.uploadsContainer, `${dataset}/offers.json`).catch(() => undefined);
  if (raw === undefined) return undefined;
  const parsed = offerCatalogSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The run's own manifest (its copy in the run folder): `language` when a request names none, `labels` for display names. */
async function manifestOf(store: BlobStore, dataset: string, runId: string): Promise<{ language?: string; labels?: Record<string, string> }> {
  const parsed = manifestSchema.safeParse(await readRunManifest(store, dataset, runId));
  if (!parsed.success) return {};
  const labels = (parsed.data as { labels?: Record<string, string> }).labels;
  return { ...(parsed.data.language ? { language: parsed.data.language.toLowerCase() } : {}), ...(labels ? { labels } : {}) };
}

/**
 * Ids in suppress.csv beside the dataset's uploads and in the suppression file of the settings (the
 * first column; a header line is harmless).
 */
async function suppressedOf(store: BlobStore, dataset: string): Promise<Set<string>> {
  // Only a missing list means none: a storage fault must not let suppressed customers through.
  const read = (container: string, name: string) =>
    store.readBuffer(container, name).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
  const global = getSettings().SEGMENTWISE_SUPPRESSION_FILE;
  const files = await Promise.all([read(store.uploadsContainer, `${dataset}/suppress.csv`), global ? read(store.resultsContainer, global) : undefined]);
  const ids = new Set<string>();
  for (const buf of files) {
    if (!buf) continue;
    for (const line of buf.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)) {
      const first = line.split(/[,;\t]/)[0]!.trim().replace(/^"(.*)"$/, '$1');
      if (first !== '') ids.add(first);
    }
  }
  return ids;
}

/** Customers approved on this channel within the frequency cap, with the day they were. */
async function recentlyContactedOf(store: BlobStore, dataset: string, channel: Channel): Promise<Map<string, string>> {
  const days = getSettings().SEGMENTWISE_MESSAGES_FREQUENCY_DAYS;
  const out = new Map<string, string>();
  if (days <= 0) return out;
  const ledger = (await store.readJson<Record<string, string>>(store.resultsContainer, messagePaths.contacts(dataset, channel))) ?? {};
  const since = Date.now() - days * 86_400_000;
  for (const [id, at] of Object.entries(ledger)) if (Date.parse(at) >= since) out.set(id, at.slice(0, 10));
  return out;
}

/** Everything besides the run that decides who gets a message and what it may say. */
export async function requestContext(store: BlobStore, job: MessageJob) {
  const settings = getSettings();
  const [manifest, offers, suppressed, recentlyContacted] = await Promise.all([
    manifestOf(store, job.dataset, job.runId),
    offersOf(store, job.dataset),
    suppressedOf(store, job.dataset),
    recentlyContactedOf(store, job.dataset, job.request.channel),
  ]);
  const rules: SelectionRules = {
    suppressed,
    recentlyContacted,
    holdout: job.request.holdout ?? settings.SEGMENTWISE_MESSAGES_HOLDOUT,
    holdoutSalt: job.requestId,
  };
  const policy: MessagePolicy = {
    ...(settings.SEGMENTWISE_BRAND_NAME ? { brandName: settings.SEGMENTWISE_BRAND_NAME } : {}),
    ...(settings.SEGMENTWISE_BRAND_VOICE ? { brandVoice: settings.SEGMENTWISE_BRAND_VOICE } : {}),
    ...(settings.SEGMENTWISE_SMS_OPTOUT_KEYWORD ? { smsOptOutKeyword: settings.SEGMENTWISE_SMS_OPTOUT_KEYWORD } : {}),
    pushTitleMax: settings.SEGMENTWISE_PUSH_TITLE_MAX_CHARS,
    pushBodyMax: settings.SEGMENTWISE_PUSH_BODY_MAX_CHARS,
    sensitiveAttributes: (settings.SEGMENTWISE_SENSITIVE_ATTRIBUTES ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
  };
  return { manifest, offers, rules, policy };
}

