/*
 * The model path of message writing: request shape per model family, retries with Retry-After, the
 * shared concurrency and call budget, feedback retries and usage. Kept whole: it is one conversation
 * with the chat-completions endpoint, and its retry and budget rules must be read together.
 */
import { DefaultAzureCredential, getBearerTokenProvider, type TokenCredential } from '@azure/identity';
import type {} from '@azure/openai/types';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, AzureOpenAI } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { MessagePrompt } from './buildMessagePrompt';
import { MessageWriteError } from './MessageWriteError';
import { CallMeter, ModelCallGovernor } from './ModelCallGovernor';
import type { MessageWriter } from './MessageWriter';
import { familyParameters, modelFamilyOf, refusesChatParameters, type ModelFamily, type ReasoningEffort } from './modelFamily';
import { parseRetryAfter, retryWithBackoff } from './retryWithBackoff';
import type { Channel, DraftMessage } from './types';
import { validateDraft } from './validateDraft';

export interface AzureOpenAIWriterConfig {
  /** e.g. https://my-resource.openai.azure.com */
  endpoint: string;
  deployment: string;
  apiVersion: string;
  /** Without a key, Entra ID (managed identity on Azure) through `credential`. */
  apiKey?: string;
  /** Defaults to DefaultAzureCredential when no key is set. */
  credential?: TokenCredential;
  /** Per HTTP call. */
  timeoutMs: number;
  /** Retries of one call after 429, 5xx, timeouts and connection errors. */
  maxRetries: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Chat models only; reasoning models accept no temperature. */
  temperature?: number;
  /** The deployed model's name (e.g. gpt-5.4-mini); its family decides the request parameters. Defaults to the deployment name. */
  model?: string;
  /** Reasoning models only: how much they think before answering. Unset: the model's own default. */
  reasoningEffort?: ReasoningEffort;
  /** "json_schema" (structured outputs) unless the deployment's model only knows "json_object". */
  responseFormat?: 'json_schema' | 'json_object';
  /**
   * Most completion tokens per message, by channel: `max_tokens` for chat models; for reasoning models
   * `max_completion_tokens`, which also pays for their thinking, is this plus `reasoningTokens`.
   */
  maxTokens?: Partial<Record<Channel, number>>;
  /** Reasoning models: tokens allowed for thinking on top of the channel's maxTokens (default 3000). */
  reasoningTokens?: number;
  /** The longest Retry-After waited for; a longer one fails the call with the reason. */
  maxRetryAfterMs?: number;
  /** The host's shared gate (concurrency, daily budget, circuit breaker); one per writer when absent. */
  governor?: ModelCallGovernor;
}

/** The JSON a model must reply with. Strict structured outputs need every key present, hence nullable. */
export const draftReplySchema = z.object({
  subject: z.string().nullable(),
  /** Push only: the notification's title. */
  title: z.string().nullable(),
  text: z.string(),
});

const structuredReplyFormat = zodResponseFormat(draftReplySchema, 'marketing_message');
// JSON mode cannot enforce the shape: a reply without "title" is read as one without a title.
const readableReplySchema = draftReplySchema.extend({ title: z.string().nullable().optional() });

const cognitiveServicesScope = 'https://cognitiveservices.azure.com/.default';

/**
 * Writes messages with a chat model deployed on Azure OpenAI, through the openai package's
 * AzureOpenAI client. Retries are ours (the SDK's are switched off) so that Retry-After, the
 * request's budget and the one retry with feedback on an unusable reply are under one roof.
 * (Near 290 lines with its error helpers: one client's whole conversation with the service, kept
 * together so its retry, budget and fallback rules can be read as one.)
 */
export class AzureOpenAIWriter implements MessageWriter {
  readonly name = 'azure-openai';
  private readonly client: AzureOpenAI;
  private readonly config: Required<Omit<AzureOpenAIWriterConfig, 'apiKey' | 'credential' | 'model' | 'reasoningEffort' | 'maxTokens' | 'reasoningTokens' | 'maxRetryAfterMs' | 'governor'>>;
  private readonly maxTokens: Partial<Record<Channel, number>>;
  private readonly reasoningTokens: number;
  private readonly maxRetryAfterMs: number;
  private readonly governor: ModelCallGovernor;
  private readonly reasoningEffort: ReasoningEffort | undefined;
  private responseFormat: 'json_schema' | 'json_object';
  /** Starts from the model's name; a deployment that refuses chat parameters moves it to 'reasoning'. */
  private family: ModelFamily;

