import { customerAction } from '../../../shared/segments/customerAction';
import { displayLabel } from '../../../shared/segments/displayLabel';
import { nameSegment, type SegmentTraits } from '../../../shared/segments/nameSegment';
import { profileSegments } from '../../../shared/segments/profileSegments';
import { segmentAction } from '../../../shared/segments/segmentAction';
import { segmentLanguage, segmentLanguages } from '../../../shared/segments/segmentLanguage';
import { segmentVocabulary } from '../../../shared/segments/segmentVocabulary';

/** Risk, value and features combined as runs produce them, including flags, codes and unthemed columns. */
function grid(language: SegmentTraits['language'], goal: 'churn' | 'conversion' | 'neutral'): SegmentTraits[] {
  const features = [
    [],
    [{ feature: 'HasCrCard', z: 2.1 }, { feature: 'NumOfProducts', z: -1.4 }],
    [{ feature: 'Contract=Month-to-month', z: 1.1 }, { feature: 'tenure', z: -0.8 }],
    [{ feature: 'promo_share', z: 1.2 }, { feature: 'minutes_on_site', z: -0.9 }, { feature: 'days_since_last_order', z: 1.5 }],
  ];
  const out: SegmentTraits[] = [];
  for (const riskRatio of [undefined, 0.5, 1, 1.6])
    for (const valueZ of [undefined, -1, 0, 1])
      for (const distinguishing of features) out.push({ distinguishing, riskRatio, valueZ, outcome: { goal, target: 'Exited', positive: '1' }, language });
  return out;
}

describe('the language of names, actions and the report', () => {
  test('the manifest decides; else the column names; else English', () => {
    expect(segmentLanguage('pt-BR', ['Churn'])).toBe('pt');
    expect(segmentLanguage('RU', [])).toBe('ru');
    expect(segmentLanguage(undefined, ['Покупательская активность', 'Акционные_покупки', 'id'])).toBe('ru');
    expect(segmentLanguage(undefined, ['Número de compras', 'Días desde la última compra', 'Gasto del cliente'])).toBe('es');
    expect(segmentLanguage(undefined, ['customerID', 'MonthlyCharges', 'Churn'])).toBe('en');
    // A language we cannot write falls back to what the columns say.
    expect(segmentLanguage('de', ['customerID', 'tenure'])).toBe('en');
  });

  test('display labels: the manifest’s, else the column name in words', () => {
    expect(displayLabel('MonthlyCharges')).toBe('monthly charges');
    expect(displayLabel('days_since_last_order')).toBe('days since last order');
    expect(displayLabel('Страниц_за_визит')).toBe('страниц за визит');
    expect(displayLabel('SMS_opt_in')).toBe('SMS opt in');
    expect(displayLabel('Contract=Two year')).toBe('contract: Two year');
    expect(displayLabel('y', { y: 'Subscribed' })).toBe('Subscribed');
  });

  test.each(segmentLanguages)('%s: names and actions in the language, never a column name, a code or a flag', (language) => {
    const foreign = language === 'en' ? /[а-яё]/i : /\b(at risk|customers|buyers|spenders|engaged|lead with|Hypothesis)\b/i;
    for (const goal of ['churn', 'conversion', 'neutral'] as const) {
      for (const t of grid(language, goal)) {
        const name = nameSegment(t), action = segmentAction(t);
        for (const raw of ['HasCrCard', 'NumOfProducts', 'Contract', 'Month-to-month', 'promo_share', 'minutes_on_site', 'tenure', 'Exited', '= 1', 'Low ', 'High ']) {
          expect({ name, raw, found: name.includes(raw) }).toEqual({ name, raw, found: false });
        }
        expect({ name, foreign: foreign.test(name) }).toEqual({ name, foreign: false });
        expect({ action, foreign: foreign.test(action) }).toEqual({ action, foreign: false });
        if (language === 'ru') expect(name).toMatch(/[а-яё]/i);
      }
    }
  });

  test.each(segmentLanguages)('%s: an action says what, through which channel, when, and the effect as a hypothesis', (language) => {
    const parts = segmentVocabulary[language].actions.churn;
    const active = segmentAction({ distinguishing: [{ feature: 'minutes_on_site', z: 1.5 }], riskRatio: 1.6, valueZ: 1, language });
    expect(active.startsWith(parts.what.high + parts.incentive.high)).toBe(true);
    expect(active).toContain(parts.channel.active);
    expect(active).toContain(parts.focus.engagement);
    expect(active).toContain(parts.hypothesis.high);
    const lapsing = segmentAction({ distinguishing: [{ feature: 'days_since_last_order', z: 1.5 }], riskRatio: 0.5, valueZ: -1, language });
    expect(lapsing.startsWith(parts.what.low + parts.incentive.low)).toBe(true);
    expect(lapsing).toContain(parts.channel.inactive);
    expect(lapsing).toContain(parts.hypothesis.low);
  });
});

