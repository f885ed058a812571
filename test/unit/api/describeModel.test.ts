import { modelDescription } from '../../../shared/api/describeModel';
import type { ModelArtifact } from '../../../shared/model/ModelArtifact';
import type { TableRecipe } from '../../../shared/recipe/TableRecipe';

/** A model.json with what the description reads; estimator states are never looked at. */
function model(recipe?: Partial<TableRecipe>): ModelArtifact {
  return {
    version: 1,
    runId: '0123456789abcdef',
    createdAt: '2026-11-30T10:00:00.000Z',
    schema: { idColumn: 'id', numeric: ['spend', 'revenue_2024-01'], boolean: ['promo'], categorical: ['plan'], featureNames: [] },
    encoders: { kind: 'onehot', columns: [{ name: 'plan', categories: ['basic', 'pro'], other: true, mode: 'basic' }] },
    scaler: {} as never,
    pca: null,
    centroids: [{ segment: 0, name: 'Loyal', center: [] }, { segment: 2, name: 'At risk', center: [] }],
    churnModel: { type: 'classifier', state: {} as never },
    metrics: { k: 2, rocAuc: 0.81 },
    roles: { goal: 'churn', valueColumn: 'spend', referenceDate: '2026-11-01', dates: [] },
    ...(recipe ? { recipe: recipe as TableRecipe } : {}),
  } as ModelArtifact;
}

test('features come with their types and the categories the encoder learnt; never the id', () => {
  const d = modelDescription('shop', model());
  expect(d.features).toEqual([
    { name: 'spend', type: 'numeric' },
    { name: 'revenue_2024-01', type: 'numeric' },
    { name: 'promo', type: 'boolean' },
    { name: 'plan', type: 'categorical', categories: ['basic', 'pro'], otherCategory: true },
  ]);
  expect(d).toMatchObject({
    dataset: 'shop', runId: '0123456789abcdef', modelVersion: 1, createdAt: '2026-11-30T10:00:00.000Z', idColumn: 'id',
    input: 'customers', goal: 'churn', valueColumn: 'spend', referenceDate: '2026-11-01',
    segments: [{ segment: 0, name: 'Loyal' }, { segment: 2, name: 'At risk' }], churnModel: { type: 'classifier' }, metrics: { k: 2, rocAuc: 0.81 },
  });
  // Without a recipe or a manifest there is no file list to give.
  expect(d.files).toBeUndefined();
});

test('a model without a recipe lists the manifest the run was made with', () => {
  const d = modelDescription('shop', model(), [{ name: 'a.csv', role: 'customers' }, { name: 'b.csv', role: 'long', period: 'month', value: 'revenue' }]);
  expect(d.input).toBe('files');
  expect(d.files).toEqual([{ name: 'a.csv', role: 'customers' }, { name: 'b.csv', role: 'long', period: 'month', value: 'revenue' }]);
});

test('the recipe says what each file must hold: its key, columns and, for a long table, the periods', () => {
  const recipe: Partial<TableRecipe> = {
    version: 1,
    idColumn: 'id',
    files: [
      { name: 'a.csv', role: 'customers', key: 'id', columns: [{ name: 'id', kind: 'string' }, { name: 'spend', kind: 'number' }], exactText: ['id'] },
      {
        name: 'b.csv', role: 'long', key: 'id', columns: [{ name: 'id', kind: 'string' }, { name: 'month', kind: 'string' }, { name: 'revenue', kind: 'number' }], exactText: ['id'],
        pivot: { id: 'id', period: 'month', values: ['revenue'], periods: ['2024-01', '2024-02'] },
      },
    ],
  };
  const d = modelDescription('shop', model(recipe), [{ name: 'a.csv', role: 'customers' }, { name: 'b.csv', role: 'long', period: 'month', value: 'revenue' }]);
  expect(d.input).toBe('files');
  expect(d.files).toEqual([
    { name: 'a.csv', role: 'customers', key: 'id', columns: [{ name: 'id', kind: 'string' }, { name: 'spend', kind: 'number' }] },
    { name: 'b.csv', role: 'long', period: 'month', value: 'revenue', key: 'id', columns: [{ name: 'id', kind: 'string' }, { name: 'month', kind: 'string' }, { name: 'revenue', kind: 'number' }], periods: ['2024-01', '2024-02'] },
  ]);
  // One customer file without an id: rows are numbered, and the API takes `customers`.
  const single = modelDescription('one', model({ version: 1, idColumn: null, files: [{ name: 'c.csv', role: 'customers', key: '', columns: [{ name: 'spend', kind: 'number' }], exactText: [] }] }));
  expect(single.input).toBe('customers');
  expect(single.files).toEqual([{ name: 'c.csv', role: 'customers', key: null, columns: [{ name: 'spend', kind: 'number' }] }]);
});