  constructor(config: AzureOpenAIWriterConfig) {
    this.config = {
      endpoint: config.endpoint,
      deployment: config.deployment,
      apiVersion: config.apiVersion,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      retryBaseMs: config.retryBaseMs ?? 500,
      retryMaxMs: config.retryMaxMs ?? 20_000,
      temperature: config.temperature ?? 0.7,
      responseFormat: config.responseFormat ?? 'json_schema',
    };
    this.responseFormat = this.config.responseFormat;
    this.maxTokens = config.maxTokens ?? {};
    this.reasoningTokens = config.reasoningTokens ?? 3000;
    this.maxRetryAfterMs = config.maxRetryAfterMs ?? 60_000;
    // Without a shared gate the caller's own concurrency is the only limit.
    this.governor = config.governor ?? new ModelCallGovernor({ concurrency: Number.POSITIVE_INFINITY, dailyBudget: Number.POSITIVE_INFINITY, circuitFailures: 8 });
    this.reasoningEffort = config.reasoningEffort;
    this.family = modelFamilyOf(config.model ?? config.deployment);
    // baseURL (not endpoint) and explicit credentials keep OPENAI_BASE_URL / AZURE_OPENAI_API_KEY from the environment out of it.
    const baseURL = `${config.endpoint.replace(/\/+$/, '')}/openai`;
    const auth = config.apiKey
      ? { apiKey: config.apiKey }
      : { apiKey: '', azureADTokenProvider: tokenProvider(config.credential) };
    this.client = new AzureOpenAI({
      baseURL,
      deployment: config.deployment,
      apiVersion: config.apiVersion,
      ...auth,
      maxRetries: 0,
      timeout: config.timeoutMs,
    });
  }

  async write(prompt: MessagePrompt, signal?: AbortSignal, meter?: CallMeter): Promise<DraftMessage> {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: prompt.system },
      { role: 'user', content: prompt.user },
    ];
    let problems: string[] = [];
    // One retry with feedback: the model sees its own reply and what was wrong with it.
    for (let round = 0; round < 2; round++) {
      const content = await this.complete(messages, prompt.channel, signal, meter);
      const { draft, problems: found } = this.check(content, prompt);
      if (draft && found.length === 0) return draft;
      problems = found;
      messages.push(
        { role: 'assistant', content: content.slice(0, 4000) },
        {
          role: 'user',
          content: `That reply cannot be used: ${problems.join('; ')}. Reply again with JSON only, following every rule.`,
        },
      );
    }
    throw new MessageWriteError(`the model's reply was not usable after a retry with feedback: ${problems.join('; ')}`);
  }

  private check(content: string, prompt: MessagePrompt): { draft?: DraftMessage; problems: string[] } {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      return { problems: ['the reply is not valid JSON'] };
    }
    const parsed = readableReplySchema.safeParse(json);
    if (!parsed.success) return { problems: ['the reply must be an object {"subject": string or null, "title": string or null, "text": string}'] };
    const draft: DraftMessage = {
      text: parsed.data.text.trim(),
      language: prompt.language,
      ...(prompt.channel === 'email' && parsed.data.subject ? { subject: parsed.data.subject.trim() } : {}),
      ...(prompt.channel === 'push' && parsed.data.title ? { title: parsed.data.title.trim() } : {}),
    };
    return { draft, problems: validateDraft(draft, prompt) };
  }

  /** One chat completion, retried on rate limits and transient failures. */
  private async complete(messages: ChatCompletionMessageParam[], channel: Channel, signal?: AbortSignal, meter?: CallMeter): Promise<string> {
    const call = async (): Promise<string> => {
      const family = this.family;
      const parameters = familyParameters(family, { temperature: this.config.temperature, reasoningEffort: this.reasoningEffort });
      const channelMax = this.maxTokens[channel];
      if (channelMax !== undefined) {
        if ('max_tokens' in parameters) parameters.max_tokens = channelMax;
        else parameters.max_completion_tokens = channelMax + this.reasoningTokens;
      }
      const body: ChatCompletionCreateParamsNonStreaming = {
        model: this.config.deployment,
        messages,
        ...parameters,
        response_format: this.responseFormat === 'json_schema' ? structuredReplyFormat : { type: 'json_object' },
      };
      try {
        const completion = await this.governor.call(
          meter,
          () => withCallSignal(signal, (callSignal) => this.client.chat.completions.create(body, { signal: callSignal, timeout: this.config.timeoutMs })),
          (c) => ({ prompt: c.usage?.prompt_tokens ?? 0, completion: c.usage?.completion_tokens ?? 0 }),
        );
        const choice = completion.choices[0];
        if (!choice) throw new MessageWriteError('the model returned no choices');
        if (choice.finish_reason === 'content_filter') {
          throw new MessageWriteError('the reply was blocked by the Azure OpenAI content filter');
        }
        if (choice.finish_reason === 'length' && !choice.message.content) {
          // A reasoning model that spent its whole max_completion_tokens thinking returns nothing to read.
          throw new MessageWriteError('the model used its whole token budget before writing a reply; lower AZURE_OPENAI_REASONING_EFFORT');
        }
        return choice.message.content ?? '';
      } catch (error) {
        if (family === 'chat' && error instanceof APIError && refusesChatParameters(error.status, error.param, error.message)) {
          // A reasoning model behind a deployment whose name did not say so: its parameters from now on.
          this.family = 'reasoning';
          return call();
        }
        // Calls already in flight may have sent structured outputs too: each falls back on its own refusal.
        if (error instanceof APIError && error.status === 429) {
          const askedMs = parseRetryAfter(error.headers);
          // Waiting longer than allowed would hold the request; the customer fails with the reason instead.
          if (askedMs !== undefined && askedMs > this.maxRetryAfterMs) {
            throw new MessageWriteError(
              `Azure OpenAI asked to retry after ${Math.round(askedMs / 1000)} s, longer than the ${Math.round(this.maxRetryAfterMs / 1000)} s allowed (SEGMENTWISE_OPENAI_MAX_RETRY_AFTER_MS)`,
              { cause: error },
            );
          }
        }
        if (body.response_format === structuredReplyFormat && isUnsupportedResponseFormat(error)) {
          // Older model versions reject structured outputs; JSON mode plus our own validation still holds.
          this.responseFormat = 'json_object';
          return call();
        }
        throw error;
      }
    };
    try {
      return await retryWithBackoff(call, {
        maxRetries: this.config.maxRetries,
        baseDelayMs: this.config.retryBaseMs,
        maxDelayMs: this.config.retryMaxMs,
        isRetryable,
        // Retry-After is honoured as sent (never shortened), up to the allowed maximum checked above.
        retryAfterMs: (error) => (error instanceof APIError ? parseRetryAfter(error.headers) : undefined),
        maxRetryAfterMs: this.maxRetryAfterMs,
        signal,
      });
    } catch (error) {
      throw toWriteError(error, signal);
    }
  }
}

