import { setMaxListeners } from 'node:events';
import { buildMessagePrompt, messageVariant, resolveGoal, type MessagePrompt } from './buildMessagePrompt';
import { chooseOffer } from './chooseOffer';
import { runDistributions } from './claimEvidence';
import { measureSms } from './measureSms';
import { withFooter, type MessagePolicy } from './messagePolicy';
import { mapWithConcurrency } from './mapWithConcurrency';
import type { CallMeter } from './ModelCallGovernor';
import type { MessageRequest } from './messageRequestSchema';
import { MessageWriteError } from './MessageWriteError';
import type { MessageWriter } from './MessageWriter';
import type { OfferCatalog } from './offerCatalogSchema';
import { selectCustomers, type SelectionRules } from './selectCustomers';
import type { PrivacyOptions } from './selectPromptAttributes';
import type { CustomerForMessage, CustomerOutcome, DraftMessage, Message, SegmentProfile } from './types';
import { validateDraft } from './validateDraft';

export interface WriteMessagesProgress {
  done: number;
  total: number;
  written: number;
  failed: number;
}

export interface WriteMessagesOptions {
  request: MessageRequest;
  /** Every customer of the run (assignments joined with their uploaded rows). */
  customers: readonly CustomerForMessage[];
  segments: readonly SegmentProfile[];
  writer: MessageWriter;
  /** The catalogue from offers.json beside the uploads; the request's own `offers` take precedence. */
  offers?: OfferCatalog;
  /** Concurrent writer calls. */
  concurrency: number;
  /** Wall-clock budget for the whole request; customers not written by then are marked failed. */
  budgetMs?: number;
  onProgress?: (progress: WriteMessagesProgress) => void;
  /** The dataset's language (manifest), used when neither the request nor the customer names one. */
  language?: string;
  privacy?: PrivacyOptions;
  signal?: AbortSignal;
  /** Display names from the manifest's `labels`. */
  labels?: Readonly<Record<string, string>>;
  /** Brand, opt-out keyword, sensitive columns (settings, overridden by the request's brand fields). */
  policy?: MessagePolicy;
  /** Suppression list, frequency cap, holdout. */
  rules?: SelectionRules;
  /** Messages already written for this request (an interrupted run): reused, not written again. */
  reuse?: ReadonlyMap<string, Message>;
  /** Counts the request's model calls and tokens against its call budget. */
  meter?: CallMeter;
  /** Called with each message as soon as it is written (not for reused ones): a checkpoint keeps them. */
  onWritten?: (message: Message) => void;
}

export interface WriteMessagesResult {
  messages: Message[];
  skipped: CustomerOutcome[];
  failed: CustomerOutcome[];
  holdout: string[];
}

class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
}

/**
 * Personalized messages for the customers a request names. Every requested customer ends in
 * exactly one of messages, skipped (no consent, unknown id) or failed (with the reason), in
 * request order whatever order the writer finished in.
 */
