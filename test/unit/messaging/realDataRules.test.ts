import * as fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { buildMessagePrompt } from '../../../shared/messaging/buildMessagePrompt';
import { claimMarkers } from '../../../shared/messaging/claimMarkers';
import { EmbeddedWriter } from '../../../shared/messaging/EmbeddedWriter';
import { findUnsuppliedContent } from '../../../shared/messaging/findUnsuppliedContent';
import { measureSms } from '../../../shared/messaging/measureSms';
import { complianceFooter } from '../../../shared/messaging/messagePolicy';
import { messageRequestSchema } from '../../../shared/messaging/messageRequestSchema';
import type { Channel, CustomerForMessage, SegmentProfile } from '../../../shared/messaging/types';
import { writeMessages } from '../../../shared/messaging/writeMessages';
import { describeWithData, sharedDataPath } from '../../helpers/sharedData';

/**
 * The rules a brand needs, on the real telecom and «В один клик» data, 1,000 customers per language
 * and channel: no invented incentive, no column name or raw cell, every SMS within its part with its
 * opt-out, every e-mail with its unsubscribe line, and every "new", "loyal", "sorry" or "come back"
 * backed by the customer's own values (quartiles computed here from the raw file, independently).
 */
type Row = Record<string, string>;
const readCsv = (...parts: string[]) => parse(fs.readFileSync(sharedDataPath(...parts)), { columns: true, skip_empty_lines: true, bom: true }) as Row[];
const toValue = (v: string): string | number => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

const quartileCache = new Map<string, { q25: number; q50: number; q75: number }>();
function quartiles(rows: Row[], column: string): { q25: number; q50: number; q75: number } {
  const key = `${rows.length}|${column}`;
  const cached = quartileCache.get(key);
  if (cached) return cached;
  const q = quartilesOf(rows, column);
  quartileCache.set(key, q);
  return q;
}

function quartilesOf(rows: Row[], column: string): { q25: number; q50: number; q75: number } {
  const values = Float64Array.from(rows.map((r) => Number(r[column])).filter((v) => Number.isFinite(v) && String(v) !== '')).sort();
  const q = (p: number) => values[Math.min(values.length - 1, Math.floor(p * (values.length - 1)))]!;
  return { q25: q(0.25), q50: q(0.5), q75: q(0.75) };
}

interface Dataset {
  name: string;
  rows: Row[];
  id: string;
  consent: (row: Row) => boolean;
  segments: SegmentProfile[];
  segmentOf: (row: Row) => number;
  /** Columns whose values are plain words of the data a message in the data's own language may name. */
  nameable: string[];
  dataLanguage: string;
  /** Per claim: columns and sides that back it, as read from the raw file. */
  evidence: Record<'new' | 'loyal' | 'sorry' | 'come back', [string, 'high' | 'low'][]>;
}

const languages = ['en', 'es', 'ru', 'pt'] as const;
const channels: Channel[] = ['sms', 'push', 'email'];

function customersOf(d: Dataset): CustomerForMessage[] {
  // Every customer of the run: claims are judged against the whole run's distributions.
  return d.rows.map((row) => {
    const segment = d.segmentOf(row);
    return {
      customerId: row[d.id]!,
      segment,
      segmentName: d.segments[segment]!.name,
      churnProbability: segment === 0 ? 0.7 : 0.2,
      drivers: d.segments[segment]!.distinguishing.map((t) => ({ feature: t.feature, contribution: t.z / 10 })),
      attributes: Object.fromEntries(Object.entries(row).filter(([k]) => k !== d.id).map(([k, v]) => [k, toValue(v)])),
      consent: d.consent(row),
    };
  });
}

function backed(d: Dataset, row: Row, claim: keyof Dataset['evidence']): boolean {
  return d.evidence[claim].some(([column, side]) => {
    const v = Number(row[column]);
    if (!Number.isFinite(v) || row[column]!.trim() === '') return false;
    const q = quartiles(d.rows, column);
    return side === 'high' ? v >= q.q75 && v > q.q50 && v > 0 : v <= q.q25 && v < q.q50;
  });
}

