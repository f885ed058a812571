/**
 * Personalized messages: throughput of the embedded writer (target ≥ 5,000 messages/s) and the
 * overhead per 1,000 messages of writing through AzureOpenAIWriter against a local endpoint that
 * answers at once (prompt building, the openai client, HTTP on loopback, validation).
 *
 *   npm run bench -- messages
 */
import { AzureOpenAIWriter } from '../shared/messaging/AzureOpenAIWriter';
import { buildMessagePrompt, resolveGoal } from '../shared/messaging/buildMessagePrompt';
import { EmbeddedWriter } from '../shared/messaging/EmbeddedWriter';
import { messageRequestSchema } from '../shared/messaging/messageRequestSchema';
import type { MessageWriter } from '../shared/messaging/MessageWriter';
import type { Channel, CustomerForMessage, SegmentProfile } from '../shared/messaging/types';
import { writeMessages } from '../shared/messaging/writeMessages';
import { startFakeOpenAI, type FakeOpenAIOptions } from '../test/helpers/fakeOpenAI';

const targetPerSecond = 5000;

const features = ['days_since_last_order', 'OrderCount', 'Tenure', 'Акционные_покупки', 'Complain', 'SatisfactionScore', 'MonthlyCharges', 'Страниц_за_визит'];

function makeSegments(k: number): SegmentProfile[] {
  return Array.from({ length: k }, (_, s) => ({
    segment: s,
    name: ['High-value at risk', 'New customers', 'Bargain hunters', 'Unhappy regulars', 'Loyal', 'Dormant'][s % 6],
    size: 1000,
    share: 1 / k,
    centroid: {},
    distinguishing: [
      { feature: features[s % features.length], z: s % 2 === 0 ? 1.6 : -1.3 },
      { feature: features[(s + 3) % features.length], z: 0.9 },
    ],
    meanChurnProbability: 0.3,
    priority: s + 1,
    suggestedAction: ['Offer a loyalty discount', 'Welcome series', 'Send promo codes', 'Call them and fix service issues', 'Upgrade to annual plan', 'Win back with a reminder'][s % 6],
  }));
}

function makeCustomers(n: number, k: number): CustomerForMessage[] {
  return Array.from({ length: n }, (_, i) => ({
    customerId: `C${1_000_000 + i}`,
    segment: i % k,
    segmentName: '',
    churnProbability: (i % 100) / 100,
    drivers: [
      { feature: features[i % features.length], contribution: ((i % 7) - 3) / 20 },
      { feature: features[(i + 2) % features.length], contribution: 0.05 },
      { feature: features[(i + 5) % features.length], contribution: -0.03 },
    ],
    attributes: {
      customerID: `C${1_000_000 + i}`,
      first_name: `Name${i}`,
      email: `user${i}@example.com`,
      Tenure: i % 72,
      MonthlyCharges: 20 + (i % 100),
      Contract: i % 3 === 0 ? 'Month-to-month' : 'One year',
      PreferedOrderCat: ['Laptop & Accessory', 'Mobile Phone', 'Fashion', 'Grocery'][i % 4],
      SatisfactionScore: 1 + (i % 5),
    },
    consent: i % 10 !== 0,
  }));
}

