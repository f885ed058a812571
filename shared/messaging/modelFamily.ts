/**
 * Chat models (gpt-4o, gpt-4.1) and reasoning models (the o-series, gpt-5 and later) take different
 * request parameters: reasoning models refuse `temperature`, `top_p` and `max_tokens`, and count their
 * hidden reasoning against `max_completion_tokens`. The family decides which parameters a request carries.
 */
export type ModelFamily = 'chat' | 'reasoning';

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';

/** Parameters a request carries besides the messages and the response format. */
export type FamilyParameters =
  | { temperature: number; max_tokens: number }
  | { max_completion_tokens: number; reasoning_effort?: ReasoningEffort };

/**
 * The family of a model name (`gpt-5.4-mini`, `o4-mini`, `gpt-4.1-mini`), or of a deployment named
 * after its model. Names of other shapes count as chat models: their parameters are the older, wider set,
 * and a refusal switches the writer over (see AzureOpenAIWriter).
 */
export function modelFamilyOf(modelName: string | undefined): ModelFamily {
  const name = (modelName ?? '').trim().toLowerCase();
  if (/^o\d/.test(name)) return 'reasoning';
  // Azure spells GPT-3.5 "gpt-35"; every other name carries its major version before any dot.
  if (name.startsWith('gpt-35')) return 'chat';
  const gpt = /^gpt-(\d+)/.exec(name);
  if (gpt && Number(gpt[1]) >= 5) return 'reasoning';
  return 'chat';
}

/** A short marketing message needs a few hundred tokens; reasoning models also spend tokens thinking first. */
const chatMaxTokens = 800;
const reasoningMaxCompletionTokens = 4000;

export function familyParameters(family: ModelFamily, options: { temperature: number; reasoningEffort?: ReasoningEffort }): FamilyParameters {
  if (family === 'reasoning') {
    return {
      max_completion_tokens: reasoningMaxCompletionTokens,
      ...(options.reasoningEffort ? { reasoning_effort: options.reasoningEffort } : {}),
    };
  }
  return { temperature: options.temperature, max_tokens: chatMaxTokens };
}

/**
 * Whether a 400 from the service says the request used chat-model parameters on a reasoning model
 * ("Unsupported parameter: 'max_tokens'…", "Unsupported value: 'temperature' does not support 0.7…").
 */
export function refusesChatParameters(status: number | undefined, param: string | null | undefined, message: string): boolean {
  if (status !== 400) return false;
  const text = `${param ?? ''} ${message}`;
  return /unsupported (parameter|value)/i.test(message) && /\b(temperature|max_tokens|top_p)\b/.test(text);
}
