import type { TokenCredential } from '@azure/identity';
import { AzureOpenAIWriter } from './AzureOpenAIWriter';
import type { CallLedger } from './CallLedger';
import { EmbeddedWriter } from './EmbeddedWriter';
import type { MessageWriter } from './MessageWriter';
import { ModelCallGovernor } from './ModelCallGovernor';
import type { ReasoningEffort } from './modelFamily';
import type { Channel } from './types';

/** Writer settings as plain values (mapped from AZURE_OPENAI_* and SEGMENTWISE_OPENAI_CONCURRENCY). */
export interface MessageWriterConfig {
  endpoint?: string;
  deployment?: string;
  apiKey?: string;
  apiVersion: string;
  /** The deployed model's name, for the request parameters of its family; defaults to the deployment name. */
  model?: string;
  reasoningEffort?: ReasoningEffort;
  /** Concurrent model calls per request; writeMessages takes it from here. */
  concurrency: number;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  credential?: TokenCredential;
  maxTokens?: Partial<Record<Channel, number>>;
  maxRetryAfterMs?: number;
  /** Reasoning models: completion tokens allowed for thinking, on top of the channel's `maxTokens`. */
  reasoningTokens?: number;
  /** Calls per UTC day, and consecutive failures that open the circuit. */
  dailyCallBudget?: number;
  circuitFailures?: number;
  circuitOpenMs?: number;
  /** Where the day's calls and the circuit's pause are kept (storage, so hosts share them); memory when absent. */
  ledger?: CallLedger;
}

export class WriterConfigError extends Error {
  override name = 'WriterConfigError';
}

/** Azure OpenAI when an endpoint is configured, else the embedded writer (the offline default). */
export function createWriter(config: MessageWriterConfig): MessageWriter {
  if (!config.endpoint) return new EmbeddedWriter();
  if (!config.deployment) {
    throw new WriterConfigError(
      'AZURE_OPENAI_ENDPOINT is set but AZURE_OPENAI_DEPLOYMENT is not: set the name of the chat model deployment, or clear the endpoint to use the embedded writer.',
    );
  }
  return new AzureOpenAIWriter({
    endpoint: config.endpoint,
    deployment: config.deployment,
    apiVersion: config.apiVersion,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    ...(config.model ? { model: config.model } : {}),
    ...(config.reasoningEffort ? { reasoningEffort: config.reasoningEffort } : {}),
    ...(config.credential ? { credential: config.credential } : {}),
    ...(config.retryBaseMs !== undefined ? { retryBaseMs: config.retryBaseMs } : {}),
    ...(config.retryMaxMs !== undefined ? { retryMaxMs: config.retryMaxMs } : {}),
    ...(config.maxTokens ? { maxTokens: config.maxTokens } : {}),
    ...(config.reasoningTokens !== undefined ? { reasoningTokens: config.reasoningTokens } : {}),
    ...(config.maxRetryAfterMs !== undefined ? { maxRetryAfterMs: config.maxRetryAfterMs } : {}),
    // One gate per writer, and the app keeps one writer per host: the concurrency limit is the host's.
    governor: new ModelCallGovernor({
      concurrency: config.concurrency,
      dailyBudget: config.dailyCallBudget ?? Number.POSITIVE_INFINITY,
      circuitFailures: config.circuitFailures ?? 8,
      ...(config.circuitOpenMs !== undefined ? { circuitOpenMs: config.circuitOpenMs } : {}),
      ...(config.ledger ? { ledger: config.ledger } : {}),
    }),
  });
}

/** The writer configuration from the app's settings (shared/config/settings.ts). */
export function writerConfigFromSettings(settings: {
  AZURE_OPENAI_ENDPOINT?: string;
  AZURE_OPENAI_DEPLOYMENT?: string;
  AZURE_OPENAI_API_KEY?: string;
  AZURE_OPENAI_API_VERSION: string;
  AZURE_OPENAI_MODEL?: string;
  AZURE_OPENAI_REASONING_EFFORT?: ReasoningEffort;
  SEGMENTWISE_OPENAI_CONCURRENCY: number;
  SEGMENTWISE_OPENAI_MAX_TOKENS_SMS?: number;
  SEGMENTWISE_OPENAI_MAX_TOKENS_PUSH?: number;
  SEGMENTWISE_OPENAI_MAX_TOKENS_EMAIL?: number;
  SEGMENTWISE_OPENAI_REASONING_TOKENS?: number;
  SEGMENTWISE_OPENAI_MAX_RETRY_AFTER_MS?: number;
  SEGMENTWISE_OPENAI_DAILY_CALL_BUDGET?: number;
  SEGMENTWISE_OPENAI_CIRCUIT_FAILURES?: number;
  SEGMENTWISE_OPENAI_CIRCUIT_OPEN_MS?: number;
}): MessageWriterConfig {
  return {
    ...(settings.AZURE_OPENAI_ENDPOINT ? { endpoint: settings.AZURE_OPENAI_ENDPOINT } : {}),
    ...(settings.AZURE_OPENAI_DEPLOYMENT ? { deployment: settings.AZURE_OPENAI_DEPLOYMENT } : {}),
    ...(settings.AZURE_OPENAI_API_KEY ? { apiKey: settings.AZURE_OPENAI_API_KEY } : {}),
    apiVersion: settings.AZURE_OPENAI_API_VERSION,
    ...(settings.AZURE_OPENAI_MODEL ? { model: settings.AZURE_OPENAI_MODEL } : {}),
    ...(settings.AZURE_OPENAI_REASONING_EFFORT ? { reasoningEffort: settings.AZURE_OPENAI_REASONING_EFFORT } : {}),
    concurrency: settings.SEGMENTWISE_OPENAI_CONCURRENCY,
    maxTokens: {
      ...(settings.SEGMENTWISE_OPENAI_MAX_TOKENS_SMS ? { sms: settings.SEGMENTWISE_OPENAI_MAX_TOKENS_SMS } : {}),
      ...(settings.SEGMENTWISE_OPENAI_MAX_TOKENS_PUSH ? { push: settings.SEGMENTWISE_OPENAI_MAX_TOKENS_PUSH } : {}),
      ...(settings.SEGMENTWISE_OPENAI_MAX_TOKENS_EMAIL ? { email: settings.SEGMENTWISE_OPENAI_MAX_TOKENS_EMAIL } : {}),
    },
    ...(settings.SEGMENTWISE_OPENAI_REASONING_TOKENS !== undefined ? { reasoningTokens: settings.SEGMENTWISE_OPENAI_REASONING_TOKENS } : {}),
    ...(settings.SEGMENTWISE_OPENAI_MAX_RETRY_AFTER_MS ? { maxRetryAfterMs: settings.SEGMENTWISE_OPENAI_MAX_RETRY_AFTER_MS } : {}),
    ...(settings.SEGMENTWISE_OPENAI_DAILY_CALL_BUDGET ? { dailyCallBudget: settings.SEGMENTWISE_OPENAI_DAILY_CALL_BUDGET } : {}),
    ...(settings.SEGMENTWISE_OPENAI_CIRCUIT_FAILURES ? { circuitFailures: settings.SEGMENTWISE_OPENAI_CIRCUIT_FAILURES } : {}),
    ...(settings.SEGMENTWISE_OPENAI_CIRCUIT_OPEN_MS ? { circuitOpenMs: settings.SEGMENTWISE_OPENAI_CIRCUIT_OPEN_MS } : {}),
    timeoutMs: 30_000,
    maxRetries: 4,
  };
}