describe('segments of one run', () => {
  test('look-alike segments still get unique names and distinct actions', () => {
    // Four clusters that stand alike on risk and value; they differ only in columns further down.
    const k = 4, per = 5, featureNames = ['tenure', 'promo_share', 'minutes_on_site', 'orders_6m', 'HasCrCard'];
    const labels: number[] = [], data: number[] = [], risk: number[] = [];
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < per; i++) {
        labels.push(c);
        risk.push(0.5);
        data.push(10 + i, c === 1 ? 5 : 1, c === 2 ? 9 : 2, c === 3 ? 8 : 3, c % 2);
      }
    }
    const p = profileSegments({ labels, k, unscaled: { data: Float64Array.from(data), rows: k * per, cols: featureNames.length }, featureNames, risk });
    expect(new Set(p.map((s) => s.name)).size).toBe(k);
    expect(new Set(p.map((s) => s.suggestedAction)).size).toBe(k);
    for (const s of p) expect(s.name).not.toMatch(/HasCrCard|tenure|promo_share|minutes_on_site|orders_6m/);
    // Σ risk (no value column): each segment has 5 customers at 0.5.
    for (const s of p) expect(s.valueAtStake).toBeCloseTo(2.5, 9);
  });

  test('even identical segments get unique names and distinct actions', () => {
    const k = 6, featureNames = ['orders_6m'];
    const labels = Array.from({ length: k * 2 }, (_, i) => i % k);
    const p = profileSegments({ labels, k, unscaled: { data: Float64Array.from(labels, (_, i) => i % 2), rows: k * 2, cols: 1 }, featureNames, risk: labels.map(() => 0.3) });
    expect(new Set(p.map((s) => s.name)).size).toBe(k);
    expect(new Set(p.map((s) => s.suggestedAction)).size).toBe(k);
  });

  test('priority follows the value at stake: risk × value × size', () => {
    const featureNames = ['monthly_spend'];
    // Segment 0: 2 loyal customers, high value; segment 1: 4 risky customers, middling value.
    const p = profileSegments({
      labels: [0, 0, 1, 1, 1, 1], k: 2, featureNames,
      unscaled: { data: Float64Array.from([300, 320, 100, 110, 90, 100]), rows: 6, cols: 1 },
      risk: [0.05, 0.05, 0.6, 0.5, 0.7, 0.6], value: [300, 320, 100, 110, 90, 100],
    });
    expect(p[0]!.valueAtStake).toBeCloseTo(0.05 * 300 + 0.05 * 320, 6);
    expect(p[1]!.valueAtStake).toBeCloseTo(0.6 * 100 + 0.5 * 110 + 0.7 * 90 + 0.6 * 100, 6);
    expect(p[1]!.priority).toBe(1);
    expect(p[0]!.priority).toBe(2);
  });

  test('a customer gets the segment’s action led by their own strongest risk-raising driver', () => {
    const segment = { action: 'plain', actionsByDriver: { issues: 'fix the issue first', recency: 'remind them' } };
    expect(customerAction(segment, [{ feature: 'Complain', contribution: 0.3 }, { feature: 'DaySinceLastOrder', contribution: 0.5 }])).toBe('remind them');
    expect(customerAction(segment, [{ feature: 'Complain', contribution: 0.3 }, { feature: 'DaySinceLastOrder', contribution: -0.5 }])).toBe('fix the issue first');
    // A driver that lowers the score, or one without a theme, leaves the segment's own action.
    expect(customerAction(segment, [{ feature: 'DaySinceLastOrder', contribution: -0.2 }, { feature: 'CityTier', contribution: 0.4 }])).toBe('plain');
    expect(customerAction(undefined, [])).toBe('');
  });
});
