import { bufferSource } from '../../../shared/ingest/fileSource';
import { IngestError } from '../../../shared/ingest/IngestError';
import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { parseManifest } from '../../../shared/ingest/parseManifest';
import type { Column } from '../../../shared/ingest/Table';

const load = (text: string, manifest?: unknown) =>
  buildCustomerTable([bufferSource('c.csv', Buffer.from(text))], manifest ? parseManifest(manifest) : undefined);
const values = (columns: Column[], name: string) => columns.find((c) => c.name === name)!.values;

describe('ids: found by name or values, never a feature, returned exactly', () => {
  test.each([['KundenNr'], ['ACCT_KEY'], ['Номер клиента'], ['codigo_cliente']])('an unfamiliar id name (%s) with leading zeros', async (name) => {
    const ids = ['0001', '0002', '0010', '0099', '0100', '0007'];
    const text = `${name},spend_monthly,visits\n` + ids.map((id, i) => `${id},${10 + i},${i % 3}`).join('\n') + '\n';
    const { schema, table } = await load(text);
    expect(schema.id).toBe(name);
    expect(schema.roles.id.confidence).toBe('high');
    expect(values(table.columns, name)).toEqual(ids);
    expect([...schema.numeric, ...schema.categorical, ...schema.boolean]).not.toContain(name);
  });

  test('20-digit ids, padded ids, ids with inner spaces and unicode come back byte-for-byte', async () => {
    const ids = ['12345678901234567890', '12345678901234567891', '00123', 'A 17', 'ÄÖ-ß-7', 'клиент-1', '+44', '15291.0'];
    const text = 'customer_id,spend_monthly\n' + ids.map((id, i) => `"${id}",${i * 2 + 1}`).join('\n') + '\n';
    const { table } = await load(text);
    expect(values(table.columns, 'customer_id')).toEqual(ids);
  });

  test('a column unique on every row and written as codes is the id even when its name says nothing', async () => {
    const codes = Array.from({ length: 30 }, (_, i) => `X${(7000 + i * 13).toString(36).toUpperCase()}-${i}`);
    const text = 'ref,spend_monthly,plan\n' + codes.map((c, i) => `${c},${i * 1.5 + 3},${i % 2 ? 'a' : 'b'}`).join('\n') + '\n';
    const { schema } = await load(text);
    expect(schema.id).toBe('ref');
    expect(schema.roles.id.confidence).toBe('medium');
  });

  test('no id: rows are numbered and the decision says so', async () => {
    const { schema } = await load('spend_monthly,plan\n10,a\n12,b\n11,a\n');
    expect(schema.id).toBeNull();
    expect(schema.roles.id).toMatchObject({ column: null, confidence: 'none' });
    expect(schema.roles.id.evidence).toContain('row_id');
  });

  test('rows sharing an id but differing are kept, listed with their rows; exact copies collapse', async () => {
    const text = 'id,spend_monthly\n007,10\n008,11\n007,99\n008,11\n009,5\n';
    const { table, quality } = await load(text);
    expect(values(table.columns, 'id')).toEqual(['007', '008', '007', '009']);
    expect(quality.duplicateIds).toEqual([{ id: '007', rows: [1, 3] }]);
    expect(quality.rows).toMatchObject({ input: 5, duplicateRowsRemoved: 1, output: 4 });
  });
});

describe('target and goal', () => {
  const rows = (n: number, label: (i: number) => string) => Array.from({ length: n }, (_, i) => `c${i},${(i * 37) % 101},${label(i)}`).join('\n') + '\n';

  test('a response target is a conversion goal, a churn target a churn goal', async () => {
    const conv = await load('id,visits,responded\n' + rows(60, (i) => (i % 3 ? 'no' : 'yes')));
    expect(conv.schema.target).toMatchObject({ column: 'responded', positive: 'yes', goal: 'conversion' });
    expect(conv.schema.goal).toBe('conversion');
    const churn = await load('id,visits,churned\n' + rows(60, (i) => (i % 3 ? '0' : '1')));
    expect(churn.schema.goal).toBe('churn');
    const manifest = await load('id,visits,target\n' + rows(60, (i) => (i % 3 ? '0' : '1')), { goal: 'conversion' });
    expect(manifest.schema.roles.goal).toMatchObject({ goal: 'conversion', confidence: 'manifest' });
  });

  test('a generic label whose words say nothing stays neutral and is reported as a weak guess', async () => {
    const { schema } = await load('id,visits,target\n' + rows(60, (i) => (i % 3 ? '0' : '1')));
    expect(schema.target).toMatchObject({ column: 'target', positive: '1' });
    expect(schema.roles.goal).toMatchObject({ goal: 'neutral', confidence: 'low' });
  });

  test('a three-class target without "positive" is a clear error; with it, one class against the rest', async () => {
    const text = 'id,visits,target\n' + rows(60, (i) => ['gold', 'silver', 'bronze'][i % 3]!);
    const err = await load(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).toJSON()).toMatchObject({ code: 'TARGET_MULTICLASS', column: 'target' });
    expect((err as IngestError).hint).toContain('"positive"');
    const { schema } = await load(text, { positive: 'gold' });
    expect(schema.target).toMatchObject({ column: 'target', positive: 'gold', classes: expect.arrayContaining(['gold', 'silver', 'bronze']) });
  });

  test('a planted leak is excluded with its reason; the manifest can force it back', async () => {
    const n = 400;
    const lines = ['id,tenure,plan,churn_score_model,churn'];
    for (let i = 0; i < n; i++) {
      const churn = (i * 7919) % 5 === 0 ? 1 : 0;
      lines.push(`c${i},${(i * 13) % 60},${i % 2 ? 'a' : 'b'},${(churn ? 0.6 : 0.1) + ((i * 31) % 10) / 100},${churn}`);
    }
    const text = lines.join('\n') + '\n';
    const { schema, quality } = await load(text);
    expect(schema.numeric).not.toContain('churn_score_model');
    expect(quality.excluded).toContainEqual({ column: 'churn_score_model', reason: expect.stringMatching(/ROC AUC 1\.000/) });
    const forced = await load(text, { include: ['churn_score_model'] });
    expect(forced.schema.numeric).toContain('churn_score_model');
  });
});