export async function writeMessages(options: WriteMessagesOptions): Promise<WriteMessagesResult> {
  const { request, writer } = options;
  const { chosen, skipped, holdout } = selectCustomers(request, options.customers, { ...options.rules, channel: request.channel });
  const distributions = runDistributions(options.customers);
  const policy: MessagePolicy = {
    ...options.policy,
    ...(request.brandName ? { brandName: request.brandName } : {}),
    ...(request.brandVoice ? { brandVoice: request.brandVoice } : {}),
  };
  const segments = new Map(options.segments.map((s) => [s.segment, s]));
  const catalog = request.offers ?? options.offers;
  const total = chosen.length;

  const budget = new AbortController();
  const timer =
    options.budgetMs !== undefined
      ? setTimeout(() => budget.abort(new BudgetExceeded(`the request's time budget of ${options.budgetMs} ms ran out`)), options.budgetMs)
      : undefined;
  const signal = options.signal ? AbortSignal.any([budget.signal, options.signal]) : budget.signal;
  // Each call in flight listens on the request's signal: as many listeners as the concurrency, by design.
  setMaxListeners(Math.max(10, options.concurrency + 5), signal);
  let fatal: MessageWriteError | undefined;
  let done = 0;
  let written = 0;
  let failedCount = 0;

  const writeOne = async (customer: CustomerForMessage): Promise<Message | CustomerOutcome> => {
    const reused = options.reuse?.get(customer.customerId);
    if (reused) return reused;
    if (fatal) return { customerId: customer.customerId, reason: `not attempted: ${fatal.message}` };
    if (signal.aborted) return { customerId: customer.customerId, reason: `not attempted: ${abortReason(signal)}` };
    const segment = segments.get(customer.segment);
    if (!segment) return { customerId: customer.customerId, reason: `segment ${customer.segment} has no profile in this run` };
    try {
      const goal = resolveGoal(customer, request.goal);
      const chosenOffer = chooseOffer(customer, segment, catalog, { channel: request.channel, goal });
      const variant = request.variants ? variantOf(customer.customerId, request.variants) : undefined;
      const built = buildMessagePrompt({
        customer,
        segment,
        channel: request.channel,
        language: request.language ?? customer.language ?? options.language ?? 'en',
        tone: request.tone,
        goal,
        ...(chosenOffer ? { offer: chosenOffer.offer } : {}),
        ...(catalog ? { otherOffers: catalog.offers } : {}),
        ...(options.privacy ? { privacy: options.privacy } : {}),
        ...(options.labels ? { labels: options.labels } : {}),
        distributions,
        policy,
        maxParts: request.maxParts,
        dataLanguage: options.language ?? 'en',
      });
      // A variant words the message its own way: the same customer always reads the same variant.
      const prompt = variant ? { ...built, variant: messageVariant(`${customer.customerId}|${variant}`) } : built;
      let draft = await writeWithOwnSignal(writer, prompt, signal, options.meter);
      // Checked here as well, whatever the writer did, so no writer can return an over-long, leaking or untrue text.
      let problems = finalProblems(draft, prompt);
      if (problems.length > 0 && writer.name === 'embedded') {
        // The embedded writer has no feedback loop of its own: another wording is its retry.
        draft = await writeWithOwnSignal(writer, { ...prompt, variant: (prompt.variant ^ 0x5bd1e995) >>> 0 }, signal);
        problems = finalProblems(draft, prompt);
      }
      if (problems.length > 0) return { customerId: customer.customerId, reason: `the message was not usable: ${problems.join('; ')}` };
      // Consent is checked again at the last step, on the customer record the message is written for.
      if (customer.consent !== true || customer.channelConsent?.[request.channel] === false) {
        return { customerId: customer.customerId, reason: 'no consent to receive messages', skip: true } as CustomerOutcome & { skip: true };
      }
      const text = withFooter(draft.text, prompt.footer, request.channel);
      const sms = request.channel === 'sms' ? measureSms(text) : undefined;
      return {
        customerId: customer.customerId,
        segment: customer.segment,
        segmentName: customer.segmentName || segment.name,
        channel: request.channel,
        language: draft.language,
        ...(draft.subject !== undefined ? { subject: draft.subject } : {}),
        ...(request.channel === 'push' && draft.title !== undefined ? { title: draft.title } : {}),
        text,
        ...(chosenOffer
          ? {
              offer: {
                id: chosenOffer.offer.id,
                name: prompt.facts.offer?.name ?? chosenOffer.offer.name,
                ...(prompt.facts.offer?.terms ? { terms: prompt.facts.offer.terms } : {}),
              },
            }
          : {}),
        drivers: topDrivers(customer),
        ...(request.channel === 'email' ? { preheader: preheaderOf(draft.text) } : {}),
        ...(sms ? { encoding: sms.encoding, parts: sms.parts } : {}),
        ...(variant ? { variant } : {}),
        status: 'draft',
      };
    } catch (error) {
      if (signal.aborted) return { customerId: customer.customerId, reason: abortReason(signal) };
      if (error instanceof MessageWriteError) {
        if (error.fatal) fatal ??= error;
        return { customerId: customer.customerId, reason: error.message };
      }
      return { customerId: customer.customerId, reason: `the message could not be written: ${(error as Error)?.message ?? String(error)}` };
    }
  };

  try {
    const outcomes = await mapWithConcurrency(chosen, options.concurrency, async (customer) => {
      const outcome = await writeOne(customer);
      done++;
      if ('text' in outcome && outcome !== options.reuse?.get(customer.customerId)) options.onWritten?.(outcome);
      if ('text' in outcome) written++;
      else failedCount++;
      options.onProgress?.({ done, total, written, failed: failedCount });
      return outcome;
    });
    const messages: Message[] = [];
    const failed: CustomerOutcome[] = [];
    for (const outcome of outcomes) {
      if ('text' in outcome) messages.push(outcome);
      else if ('skip' in outcome) skipped.push({ customerId: outcome.customerId, reason: outcome.reason });
      else failed.push(outcome);
    }
    return { messages, skipped, failed, holdout };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/**
 * A signal per call, linked to the request's: the HTTP client leaves a listener on each signal it is
 * given, and thousands of calls on one shared signal would pile them up.
 */
async function writeWithOwnSignal(writer: MessageWriter, prompt: MessagePrompt, shared: AbortSignal, meter?: CallMeter): Promise<DraftMessage> {
  const own = new AbortController();
  const forward = () => own.abort(shared.reason);
  shared.addEventListener('abort', forward, { once: true });
  try {
    return await writer.write(prompt, own.signal, meter);
  } finally {
    shared.removeEventListener('abort', forward);
  }
}

/** Every check on the message as it will be sent (validateDraft measures SMS with their opt-out). */
function finalProblems(draft: DraftMessage, prompt: MessagePrompt): string[] {
  return validateDraft(draft, prompt);
}

/** The first sentence after the greeting line, cut at a word to 90 characters: what an inbox shows beside the subject. */
export function preheaderOf(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
  const body = paragraphs.length > 1 && paragraphs[0]!.length <= 40 ? paragraphs[1]! : (paragraphs[0] ?? '');
  const sentence = /^.*?[.!?…](?=\s|$)/su.exec(body)?.[0] ?? body;
  if (sentence.length <= 90) return sentence;
  const cut = sentence.slice(0, 89);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}

/** "A", "B" or "C", stable per customer. */
function variantOf(customerId: string, variants: number): string {
  return 'ABC'[messageVariant(`variant|${customerId}`) % variants]!;
}

function topDrivers(customer: CustomerForMessage): Message['drivers'] {
  return [...customer.drivers].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 3);
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof BudgetExceeded) return reason.message;
  return `the request was cancelled${reason instanceof Error && reason.message ? `: ${reason.message}` : ''}`;
}
