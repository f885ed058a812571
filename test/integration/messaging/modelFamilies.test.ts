import { AzureOpenAIWriter, type AzureOpenAIWriterConfig } from '../../../shared/messaging/AzureOpenAIWriter';
import { createWriter, writerConfigFromSettings } from '../../../shared/messaging/createWriter';
import { messageRequestSchema } from '../../../shared/messaging/messageRequestSchema';
import { familyParameters, modelFamilyOf, refusesChatParameters } from '../../../shared/messaging/modelFamily';
import { writeMessages } from '../../../shared/messaging/writeMessages';
import { readSettings } from '../../../shared/config/settings';
import type { FakeOpenAI } from '../../../tools/fakes/fakeOpenAI';
import { fakeOpenAIEachTest } from '../../helpers/fakeOpenAIEachTest';
import { makeCustomers, segments } from '../../unit/messaging/fixtures';

const apiKey = 'family-key';
const { start, writerFor } = fakeOpenAIEachTest(apiKey, { apiVersion: '2025-04-01-preview', timeoutMs: 2000, maxRetries: 1, retryBaseMs: 10 });

async function writeFor(server: FakeOpenAI, writer: AzureOpenAIWriter, n = 3) {
  return writeMessages({
    request: messageRequestSchema.parse({ dataset: 'demo', channel: 'email' }),
    customers: makeCustomers(n),
    segments,
    writer,
    concurrency: 1,
  });
}

describe('model families: which request parameters a model gets', () => {
  it('knows reasoning models by name and treats older and unknown names as chat models', () => {
    for (const name of ['gpt-5.4-mini', 'gpt-5-mini', 'GPT-5.1', 'gpt-5.5', 'o4-mini', 'o3', 'o1']) expect(`${name}: ${modelFamilyOf(name)}`).toBe(`${name}: reasoning`);
    for (const name of ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-35-turbo', 'my-deployment', '', undefined]) {
      expect(`${name}: ${modelFamilyOf(name)}`).toBe(`${name}: chat`);
    }
  });

  it('gives reasoning models max_completion_tokens and no temperature, chat models temperature and max_tokens', () => {
    expect(familyParameters('reasoning', { temperature: 0.7, reasoningEffort: 'low' })).toEqual({ max_completion_tokens: 4000, reasoning_effort: 'low' });
    expect(familyParameters('reasoning', { temperature: 0.7 })).toEqual({ max_completion_tokens: 4000 });
    expect(familyParameters('chat', { temperature: 0.7, reasoningEffort: 'low' })).toEqual({ temperature: 0.7, max_tokens: 800 });
  });

  it("recognizes the service's refusals of chat parameters, and nothing else", () => {
    expect(refusesChatParameters(400, 'temperature', "Unsupported value: 'temperature' does not support 0.7 with this model.")).toBe(true);
    expect(refusesChatParameters(400, 'max_tokens', "Unsupported parameter: 'max_tokens' is not supported with this model.")).toBe(true);
    expect(refusesChatParameters(400, 'response_format', "Invalid parameter: 'response_format' of type 'json_schema' is not supported.")).toBe(false);
    expect(refusesChatParameters(429, 'temperature', 'Unsupported value: temperature')).toBe(false);
  });

  it('the settings carry the model name and reasoning effort to the writer', () => {
    const settings = readSettings({ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'messages', AZURE_OPENAI_MODEL: 'gpt-5.4-mini' });
    expect(settings.AZURE_OPENAI_REASONING_EFFORT).toBe('low');
    const config = writerConfigFromSettings(settings);
    expect(config).toMatchObject({ deployment: 'messages', model: 'gpt-5.4-mini', reasoningEffort: 'low' });
    expect(() => readSettings({ AZURE_OPENAI_REASONING_EFFORT: 'extreme' })).toThrow(/AZURE_OPENAI_REASONING_EFFORT/);
  });
});

describe('AzureOpenAIWriter against a local chat-completions server of each family', () => {
  it('writes with a reasoning model: max_completion_tokens and reasoning_effort, never temperature or max_tokens', async () => {
    const server = await start({ family: 'reasoning', deployment: 'gpt-5.4-mini' });
    const result = await writeFor(server, writerFor(server, { reasoningEffort: 'low' }));
    expect(result.failed).toEqual([]);
    expect(result.messages).toHaveLength(3);
    expect(server.stats()['bad-request']).toBe(0);
    for (const request of server.requests) {
      expect(request.body).toMatchObject({ max_completion_tokens: 4000, reasoning_effort: 'low' });
      expect(request.body).not.toHaveProperty('temperature');
      expect(request.body).not.toHaveProperty('max_tokens');
    }
  });

  it('writes with a chat model: temperature and max_tokens, never reasoning_effort', async () => {
    const server = await start({ family: 'chat', deployment: 'gpt-4.1-mini' });
    const result = await writeFor(server, writerFor(server, { reasoningEffort: 'low' }));
    expect(result.messages).toHaveLength(3);
    expect(server.stats()['bad-request']).toBe(0);
    for (const request of server.requests) {
      expect(request.body).toMatchObject({ temperature: 0.7, max_tokens: 800 });
      expect(request.body).not.toHaveProperty('reasoning_effort');
      expect(request.body).not.toHaveProperty('max_completion_tokens');
    }
  });

  it('takes the family from the model setting when the deployment has another name', async () => {
    const server = await start({ family: 'reasoning', deployment: 'messages' });
    const writer = createWriter({ endpoint: server.endpoint, deployment: 'messages', model: 'gpt-5.4-mini', apiKey, apiVersion: '2025-04-01-preview', concurrency: 1, timeoutMs: 2000, maxRetries: 0 });
    const result = await writeMessages({ request: messageRequestSchema.parse({ dataset: 'demo', channel: 'sms' }), customers: makeCustomers(2), segments, writer, concurrency: 1 });
    expect(result.messages).toHaveLength(2);
    expect(server.stats()['bad-request']).toBe(0);
  });

  it('switches to reasoning parameters once when a deployment of unknown model refuses temperature', async () => {
    const server = await start({ family: 'reasoning', deployment: 'marketing-writer' });
    const result = await writeFor(server, writerFor(server));
    expect(result.messages).toHaveLength(3);
    // One refusal, then every call in the reasoning shape.
    expect(server.stats()['bad-request']).toBe(1);
    const [first, ...rest] = server.requests;
    expect(first!.body).toHaveProperty('temperature', 0.7);
    for (const request of rest) expect(request.body).toMatchObject({ max_completion_tokens: 4000 });
  });

  it('says so when a reasoning model spends its whole budget thinking', async () => {
    const server = await start({ family: 'reasoning', deployment: 'gpt-5.4-mini', reasoningTokens: 5000 });
    const result = await writeFor(server, writerFor(server), 1);
    expect(result.messages).toEqual([]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.reason).toMatch(/whole token budget/);
    expect(server.stats().length).toBeGreaterThan(0);
  });

  it('keeps the behaviour of a server without a family: any parameters accepted', async () => {
    const server = await start({});
    const result = await writeFor(server, writerFor(server, { model: 'gpt-5.4-mini' }), 1);
    expect(result.messages).toHaveLength(1);
    expect(server.requests[0]!.body).toMatchObject({ max_completion_tokens: 4000 });
  });
});
