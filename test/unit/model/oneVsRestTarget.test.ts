import { bufferSource } from '../../../shared/ingest/fileSource';
import { IngestError } from '../../../shared/ingest/IngestError';
import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { parseManifest } from '../../../shared/ingest/parseManifest';
import { createRng } from '../../../shared/ml/createRng';
import { FeaturePipeline } from '../../../shared/model/FeaturePipeline';
import { predictOneVsRest } from '../../../shared/model/predictOneVsRest';
import { trainOneVsRest } from '../../../shared/model/trainOneVsRest';
import { tableColumns } from '../../../shared/features/tableColumns';
import { classColumnNames } from '../../../shared/results/classColumnNames';

const load = (text: string, manifest?: unknown) =>
  buildCustomerTable([bufferSource('plans.csv', Buffer.from(text))], manifest ? parseManifest(manifest) : undefined);

const plans = ['Basic', 'Premium', 'Enterprise'];

/** Each plan is told apart by its own feature (shifted up for that plan), the others add noise. */
function plansCsv(n: number, seed: number): { text: string; plan: string[] } {
  const rng = createRng(seed);
  const lines = ['customer_id,web_visits,support_calls,store_orders,spend_monthly,plan'];
  const plan: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = i % 3;
    plan.push(plans[p]!);
    const f = [0, 1, 2].map((j) => (j === p ? 2.2 : 0) + rng.normal());
    lines.push(`c${i},${f[0]!.toFixed(4)},${f[1]!.toFixed(4)},${f[2]!.toFixed(4)},${(50 + 10 * rng.normal()).toFixed(2)},${plans[p]}`);
  }
  return { text: lines.join('\n') + '\n', plan };
}

describe('a multi-class target with "multiclass": "one-vs-rest"', () => {
  const { text, plan } = plansCsv(1200, 5);

  test('is read as one model per class, and each class is learnt from its own feature', async () => {
    const { table, schema, quality } = await load(text, { target: 'plan', multiclass: 'one-vs-rest' });
    expect(schema.target).toMatchObject({ column: 'plan', oneVsRest: true, classes: ['Basic', 'Enterprise', 'Premium'] });
    expect(quality.roles!.target.positive).toBeUndefined();
    expect(quality.roles!.target.evidence).toMatch(/one model per class/);
    // Each feature separates its class well but not perfectly: none is taken for a leak.
    expect(schema.numeric).toEqual(expect.arrayContaining(['web_visits', 'support_calls', 'store_orders']));

    const pipeline = new FeaturePipeline({ numeric: schema.numeric, boolean: schema.boolean, categorical: schema.categorical });
    const { X, featureNames } = pipeline.fitTransform(tableColumns(table));
    const classOf = Array.from(table.columns.find((c) => c.name === 'plan')!.values as ArrayLike<unknown>, String);
    expect(classOf).toEqual(plan);
    const trained = await trainOneVsRest(X, classOf, schema.target!.classes, { seed: 0 });
    const ownFeature: Record<string, string> = { Basic: 'web_visits', Premium: 'support_calls', Enterprise: 'store_orders' };
    for (const t of trained) {
      expect(t.trained.metrics.rocAuc).toBeGreaterThan(0.9);
      expect(t.trained.metrics.positiveRate).toBeCloseTo(1 / 3, 10);
      // The strongest feature of each class's model is the one that carries that class.
      const strongest = t.trained.importance.indexOf(Math.max(...t.trained.importance));
      expect(featureNames[strongest]).toBe(ownFeature[t.class]);
    }

    // Normalised per row (as scikit-learn's OneVsRestClassifier): shares of one customer's class.
    const { probabilities, predicted } = predictOneVsRest(trained.map((t) => t.trained.model), X);
    let right = 0;
    for (let i = 0; i < X.rows; i++) {
      const row = probabilities.subarray(i * 3, i * 3 + 3);
      expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 12);
      for (const p of row) expect(p >= 0 && p <= 1).toBe(true);
      expect(row[predicted[i]!]).toBe(Math.max(...row));
      if (schema.target!.classes[predicted[i]!] === plan[i]) right++;
    }
    expect(right / X.rows).toBeGreaterThan(0.8);
  });

  test('without it the target is still a clear error that names both ways out', async () => {
    const named = await load(text, { target: 'plan' }).catch((e: unknown) => e);
    expect(named).toBeInstanceOf(IngestError);
    expect((named as IngestError).code).toBe('TARGET_MULTICLASS');
    expect((named as IngestError).hint).toMatch(/"positive"/);
    expect((named as IngestError).hint).toMatch(/"multiclass": "one-vs-rest"/);
  });

  test('"positive" still wins: that class against the rest, one model', async () => {
    const { schema } = await load(text, { target: 'plan', positive: 'Premium', multiclass: 'one-vs-rest' });
    expect(schema.target).toMatchObject({ column: 'plan', positive: 'Premium' });
    expect(schema.target!.oneVsRest).toBeUndefined();
  });

  test('a two-class target is unchanged by it', async () => {
    const lines = ['customer_id,visits,churned'];
    for (let i = 0; i < 90; i++) lines.push(`c${i},${i % 7},${i % 3 ? 'no' : 'yes'}`);
    const { schema } = await load(lines.join('\n') + '\n', { multiclass: 'one-vs-rest' });
    expect(schema.target).toMatchObject({ column: 'churned', positive: 'yes', classes: expect.arrayContaining(['yes', 'no']) });
    expect(schema.target!.oneVsRest).toBeUndefined();
  });

  test('more than ten classes is refused with what to do', async () => {
    const lines = ['customer_id,visits,tier'];
    for (let i = 0; i < 240; i++) lines.push(`c${i},${i % 7},t${i % 12}`);
    const err = await load(lines.join('\n') + '\n', { target: 'tier', multiclass: 'one-vs-rest' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('TARGET_MULTICLASS');
    expect((err as IngestError).message).toMatch(/12 classes/);
  });

  test('any other "multiclass" value is a manifest error', () => {
    expect(() => parseManifest({ target: 'plan', multiclass: 'softmax' })).toThrow();
  });
});

describe('probability column names', () => {
  test('snake_case, accents dropped, other alphabets kept, every class its own column', () => {
    expect(classColumnNames(['Basic plan', 'Débil', 'Снизилась', 'Gold', 'gold ', '???', '=1+1', 'A-B/C'])).toEqual([
      'probability_basic_plan',
      'probability_debil',
      'probability_снизилась',
      'probability_gold',
      'probability_gold_2',
      'probability_class_6',
      'probability_1_1',
      'probability_a_b_c',
    ]);
    expect(classColumnNames(['x'], ['probability_x'])).toEqual(['probability_x_2']);
  });
});