/**
 * Runs one HTTP call under its own signal that follows `outer`. The openai client leaves a listener
 * on every signal it is given; a signal per call lets those go with the call.
 */
async function withCallSignal<T>(outer: AbortSignal | undefined, call: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (!outer) return call(undefined);
  const own = new AbortController();
  const forward = () => own.abort(outer.reason);
  if (outer.aborted) forward();
  else outer.addEventListener('abort', forward, { once: true });
  try {
    return await call(own.signal);
  } finally {
    outer.removeEventListener('abort', forward);
  }
}

/** Entra ID: the managed identity on Azure, a developer's az login locally. */
function tokenProvider(credential: TokenCredential | undefined): () => Promise<string> {
  return getBearerTokenProvider(credential ?? new DefaultAzureCredential(), cognitiveServicesScope);
}

function isRetryable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true; // includes timeouts
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }
  return false;
}

function isUnsupportedResponseFormat(error: unknown): boolean {
  return error instanceof APIError && error.status === 400 && /response_format|json_schema/i.test(`${error.param ?? ''} ${error.message}`);
}

function toWriteError(error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason ?? error;
  if (error instanceof MessageWriteError) return error;
  if (error instanceof APIError) {
    const status = error.status;
    if (status === 401 || status === 403) {
      return new MessageWriteError(
        `Azure OpenAI refused the credentials (${status}); check AZURE_OPENAI_API_KEY or the identity's "Cognitive Services OpenAI User" role`,
        { fatal: true, cause: error },
      );
    }
    if (status === 404) {
      return new MessageWriteError(
        'Azure OpenAI found no such deployment (404); check AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_DEPLOYMENT and AZURE_OPENAI_API_VERSION',
        { fatal: true, cause: error },
      );
    }
    if (status === 400 && (error.code === 'content_filter' || /content.?filter|content management policy/i.test(error.message))) {
      return new MessageWriteError('the prompt was blocked by the Azure OpenAI content filter', { cause: error });
    }
    if (error instanceof APIConnectionError) {
      const what = error instanceof APIConnectionTimeoutError ? 'timed out' : 'could not be reached';
      return new MessageWriteError(`Azure OpenAI ${what} after retries`, { cause: error });
    }
    if (status === 429) return new MessageWriteError('Azure OpenAI kept rate-limiting (429) after retries', { cause: error });
    if (status !== undefined && status >= 500) {
      return new MessageWriteError(`Azure OpenAI kept failing (${status}) after retries`, { cause: error });
    }
    return new MessageWriteError(`Azure OpenAI rejected the request (${status ?? 'no status'}): ${error.message}`, { cause: error });
  }
  return error;
}