describe('the value column', () => {
  test('money per period over a running total; never hours, counts or cashback', async () => {
    const lines = ['id,HourSpendOnApp,OrderCount,CashbackAmount,TotalCharges,MonthlyCharges'];
    for (let i = 0; i < 40; i++) lines.push(`c${i},${(i % 5) + 0.5},${i % 9},${100 + i * 3.3},${(i + 1) * 55.5},${20 + (i % 17) * 4.25}`);
    const { schema } = await load(lines.join('\n') + '\n');
    expect(schema.value).toBe('MonthlyCharges');
    expect(schema.roles.value.confidence).toBe('high');
    expect(schema.roles.value.evidence).toContain('TotalCharges');
  });

  test('nothing that reads as money: no value column, and priority by risk alone is said', async () => {
    const lines = ['id,HourSpendOnApp,OrderCount,CashbackAmount'];
    for (let i = 0; i < 40; i++) lines.push(`c${i},${(i % 5) + 0.5},${i % 9},${100 + i * 3.3}`);
    const { schema } = await load(lines.join('\n') + '\n');
    expect(schema.value).toBeNull();
    expect(schema.roles.value.evidence).toContain('risk alone');
  });

  test('Russian, Spanish and Portuguese money names; the manifest overrides', async () => {
    for (const name of ['Выручка_в_месяц', 'gasto_mensual', 'receita_mensal']) {
      const lines = [`id,${name},visits`];
      for (let i = 0; i < 30; i++) lines.push(`c${i},${100 + i * 7.5},${i % 4}`);
      const { schema } = await load(lines.join('\n') + '\n');
      expect(schema.value).toBe(name);
    }
    const lines = ['id,spend_monthly,profit'];
    for (let i = 0; i < 30; i++) lines.push(`c${i},${100 + i * 7.5},${i * 3.25 + 1}`);
    const { schema } = await load(lines.join('\n') + '\n', { value: 'spend_monthly' });
    expect(schema.roles.value).toMatchObject({ column: 'spend_monthly', confidence: 'manifest' });
  });
});

describe('dates', () => {
  const file = (header: string, dates: string[]) =>
    `id,${header},spend_monthly\n` + dates.map((d, i) => `c${i},${d},${10 + i}`).join('\n') + '\n';
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

  test('DD-MM-YYYY decided by a first field above 12', async () => {
    const { table, schema } = await load(file('signup', ['03-04-2024', '25-12-2023', '01-02-2024']));
    expect(schema.roles.dates).toContainEqual(expect.objectContaining({ column: 'signup', format: 'DD-MM-YYYY', confidence: 'high' }));
    const days = values(table.columns, 'signup_days_ago') as Float64Array;
    // Reference = the latest date (3 April 2024).
    expect(Array.from(days)).toEqual([0, (day('2024-04-03') - day('2023-12-25')) / 864e5, (day('2024-04-03') - day('2024-02-01')) / 864e5]);
    expect(schema.roles.referenceDate).toBe('2024-04-03T00:00:00.000Z');
  });

  test('MM/DD/YYYY decided by a second field above 12', async () => {
    const { table, schema } = await load(file('last_order', ['04/03/2024', '12/25/2023', '02/01/2024']));
    expect(schema.roles.dates).toContainEqual(expect.objectContaining({ column: 'last_order', format: 'MM/DD/YYYY' }));
    expect(Array.from(values(table.columns, 'last_order_days_ago') as Float64Array)[1]).toBe((day('2024-04-03') - day('2023-12-25')) / 864e5);
  });

  test('ISO dates, Excel serials and Unix seconds', async () => {
    const iso = await load(file('joined', ['2024-01-01', '2024-03-01', '2024-02-01']));
    expect(iso.schema.roles.dates[0]).toMatchObject({ column: 'joined', format: 'date' });
    const serial = await load(file('created_date', ['45292', '45352', '45323']));
    expect(serial.schema.roles.dates[0]).toMatchObject({ column: 'created_date', format: 'excel' });
    expect(Array.from(values(serial.table.columns, 'created_date_days_ago') as Float64Array)).toEqual([60, 0, 29]);
    const unix = await load(file('last_login_ts', ['1704067200', '1709251200', '1706745600']));
    expect(unix.schema.roles.dates[0]).toMatchObject({ column: 'last_login_ts', format: 'unix-seconds' });
  });

  test('day and month that cannot be told apart: assumed, marked ambiguous, overridable', async () => {
    const { schema } = await load(file('signup', ['03/04/2024', '05/06/2023', '01/02/2024']));
    expect(schema.roles.dates[0]).toMatchObject({ format: 'MM/DD/YYYY', ambiguous: true, confidence: 'low' });
    const declared = await load(file('signup', ['03/04/2024', '05/06/2023', '01/02/2024']), { dates: { signup: 'DD/MM/YYYY' } });
    expect(declared.schema.roles.dates[0]).toMatchObject({ format: 'DD/MM/YYYY', confidence: 'manifest' });
  });
});
