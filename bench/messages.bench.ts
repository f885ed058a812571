/**
 * Personalized messages: throughput of the embedded writer (target ≥ 5,000 messages/s) and the
 * overhead per 1,000 messages of writing through AzureOpenAIWriter against a local endpoint that
 * answers at once (prompt building, the openai client, HTTP on loopback, validation).
 *
 *   npm run bench -- messages
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { AzureOpenAIWriter } from '../shared/messaging/AzureOpenAIWriter';
import { buildMessagePrompt, resolveGoal } from '../shared/messaging/buildMessagePrompt';
import { EmbeddedWriter } from '../shared/messaging/EmbeddedWriter';
import { messageRequestSchema } from '../shared/messaging/messageRequestSchema';
import { CallMeter, ModelCallGovernor } from '../shared/messaging/ModelCallGovernor';
import type { MessageWriter } from '../shared/messaging/MessageWriter';
import type { Channel, CustomerForMessage, SegmentProfile } from '../shared/messaging/types';
import { writeMessages } from '../shared/messaging/writeMessages';
import { messageAudience } from '../tools/datasets/messageAudience';
import { startFakeOpenAI, type FakeOpenAIOptions } from '../tools/fakes/fakeOpenAI';

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

const sharedData = process.env.SEGMENTWISE_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data');

/** The customers of a real dataset, every row as a customer of one run (claims are judged against all of them). */
function realCustomers(file: string, id: string, consent: (row: Record<string, string>) => boolean, k: number): CustomerForMessage[] {
  const rows = parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  return rows.map((row, i) => ({
    customerId: row[id]!,
    segment: i % k,
    segmentName: '',
    churnProbability: (i % 100) / 100,
    drivers: [],
    attributes: Object.fromEntries(Object.entries(row).filter(([c]) => c !== id).map(([c, v]) => [c, v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v])),
    consent: consent(row),
  }));
}

/** Distinct share, SMS parts and encodings, and model calls for 1,000 customers per language and channel on the real data. */
async function rulesOnRealData(embedded: EmbeddedWriter, segments: SegmentProfile[]): Promise<void> {
  if (!fs.existsSync(sharedData)) {
    console.log(`\n(real datasets skipped: ${sharedData} not found)`);
    return;
  }
  const datasets = [
    { name: 'telco', language: 'en', customers: realCustomers(path.join(sharedData, 'telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv'), 'customerID', () => true, segments.length) },
    { name: 'one-click', language: 'ru', customers: realCustomers(path.join(sharedData, 'one-click-market/market_file.csv'), 'id', (r) => r['Разрешить сообщать'] === 'да', segments.length) },
  ];
  console.log('\nRules on the real datasets, 1,000 customers per language and channel (embedded writer; 0 model calls):');
  console.log('  dataset    lang channel  written  distinct  SMS parts (1/2+)  encodings            failed');
  for (const d of datasets) {
    const ids = d.customers.slice(0, 1000).map((c) => c.customerId);
    for (const language of ['en', 'es', 'ru', 'pt']) {
      for (const [channel, maxParts] of [['sms', 1], ['sms', 2], ['push', 1], ['email', 1]] as [Channel, number][]) {
        const result = await writeMessages({
          request: messageRequestSchema.parse({ dataset: d.name, customerIds: ids, channel, language, maxParts }),
          customers: d.customers,
          segments,
          writer: embedded,
          concurrency: 8,
          language: d.language,
        });
        const texts = result.messages.map((m) => m.text);
        const distinct = texts.length ? new Set(texts).size / texts.length : 1;
        const onePart = result.messages.filter((m) => m.parts === 1).length;
        const encodings = channel === 'sms' ? ['GSM-7', 'UCS-2'].map((e) => `${e} ${result.messages.filter((m) => m.encoding === e).length}`).join(', ') : '-';
        console.log(
          `  ${d.name.padEnd(10)} ${language}   ${(channel === 'sms' ? `sms ≤${maxParts}` : channel).padEnd(7)} ${String(result.messages.length).padStart(7)}  ${distinct.toFixed(3).padStart(8)}  ` +
            `${(channel === 'sms' ? `${onePart}/${result.messages.length - onePart}` : '-').padStart(16)}  ${encodings.padEnd(20)} ${result.failed.length}`,
        );
      }
    }
  }
}

/** Distinct share, SMS parts and model calls for the generated 1,000-customer audience (the one the tests assert on). */
async function rulesOnGeneratedAudience(embedded: EmbeddedWriter): Promise<void> {
  const { customers, segments } = messageAudience(1000);
  console.log('\nGenerated audience (tools/datasets/messageAudience.ts), 1,000 customers per language and channel, embedded writer:');
  console.log('  lang channel  written  distinct  SMS parts (1/2+)  encodings            calls  failed');
  for (const language of ['en', 'es', 'ru', 'pt']) {
    for (const [channel, maxParts] of [['sms', 1], ['sms', 2], ['push', 1], ['email', 1]] as [Channel, number][]) {
      const meter = new CallMeter();
      const result = await writeMessages({
        request: messageRequestSchema.parse({ dataset: 'audience', channel, language, maxParts }),
        customers,
        segments,
        writer: embedded,
        concurrency: 8,
        meter,
      });
      const distinct = result.messages.length ? new Set(result.messages.map((m) => m.text)).size / result.messages.length : 1;
      const onePart = result.messages.filter((m) => m.parts === 1).length;
      const encodings = channel === 'sms' ? ['GSM-7', 'UCS-2'].map((e) => `${e} ${result.messages.filter((m) => m.encoding === e).length}`).join(', ') : '-';
      console.log(
        `  ${language}   ${(channel === 'sms' ? `sms ≤${maxParts}` : channel).padEnd(7)} ${String(result.messages.length).padStart(7)}  ${distinct.toFixed(3).padStart(8)}  ` +
          `${(channel === 'sms' ? `${onePart}/${result.messages.length - onePart}` : '-').padStart(16)}  ${encodings.padEnd(20)} ${String(meter.calls).padStart(5)}  ${result.failed.length}`,
      );
    }
  }
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

  await rulesOnGeneratedAudience(embedded);
  await rulesOnRealData(embedded, segments);

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
        // Throughput is measured here: the circuit breaker stays out of the way (its own test pins it).
        governor: new ModelCallGovernor({ concurrency: s.concurrency, dailyBudget: Number.POSITIVE_INFINITY, circuitFailures: 1_000_000 }),
        ...s.writer,
      });
      await timeWrite(writer, thousand.slice(0, 100), segments, 'sms', 'en', s.concurrency); // warm-up: connections, JIT
      const before = server.requests.length;
      const { seconds, result } = await timeWrite(writer, thousand, segments, 'sms', 'en', s.concurrency);
      const calls = server.requests.length - before;
      const distinct = new Set(result.messages.map((m) => m.text)).size / Math.max(1, result.messages.length);
      const msPer1000 = (seconds * 1000 * 1000) / thousand.length;
      console.log(
        `  ${s.label}: ${msPer1000.toFixed(0)} ms per 1,000 messages (${result.messages.length} written, ${result.failed.length} failed, ` +
          `${calls} HTTP calls, distinct share ${distinct.toFixed(3)}); ${(msPer1000 / (embeddedThousand.seconds * 1000)).toFixed(0)}× the embedded writer's ${(embeddedThousand.seconds * 1000).toFixed(0)} ms`,
      );
    } finally {
      await server.close();
    }
  }
}