describeWithData('message rules on the real datasets', () => {
  const telcoRows = readCsv('telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv');
  const marketRows = readCsv('one-click-market', 'market_file.csv');
  const datasets: Dataset[] = [
    {
      name: 'telco',
      rows: telcoRows,
      id: 'customerID',
      // No consent column in this file: as a manifest's "consent": "all" would declare.
      consent: () => true,
      segments: [
        { segment: 0, name: 'Month-to-month at risk', size: 0, share: 0.4, centroid: {}, distinguishing: [{ feature: 'Contract=Month-to-month', z: 1.4 }, { feature: 'Tenure', z: -1.0 }, { feature: 'gender=Female', z: 0.3 }, { feature: 'SeniorCitizen', z: 0.5 }], meanChurnProbability: 0.45, priority: 1, suggestedAction: 'Offer a retention discount and an annual contract upgrade' },
        { segment: 1, name: 'Loyal long-term', size: 0, share: 0.6, centroid: {}, distinguishing: [{ feature: 'Tenure', z: 1.2 }, { feature: 'Partner=Yes', z: 0.6 }, { feature: 'TotalCharges', z: 1.1 }], meanChurnProbability: 0.1, priority: 2, suggestedAction: 'Reward loyalty with VIP perks' },
      ],
      segmentOf: (row) => (row.Contract === 'Month-to-month' ? 0 : 1),
      nameable: [],
      dataLanguage: 'en',
      evidence: { new: [['Tenure', 'low']], loyal: [['Tenure', 'high'], ['MonthlyCharges', 'high'], ['TotalCharges', 'high']], sorry: [], 'come back': [] },
    },
    {
      name: 'one-click-market',
      rows: marketRows,
      id: 'id',
      consent: (row) => row['Разрешить сообщать'] === 'да',
      segments: [
        { segment: 0, name: 'Снижение активности', size: 0, share: 0.38, centroid: {}, distinguishing: [{ feature: 'Страниц_за_визит', z: -1.1 }, { feature: 'Неоплаченные_продукты_штук_квартал', z: 0.9 }, { feature: 'Ошибка_сервиса', z: 0.4 }], meanChurnProbability: 0.7, priority: 1, suggestedAction: 'Напомнить о товарах в корзине и дать скидку' },
        { segment: 1, name: 'Лояльные', size: 0, share: 0.62, centroid: {}, distinguishing: [{ feature: 'Длительность', z: 0.8 }, { feature: 'Маркет_актив_6_мес', z: 0.5 }], meanChurnProbability: 0.15, priority: 2, suggestedAction: 'Бонусы за лояльность' },
      ],
      segmentOf: (row) => (row['Покупательская активность'] === 'Снизилась' ? 0 : 1),
      nameable: ['Популярная_категория'],
      dataLanguage: 'ru',
      evidence: { new: [['Длительность', 'low']], loyal: [['Длительность', 'high']], sorry: [['Ошибка_сервиса', 'high']], 'come back': [] },
    },
  ];

  describe.each(datasets.map((d) => [d.name, d] as const))('%s', (_name, d) => {
    const customers = customersOf(d);
    const rowsById = new Map(d.rows.map((r) => [r[d.id]!, r]));
    const columns = Object.keys(d.rows[0]!).filter((c) => c !== d.id);
    // Cell text that must never be echoed: every string value of six characters or more, bar the nameable ones.
    const cells = new Set<string>();
    for (const row of d.rows.slice(0, 1000)) {
      for (const [k, v] of Object.entries(row)) if (k !== d.id && !d.nameable.includes(k) && v.trim().length >= 6 && !Number.isFinite(Number(v))) cells.add(v.trim().toLowerCase());
    }

    test.each(languages.flatMap((l) => channels.map((c) => [l, c] as const)))('%s %s: 1,000 customers, every rule held', async (language, channel) => {
      const result = await writeMessages({
        request: messageRequestSchema.parse({ dataset: d.name, customerIds: customers.slice(0, 1000).map((c) => c.customerId), channel, language }),
        customers,
        segments: d.segments,
        writer: new EmbeddedWriter(),
        concurrency: 8,
        language: d.dataLanguage,
      });
      expect(result.failed).toEqual([]);
      expect(result.messages.length + result.skipped.length).toBe(1000);
      expect(result.messages.length).toBeGreaterThan(500);
      const footer = complianceFooter(channel, language);
      for (const m of result.messages) {
        const whole = `${m.subject ?? ''}\n${m.text}`;
        const lower = whole.toLowerCase();
        expect([m.customerId, findUnsuppliedContent(whole)]).toEqual([m.customerId, []]);
        for (const column of columns) if (column.length >= 5) expect([m.customerId, lower.includes(column.toLowerCase()) ? column : '']).toEqual([m.customerId, '']);
        for (const cell of cells) if (lower.includes(cell)) throw new Error(`${m.customerId}: echoes the cell "${cell}": ${m.text}`);
        if (language !== d.dataLanguage) for (const column of d.nameable) expect(lower).not.toContain(String(rowsById.get(m.customerId)![column]).toLowerCase());
        if (channel === 'sms') {
          const measured = measureSms(m.text);
          expect([m.encoding, m.parts]).toEqual([measured.encoding, measured.parts]);
          expect(m.parts).toBe(1);
          expect(m.text.endsWith(footer)).toBe(true);
        }
        if (channel === 'email') expect(m.text.endsWith(footer)).toBe(true);
        for (const marker of claimMarkers) {
          if (!marker.pattern.test(whole)) continue;
          if (!backed(d, rowsById.get(m.customerId)!, marker.claim)) throw new Error(`${m.customerId}: "${marker.claim}" is not backed by the customer's values: ${m.text}`);
        }
      }
      // Sensitive attributes never reach a prompt, by name or as a driver.
      if (d.name === 'telco' && channel === 'sms' && language === 'en') {
        for (const c of customers.slice(0, 50)) {
          const prompt = buildMessagePrompt({ customer: c, segment: d.segments[c.segment]!, channel, language, tone: 'friendly', goal: 'retain' });
          expect(prompt.user).not.toMatch(/gender|SeniorCitizen|Partner|Dependents|Female|Male/);
        }
      }
    });
  });
});
