import { AzureOpenAIWriter, type AzureOpenAIWriterConfig } from '../../shared/messaging/AzureOpenAIWriter';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../tools/fakes/fakeOpenAI';

/**
 * A local chat-completions server per test, closed after each one, and writers pointed at it with
 * the suite's own defaults (a test's overrides on top).
 */
export function fakeOpenAIEachTest(apiKey: string, defaults: Omit<AzureOpenAIWriterConfig, 'endpoint' | 'deployment' | 'apiKey'>) {
  let fake: FakeOpenAI | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  return {
    start: async (options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> => {
      fake = await startFakeOpenAI({ apiKey, ...options });
      return fake;
    },
    writerFor: (server: FakeOpenAI, overrides: Partial<AzureOpenAIWriterConfig> = {}): AzureOpenAIWriter =>
      new AzureOpenAIWriter({ endpoint: server.endpoint, deployment: server.deployment, apiKey, ...defaults, ...overrides }),
  };
}