async function timeWrite(writer: MessageWriter, customers: CustomerForMessage[], segments: SegmentProfile[], channel: Channel, language: string, concurrency: number) {
  const started = process.hrtime.bigint();
  const result = await writeMessages({
    request: messageRequestSchema.parse({ dataset: 'bench', channel, language }),
    customers,
    segments,
    writer,
    concurrency,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, result };
}

export async function main(): Promise<void> {
  const segments = makeSegments(6);
  const embedded = new EmbeddedWriter();

  // Warm up the JIT on every path before measuring.
  for (const channel of ['email', 'sms', 'push'] as Channel[]) await timeWrite(embedded, makeCustomers(2000, 6), segments, channel, 'en', 8);

  console.log('Embedded writer, writeMessages end to end (selection, offers, prompt, compose, checks):');
  const n = 50_000;
  const customers = makeCustomers(n, 6);
  for (const [channel, language] of [['sms', 'en'], ['push', 'ru'], ['email', 'es'], ['email', 'pt']] as [Channel, string][]) {
    const { seconds, result } = await timeWrite(embedded, customers, segments, channel, language, 8);
    const rate = result.messages.length / seconds;
    console.log(
      `  ${channel.padEnd(5)} ${language}: ${result.messages.length} messages (${result.skipped.length} skipped) in ${seconds.toFixed(2)} s = ` +
        `${Math.round(rate).toLocaleString('en')} messages/s (${(rate / targetPerSecond).toFixed(2)}× the ${targetPerSecond.toLocaleString('en')}/s target)`,
    );
  }

  // The two halves on their own, to see where the time goes.
  const sample = customers.slice(0, 20_000);
  let t = process.hrtime.bigint();
  const prompts = sample.map((c) =>
    buildMessagePrompt({ customer: c, segment: segments[c.segment], channel: 'sms', language: 'en', tone: 'friendly', goal: resolveGoal(c, undefined) }),
  );
  const promptUs = Number(process.hrtime.bigint() - t) / 1e3 / sample.length;
  t = process.hrtime.bigint();
  for (const p of prompts) embedded.compose(p);
  const composeUs = Number(process.hrtime.bigint() - t) / 1e3 / sample.length;
  console.log(`  per message: buildMessagePrompt ${promptUs.toFixed(1)} µs, EmbeddedWriter.compose ${composeUs.toFixed(1)} µs`);

  console.log('\nAzureOpenAIWriter against the local fake endpoint (loopback HTTP, replies at once):');
  const thousand = makeCustomers(1200, 6).filter((c) => c.consent).slice(0, 1000);
  const embeddedThousand = await timeWrite(embedded, thousand, segments, 'sms', 'en', 4);
  const scenarios: { label: string; concurrency: number; options: FakeOpenAIOptions; writer?: Partial<ConstructorParameters<typeof AzureOpenAIWriter>[0]> }[] = [
    { label: 'concurrency 4', concurrency: 4, options: {} },
    { label: 'concurrency 16', concurrency: 16, options: {} },
    { label: 'concurrency 16, 20 ms model latency', concurrency: 16, options: { latencyMs: 20 } },
    {
      label: 'concurrency 16, 30 % faults (429 Retry-After 0 s, 500, 300 ms hangs vs 150 ms timeout)',
      concurrency: 16,
      options: { faultRate: 0.3, seed: 11, retryAfterSeconds: 0, hangMs: 300 },
      writer: { timeoutMs: 150, retryBaseMs: 10, retryMaxMs: 200 },
    },
  ];
  for (const s of scenarios) {
    const server = await startFakeOpenAI({ apiKey: 'bench-key', ...s.options });
    try {
      const writer = new AzureOpenAIWriter({
        endpoint: server.endpoint,
        deployment: server.deployment,
        apiVersion: '2024-10-21',
        apiKey: 'bench-key',
        timeoutMs: 5000,
        maxRetries: 4,
        retryBaseMs: 20,
        retryMaxMs: 1000,
        ...s.writer,
      });
      await timeWrite(writer, thousand.slice(0, 100), segments, 'sms', 'en', s.concurrency); // warm-up: connections, JIT
      const before = server.requests.length;
      const { seconds, result } = await timeWrite(writer, thousand, segments, 'sms', 'en', s.concurrency);
      const calls = server.requests.length - before;
      const msPer1000 = (seconds * 1000 * 1000) / thousand.length;
      console.log(
        `  ${s.label}: ${msPer1000.toFixed(0)} ms per 1,000 messages (${result.messages.length} written, ${result.failed.length} failed, ` +
          `${calls} HTTP calls); ${(msPer1000 / (embeddedThousand.seconds * 1000)).toFixed(0)}× the embedded writer's ${(embeddedThousand.seconds * 1000).toFixed(0)} ms`,
      );
    } finally {
      await server.close();
    }
  }
}
