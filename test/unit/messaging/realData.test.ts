import * as fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { buildMessagePrompt } from '../../../shared/messaging/buildMessagePrompt';
import { EmbeddedWriter } from '../../../shared/messaging/EmbeddedWriter';
import { messageRequestSchema } from '../../../shared/messaging/messageRequestSchema';
import type { CustomerForMessage, SegmentProfile } from '../../../shared/messaging/types';
import { writeMessages } from '../../../shared/messaging/writeMessages';
import { describeWithData, sharedDataPath } from '../../helpers/sharedData';

type Row = Record<string, string>;

function readCsv(...parts: string[]): Row[] {
  return parse(fs.readFileSync(sharedDataPath(...parts)), { columns: true, skip_empty_lines: true }) as Row[];
}

function toValue(v: string): string | number {
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : v;
}

// Hand-made segments in segments.json shape: the messaging code is tested here, not the clustering.
const oneClickSegments: SegmentProfile[] = [
  { segment: 0, name: 'Снижение активности', size: 0, share: 0.38, centroid: {}, distinguishing: [{ feature: 'Страниц_за_визит', z: -1.1 }, { feature: 'Неоплаченные_продукты_штук_квартал', z: 0.9 }], meanChurnProbability: 0.7, priority: 1, suggestedAction: 'Напомнить о товарах в корзине и дать скидку' },
  { segment: 1, name: 'Охотники за акциями', size: 0, share: 0.2, centroid: {}, distinguishing: [{ feature: 'Акционные_покупки', z: 2.0 }], meanChurnProbability: 0.4, priority: 2, suggestedAction: 'Промокод на любимую категорию' },
  { segment: 2, name: 'Лояльные', size: 0, share: 0.42, centroid: {}, distinguishing: [{ feature: 'Длительность', z: 0.8 }, { feature: 'Маркет_актив_6_мес', z: 0.5 }], meanChurnProbability: 0.15, priority: 3, suggestedAction: 'Бонусы за лояльность' },
];

describeWithData('messages on real datasets', () => {
  it('one-click market: respects «Разрешить сообщать» and writes Russian SMS for every other customer', async () => {
    const rows = readCsv('one-click-market', 'market_file.csv');
    expect(rows).toHaveLength(1300);
    const customers: CustomerForMessage[] = rows.map((row) => {
      const declined = row['Покупательская активность'] === 'Снизилась';
      const segment = declined ? 0 : Number(row['Акционные_покупки']) > 0.5 ? 1 : 2;
      return {
        customerId: row.id,
        segment,
        segmentName: oneClickSegments[segment].name,
        churnProbability: declined ? 0.7 : 0.2,
        drivers: [
          { feature: 'Страниц_за_визит', contribution: declined ? 0.12 : -0.08 },
          { feature: 'Акционные_покупки', contribution: Number(row['Акционные_покупки']) * 0.1 },
        ],
        attributes: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toValue(v)])),
        consent: row['Разрешить сообщать'] === 'да',
      };
    });
    const result = await writeMessages({
      request: messageRequestSchema.parse({ dataset: 'one-click-market', channel: 'sms', language: 'ru' }),
      customers,
      segments: oneClickSegments,
      writer: new EmbeddedWriter(),
      concurrency: 8,
    });
    expect(result.skipped).toHaveLength(338); // «нет» in the source
    expect(result.messages).toHaveLength(962);
    expect(result.failed).toEqual([]);
    for (const m of result.messages) {
      expect(m.text.length).toBeLessThanOrEqual(70);
      expect(m.text).toMatch(/[а-яё]/i);
      expect(m.text).not.toContain(m.customerId);
    }
    // Varied wording from each customer's own facts, not one template (one UCS-2 part holds one sentence).
    expect(new Set(result.messages.map((m) => m.text)).size).toBeGreaterThan(10);
    for (const m of result.messages) {
      expect(m.parts).toBe(1);
      expect(m.encoding).toBe('UCS-2');
      expect(m.text).toMatch(/Отписка: СТОП$/);
    }

    // The prompt for a real row carries real columns but not the id or the consent column.
    const prompt = buildMessagePrompt({ customer: customers[0], segment: oneClickSegments[0], channel: 'sms', language: 'ru', tone: 'friendly', goal: 'retain' });
    expect(Object.keys(prompt.facts.customer.attributes)).toEqual(expect.arrayContaining(['Популярная_категория', 'Страниц_за_визит']));
    expect(prompt.user).not.toContain('"id"');
    expect(prompt.user).not.toContain('Разрешить сообщать');
    expect(prompt.facts.customer.preferredCategory).toBe('Товары для детей');
  });

  it('telco: keeps customerID out of prompts and writes English e-mails', async () => {
    const rows = readCsv('telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv').slice(0, 200);
    const segment: SegmentProfile = { segment: 0, name: 'Month-to-month at risk', size: 200, share: 1, centroid: {}, distinguishing: [{ feature: 'Contract=Month-to-month', z: 1.4 }, { feature: 'Tenure', z: -1.0 }], meanChurnProbability: 0.45, priority: 1, suggestedAction: 'Offer an annual contract upgrade' };
    const customers: CustomerForMessage[] = rows.map((row) => ({
      customerId: row.customerID,
      segment: 0,
      segmentName: segment.name,
      churnProbability: row.Churn === 'Yes' ? 0.7 : 0.2,
      drivers: [{ feature: `Contract=${row.Contract}`, contribution: row.Contract === 'Month-to-month' ? 0.2 : -0.2 }, { feature: 'Tenure', contribution: Number(row.Tenure) < 12 ? 0.1 : -0.1 }],
      attributes: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toValue(v)])),
      consent: true,
    }));
    const prompts = customers.map((c) => buildMessagePrompt({ customer: c, segment, channel: 'email', language: 'en', tone: 'friendly', goal: 'retain' }));
    for (const [i, p] of prompts.entries()) expect(p.user).not.toContain(customers[i].customerId);
    const result = await writeMessages({
      request: messageRequestSchema.parse({ dataset: 'telco-churn', channel: 'email' }),
      customers,
      segments: [segment],
      writer: new EmbeddedWriter(),
      concurrency: 4,
    });
    expect(result.messages).toHaveLength(200);
    expect(result.messages.filter((m) => /plan that could fit you/.test(m.text)).length).toBeGreaterThan(50);
  });
});
